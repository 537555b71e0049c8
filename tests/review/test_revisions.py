"""Approved revisions: listed, shown as approved, their stored PDF served, compared."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from idd.models import Initiative, PartnerDeliverable
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review
from tests.export.worker import run_the_worker

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]


@pytest.fixture
def two_revisions(make_initiative, owner, reviewer):
    """Revision 1 approved; revision 2 changes a deliverable, adds one and is approved."""
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer)
    review.start_revision(initiative, owner)
    PartnerDeliverable.objects.filter(initiative=initiative, title__startswith="Fund").update(
        political_risk=4, title="Fund fuel, spare parts and pay"
    )
    PartnerDeliverable.objects.create(
        initiative=initiative,
        title="Publish the patrol schedule",
        category="other",
        due_fiscal_year=2029,
        due_quarter=1,
        verification_method="Gazette",
        political_risk=2,
    )
    review.submit(initiative, owner)
    review.start_review(initiative, reviewer)
    review.approve(initiative, reviewer)
    return Initiative.objects.get(pk=initiative.pk)


def test_anyone_with_a_role_downloads_the_approved_pdf(client, two_revisions, user_of):
    client.force_login(user_of("owner"))
    assert client.get(reverse("revision_pdf", args=[two_revisions.pk, 1])).status_code == 202
    run_the_worker()  # the approval's own request stored nothing: it did not commit here
    for role in ("owner", "teammate", "outsider", "reviewer"):
        client.force_login(user_of(role))
        listing = client.get(reverse("revision_list", args=[two_revisions.pk])).content.decode()
        assert "Revision 2" in listing and "Revision 1" in listing
        response = client.get(reverse("revision_pdf", args=[two_revisions.pk, 1]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "-rev1.pdf" in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response))).pages)
    assert "Kestrela coastal patrol capability" in text
    assert "Fund fuel and spare parts in the defense budget" in text  # as approved then
    assert "Publish the patrol schedule" not in text
    client.force_login(user_of("no_role_user"))
    assert client.get(reverse("revision_pdf", args=[two_revisions.pk, 1])).status_code == 404


def test_a_revision_page_keeps_its_review_decisions_and_comments(
    client, make_initiative, owner, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    comments.add_comment(initiative, reviewer, "risks", "Name the abandonment risk.")
    review.request_changes(initiative, reviewer, "Name the abandonment risk first.")
    review.resubmit(initiative, owner)
    review.start_review(initiative, reviewer)
    review.approve(initiative, reviewer, "Sound plan.")
    review.start_revision(initiative, owner)  # revision 2: the review page moves on

    client.force_login(owner)
    page = client.get(reverse("revision_detail", args=[initiative.pk, 1])).content.decode()
    assert "Review decisions on revision 1" in page
    assert "Changes requested</strong> by" in page
    assert "Name the abandonment risk first." in page
    assert "Approved</strong> by" in page and "Sound plan." in page
    assert "Review comments on this section (closed with revision 1)" in page
    assert "Name the abandonment risk." in page
    assert "Mark as resolved" not in page and "Send reply" not in page


def test_an_unknown_revision_is_not_found(client, two_revisions, owner):
    client.force_login(owner)
    assert client.get(reverse("revision_detail", args=[two_revisions.pk, 9])).status_code == 404
    assert client.get(reverse("revision_pdf", args=[two_revisions.pk, 9])).status_code == 404


def test_the_diff_shows_what_changed_between_the_two_revisions(client, two_revisions, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("revision_diff", args=[two_revisions.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Changes from revision 1 as approved to revision 2 as approved" in text
    assert "Publish the patrol schedule" in text
    assert "Fund fuel, spare parts and pay" in text
    deliverables = next(s for s in response.context["sections"] if s.slug == "deliverables")
    assert [(r.kind, r.name) for r in deliverables.rows] == [
        ("changed", "D2 Fund fuel, spare parts and pay"),
        ("added", "D3 Publish the patrol schedule"),
    ]
    basics = next(s for s in response.context["sections"] if s.slug == "basics")
    assert not basics.changed


def test_the_diff_compares_an_approved_revision_with_the_current_draft(
    client, two_revisions, owner
):
    review.start_revision(two_revisions, owner)
    Initiative.objects.filter(pk=two_revisions.pk).update(theory_of_change="A new theory.")
    client.force_login(owner)
    response = client.get(
        reverse("revision_diff", args=[two_revisions.pk]), {"old": "2", "new": "current"}
    )
    context = next(s for s in response.context["sections"] if s.slug == "context")
    assert [(f.label, f.new) for f in context.fields] == [("Theory of change", "A new theory.")]
    assert "Changes from revision 2 as approved to the current version (draft)" in (
        response.content.decode()
    )


@pytest.mark.parametrize("query", [{"old": "1", "new": "1"}, {"old": "7", "new": "current"}])
def test_a_bad_comparison_is_explained(client, two_revisions, owner, query):
    client.force_login(owner)
    response = client.get(reverse("revision_diff", args=[two_revisions.pk]), query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_before_any_approval_there_is_nothing_to_compare(client, make_initiative, owner):
    client.force_login(owner)
    response = client.get(reverse("revision_diff", args=[make_initiative().pk]))
    assert response.status_code == 200
    assert "nothing to compare" in response.content.decode()


def test_rows_of_real_snapshots_are_matched_by_id_not_by_place(make_initiative):
    from idd.document.diff import diff
    from idd.document.snapshot import load, snapshot

    initiative = make_initiative(S.DRAFT)
    before = snapshot(load(initiative.pk))
    initiative.risks.order_by("position", "pk").first().delete()  # the first of three
    after = snapshot(load(initiative.pk))
    risks = next(s for s in diff(before, after) if s.slug == "risks")
    assert [(r.kind, r.name.split(":")[0]) for r in risks.rows] == [
        ("removed", "Entrapment (U.S. drawn into the partner's conflicts)")
    ]
