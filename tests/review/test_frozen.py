"""Approved means frozen: no view, form, admin page or model call changes an approved revision,
and the approved IDD's plan cannot be edited."""

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from idd.models import Initiative, Revision
from idd.models.access import may
from idd.models.review import FrozenRevision
from idd.reference.choices import InitiativeStatus as S
from idd.services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    revision = review.approve(initiative, reviewer, "Sound plan.")
    return Initiative.objects.get(pk=initiative.pk), revision


def stored(revision):
    row = Revision.objects.values("number", "snapshot", "pdf", "approved_by", "approved_at")
    return row.get(pk=revision.pk)


def test_a_revision_refuses_every_write_after_it_is_created(approved):
    _, revision = approved
    before = stored(revision)
    revision.snapshot = {"meta": {"title": "Rewritten"}}
    attempts = (
        revision.save,
        revision.delete,
        lambda: Revision.objects.filter(pk=revision.pk).update(snapshot={}),
        lambda: Revision.objects.filter(pk=revision.pk).delete(),
        lambda: Revision.objects.bulk_update([revision], ["snapshot"]),
    )
    for attempt in attempts:
        with pytest.raises(FrozenRevision), transaction.atomic():
            attempt()
    assert stored(revision) == before


def test_the_revision_keeps_the_idd_as_approved_when_the_next_revision_changes(
    client, approved, owner
):
    initiative, revision = approved
    review.start_revision(initiative, owner)
    Initiative.objects.filter(pk=initiative.pk).update(problem_statement="A new problem.")
    client.force_login(owner)
    page = client.get(reverse("revision_detail", args=[initiative.pk, 1])).content.decode()
    assert "Illegal fishing goes unchallenged" in page
    assert "A new problem." not in page
    assert stored(revision)["snapshot"] == revision.snapshot


def test_the_admin_shows_revisions_and_decisions_read_only(admin_client, approved):
    initiative, revision = approved
    decision = initiative.review_decisions.get()
    for name, obj in (("revision", revision), ("reviewdecision", decision)):
        change = reverse(f"admin:idd_{name}_change", args=[obj.pk])
        page = admin_client.get(change)
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()  # no save button: view only
        assert admin_client.post(change, {"reason": "Rewritten"}).status_code == 403
        delete = reverse(f"admin:idd_{name}_delete", args=[obj.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
        assert admin_client.get(reverse(f"admin:idd_{name}_add")).status_code == 403
    assert stored(revision)["snapshot"] == revision.snapshot
    assert initiative.review_decisions.get().reason == "Sound plan."


def test_the_admin_cannot_change_an_initiative_or_its_status(admin_client, approved):
    initiative, _ = approved
    change = reverse("admin:idd_initiative_change", args=[initiative.pk])
    assert admin_client.post(change, {"status": S.DRAFT, "title": "X"}).status_code == 403
    # Reverting to an earlier historical record would write the old status back.
    earlier = initiative.history.filter(status=S.IN_REVIEW).first()
    revert = reverse(
        "admin:idd_initiative_simple_history", args=[initiative.pk, earlier.history_id]
    )
    assert admin_client.post(revert, {"title": initiative.title}).status_code == 403
    after = Initiative.objects.get(pk=initiative.pk)
    assert (after.status, after.title) == (S.APPROVED, initiative.title)


def test_the_approved_plan_cannot_be_edited_in_the_guided_form(client, approved, owner):
    initiative, _ = approved
    client.force_login(owner)
    for step in ("basics", "deliverables", "risks", "review"):
        url = reverse("wizard_step", args=[initiative.pk, step])
        assert client.get(url).status_code == 403
        response = client.post(url, {"lock-version": initiative.version, "action": "continue"})
        assert response.status_code == 403
    assert not may(owner, "edit", initiative)
    assert Initiative.objects.get(pk=initiative.pk).version == initiative.version


def test_a_second_approval_of_the_same_revision_is_impossible(approved, reviewer):
    initiative, _ = approved
    with pytest.raises(review.RefusedTransition):
        review.approve(initiative, reviewer)
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 (the unique constraint)
        Revision.objects.create(
            initiative=initiative,
            number=1,
            snapshot={},
            approved_by=reviewer,
            approved_at=timezone.now(),
        )
    assert Revision.objects.filter(initiative=initiative).count() == 1


def test_the_revision_pages_only_read(client, approved, owner, reviewer):
    initiative, revision = approved
    before = stored(revision)
    for user in (owner, reviewer):
        client.force_login(user)
        for name, args in (
            ("revision_list", [initiative.pk]),
            ("revision_detail", [initiative.pk, 1]),
            ("revision_pdf", [initiative.pk, 1]),
            ("revision_diff", [initiative.pk]),
        ):
            assert client.post(reverse(name, args=args), {"snapshot": "{}"}).status_code == 405
    assert stored(revision) == before


def test_recording_a_delivery_after_approval_leaves_the_revision_as_approved(
    client, approved, owner
):
    """Monitoring goes on after approval (by design); the approved record does not move."""
    initiative, revision = approved
    before = stored(revision)
    deliverable = initiative.partner_deliverables.order_by("position", "pk").first()
    client.force_login(owner)
    response = client.post(
        reverse("deliverable_record", args=[initiative.pk, deliverable.pk]),
        {
            "status": "delivered",
            "evidence": "Signed order seen",
            "delivered_on": "2026-06-01",
            "lock-version": initiative.version,
        },
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == "delivered"
    assert stored(revision) == before
    assert before["snapshot"]["deliverables"][0]["status"] == "planned"
    assert Initiative.objects.get(pk=initiative.pk).status == S.APPROVED


def test_the_review_page_of_an_approved_idd_shows_it_as_approved(client, approved, owner):
    initiative, _ = approved
    initiative.partner_deliverables.filter(title__startswith="Fund").update(
        title="Recorded after approval"
    )
    client.force_login(owner)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Revision 1 approved by" in page
    assert "Fund fuel and spare parts in the defense budget" in page
    assert "Recorded after approval" not in page


def test_the_pdf_stored_after_approval_is_the_one_the_revision_names(
    make_initiative, reviewer, django_capture_on_commit_callbacks
):
    """The revision records its PDF's name on approval; storing the file after the commit
    writes nothing to the frozen row."""
    initiative = make_initiative(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        revision = review.approve(initiative, reviewer, "Sound plan.")
    assert stored(revision)["pdf"] == revision.pdf.name
    assert revision.pdf.name.startswith(f"revisions/initiative-{initiative.pk}-revision-1-")
    with default_storage.open(revision.pdf.name) as file:
        assert file.read(5) == b"%PDF-"
