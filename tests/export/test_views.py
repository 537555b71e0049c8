"""The print view and the PDF download: anyone with a role reads, nobody else."""

import pytest
import tinycss2
from django.urls import reverse

from tests.export.pdftools import flat, pdf_text
from tests.export.worker import run_the_worker


@pytest.fixture
def with_rows(initiative):
    from tests import factories

    factories.PartnerDeliverableFactory(initiative=initiative, title="Fund boat fuel")
    return initiative


@pytest.mark.parametrize("who", ["owner", "teammate", "outsider", "reviewer"])
def test_anyone_with_a_role_gets_the_print_view(client, request, with_rows, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("initiative_print", args=[with_rows.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{with_rows.title}: Initiative Design Document, revision 1</title>" in html
    assert "Fund boat fuel" in html
    assert reverse("initiative_pdf", args=[with_rows.pk]) in html
    assert reverse("initiative_detail", args=[with_rows.pk]) in html
    assert 'href="/static/css/print.css"' in html


@pytest.mark.parametrize("who", ["owner", "teammate", "outsider", "reviewer"])
def test_anyone_with_a_role_downloads_the_pdf(client, request, with_rows, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("initiative_pdf", args=[with_rows.pk])).status_code == 202
    run_the_worker()
    response = client.get(reverse("initiative_pdf", args=[with_rows.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    slug = with_rows.title.lower().replace(" ", "-")
    assert response["Content-Disposition"] == f'attachment; filename="IDD-{slug}-rev1.pdf"'
    pdf = b"".join(response.streaming_content)
    assert "Fund boat fuel" in flat(" ".join(pdf_text(pdf)))


@pytest.mark.parametrize("name", ["initiative_print", "initiative_pdf"])
def test_users_without_a_role_are_not_told_it_exists(client, no_role_user, initiative, name):
    client.force_login(no_role_user)
    assert client.get(reverse(name, args=[initiative.pk])).status_code == 404


@pytest.mark.parametrize("name", ["initiative_print", "initiative_pdf"])
def test_anonymous_visitors_sign_in_first(client, initiative, name):
    response = client.get(reverse(name, args=[initiative.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["initiative_print", "initiative_pdf"])
def test_an_unknown_initiative_is_not_found(client, reviewer, name):
    client.force_login(reviewer)
    assert client.get(reverse(name, args=[999_999])).status_code == 404


def test_exports_are_read_only(client, owner, initiative):
    client.force_login(owner)
    assert client.post(reverse("initiative_pdf", args=[initiative.pk])).status_code == 405


def test_the_browser_print_stylesheet_puts_the_marking_in_the_margins(client, reviewer, settings):
    settings.MARKING = 'CUI"} body { display: none } @page { x: "\\'
    client.force_login(reviewer)
    response = client.get(reverse("browser_print_css"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    rules = tinycss2.parse_stylesheet(response.content.decode(), True, True)
    assert [rule.type for rule in rules] == ["at-rule", "qualified-rule"]
    assert rules[0].lower_at_keyword == "page"
    boxes = tinycss2.parse_blocks_contents(rules[0].content, True, True)
    assert [box.lower_at_keyword for box in boxes] == ["top-center", "bottom-center"]
    for box in boxes:
        (declaration,) = tinycss2.parse_blocks_contents(box.content, True, True)
        assert declaration.name == "content"
        (value,) = [token for token in declaration.value if token.type != "whitespace"]
        assert value.type == "string" and value.value == settings.MARKING
