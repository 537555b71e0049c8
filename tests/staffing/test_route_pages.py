"""The route on screen (issue 27, item 5): the review page's route panel, an office's
decision posted from it, the approval confirmed on its own page, forwarding, "Awaiting my
office" on the dashboard, History's routing events, and the printed coordination block."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.models import Initiative, OfficeDecision, Route
from idd.reference.choices import InitiativeStatus as S
from idd.services import staffing
from tests import factories
from tests.export.pdftools import flat, pdf_text

pytestmark = pytest.mark.django_db


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


def review_page(client, user, initiative) -> str:
    client.force_login(user)
    response = client.get(reverse("initiative_review", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str) -> str:
    return html.split('id="route"')[1].split("</section>")[0]


@pytest.fixture
def routed(command):
    staffing.submit(command.initiative, command.planner)
    return Route.objects.get()


def test_submitting_from_the_confirmation_page_picks_the_route(client, command):
    c = command
    client.force_login(c.planner)
    page = client.get(reverse("initiative_submit_confirm", args=[c.initiative.pk]))
    assert "Staffing route" in page.content.decode()
    response = client.post(
        reverse("initiative_submit", args=[c.initiative.pk]), {"route": c.template.pk}
    )
    assert response.status_code == 302
    assert Route.objects.get().template == c.template
    assert fresh(c.initiative).status == S.IN_REVIEW


def test_the_panel_shows_stages_offices_suspense_in_words_and_the_form_for_my_office(
    client, command, routed
):
    c = command
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, "concur", round_=routed.round)
    Route.objects.filter(pk=routed.pk).update(suspense=timezone.localdate() - timedelta(days=7))
    html = panel(review_page(client, c.j8_officer, c.initiative))
    assert "Stage 1" in html and "Stage 2" in html
    assert "Jo Four" in html and "Concur" in html  # J4's decision, by whom
    assert "Overdue by" in html and "<strong>overdue</strong>" in html  # in words
    assert "Decide for J8" in html and "Decide for J4" not in html
    # The planner reads the route but decides for nobody.
    assert "Decide for" not in panel(review_page(client, c.planner, c.initiative))


def test_an_office_decision_posted_from_the_panel(client, command, routed):
    c = command
    client.force_login(c.j8_officer)
    url = reverse("route_office_decision", args=[c.initiative.pk, c.j8.pk])
    prefix = f"office-{c.j8.pk}"
    missing = client.post(url, {f"{prefix}-outcome": "non_concur", f"{prefix}-round": routed.round})
    assert missing.status_code == 400
    assert "Say why your office does not concur" in missing.content.decode()
    response = client.post(
        url,
        {
            f"{prefix}-outcome": "concur_with_comment",
            f"{prefix}-comment": "Fuel is understated.",
            f"{prefix}-round": routed.round,
        },
    )
    assert response.status_code == 302
    assert OfficeDecision.objects.get().comment == "Fuel is understated."
    # The same form again (a second tab): refused, with the comment given back.
    again = client.post(
        url,
        {f"{prefix}-outcome": "concur", f"{prefix}-round": routed.round},
        follow=True,
    )
    assert "J8 has already decided at this stage" in again.content.decode()
    # For an office one does not belong to: refused.
    other = client.post(
        reverse("route_office_decision", args=[c.initiative.pk, c.j4.pk]),
        {f"office-{c.j4.pk}-outcome": "concur", f"office-{c.j4.pk}-round": routed.round},
        follow=True,
    )
    assert "not for J4" in other.content.decode()
    assert OfficeDecision.objects.count() == 1


def test_approval_is_confirmed_then_freezes(client, command, routed):
    c = command
    for officer, office in ((c.j4_officer, c.j4), (c.j8_officer, c.j8)):
        staffing.decide(fresh(c.initiative), officer, office, "concur", round_=routed.round)
    staffing.decide(fresh(c.initiative), c.sja_officer, c.sja, "concur", round_=routed.round + 1)
    assert "Approve or return to the planners…" in panel(
        review_page(client, c.director, c.initiative)
    )
    url = reverse("route_approve", args=[c.initiative.pk])
    assert "freezes revision 1" in client.get(url).content.decode()
    client.post(url, {"route-approval-remarks": "Good."})
    assert fresh(c.initiative).status == S.APPROVED
    # The planner may now forward it to DSCA.
    assert "Forward to DSCA" in panel(review_page(client, c.planner, c.initiative))
    client.post(reverse("route_forward", args=[c.initiative.pk]), {"route": c.dsca_template.pk})
    assert Route.objects.filter(forwarded=True).exists()
    client.force_login(c.dsca_officer)
    assert client.get(reverse("initiative_review", args=[c.initiative.pk])).status_code == 200


def test_a_stranger_cannot_approve_from_the_page(client, command, routed):
    client.force_login(command.dsca_director)  # cannot even read it
    assert client.post(reverse("route_approve", args=[command.initiative.pk])).status_code == 404


def test_awaiting_my_office_lists_the_soonest_suspense_first(client, command, routed):
    c = command
    later = staffing.submit(
        factories.complete_initiative(owner=c.planner, title="Later IDD"), c.planner
    )
    Route.objects.filter(initiative=later).update(suspense=timezone.localdate() + timedelta(30))
    Route.objects.filter(pk=routed.pk).update(suspense=timezone.localdate() - timedelta(days=3))
    client.force_login(c.j8_officer)
    html = client.get(reverse("dashboard")).content.decode()
    section = html.split('id="awaiting-my-office"')[1].split("</section>")[0]
    assert section.index("Kestrela coastal patrol") < section.index("Later IDD")
    assert "Overdue by" in section
    staffing.decide(fresh(c.initiative), c.j8_officer, c.j8, "concur", round_=routed.round)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Kestrela coastal patrol" not in html.split('id="awaiting-my-office"')[1]


def test_history_holds_every_routing_event(client, command, routed):
    c = command
    staffing.decide(
        fresh(c.initiative), c.j4_officer, c.j4, "non_concur", "No budget line.", round_=1
    )
    client.force_login(c.planner)
    html = client.get(reverse("initiative_history", args=[c.initiative.pk])).content.decode()
    assert "Sent on the route “AFRICOM staffing”" in html
    assert "J4: non-concur (Stage 1)" in html and "No budget line." in html


def test_the_printed_idd_lists_each_office_decision(command, routed):
    c = command
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, "concur", round_=routed.round)
    staffing.decide(
        fresh(c.initiative),
        c.j8_officer,
        c.j8,
        "concur_with_comment",
        "Fuel is understated.",
        round_=routed.round,
    )
    text = flat(" ".join(pdf_text(render_pdf(snapshot(load(c.initiative.pk))))))
    assert "Coordination: each office's decision on the staffing route" in text
    assert "Stage 1, J4 Jo Four Concur" in text
    assert "Stage 1, J8 Jay Eight Concur with comment" in text
    assert "Fuel is understated." in text
