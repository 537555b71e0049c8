"""Deleting a draft that was never submitted: the owner confirms on a page that says what
goes, the POST deletes it and leaves a record; everyone else, and every IDD that was ever
submitted, is refused with a message, never a 500."""

import pytest
from django.urls import reverse

from idd.document.audit import REMOVED, trail
from idd.models import Initiative, PartnerDeliverable, Revision
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests.responses import messages_of

pytestmark = pytest.mark.django_db


def url(initiative) -> str:
    return reverse("initiative_delete", args=[initiative.pk])


def test_the_owner_sees_what_will_be_deleted(client, draft, owner):
    client.force_login(owner)
    page = client.get(url(draft)).content.decode()
    assert f"Delete the draft “{draft.title}”?" in page
    assert "<li>2 partner deliverables</li>" in page
    assert "<li>1 U.S. input</li>" in page
    assert "<li>3 risks</li>" in page
    assert "<li>5 yearly objectives</li>" in page
    assert "<li>0 prior assistance entries</li>" in page
    assert "Delete this draft</button>" in page
    # Cancel goes back to the initiative, keeping it.
    detail = reverse("initiative_detail", args=[draft.pk])
    assert f'<a class="usa-button usa-button--outline" href="{detail}">Cancel</a>' in page


def test_deleting_goes_to_the_dashboard_and_leaves_a_record_of_who_and_what(client, draft, owner):
    client.force_login(owner)
    pk, title = draft.pk, draft.title
    response = client.post(url(draft))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert messages_of(response) == [f"The draft “{title}” was deleted."]
    assert not Initiative.objects.filter(pk=pk).exists()
    assert not PartnerDeliverable.objects.filter(initiative_id=pk).exists()
    record = Initiative.history.get(id=pk, history_type="-")
    assert record.history_user == owner
    # As much of what went as the history's 100 characters hold (PostgreSQL refuses more).
    reason = record.history_change_reason
    assert reason.startswith(
        "Deleted before it was ever submitted, with 5 yearly objectives, 2 partner deliverables"
    )
    assert len(reason) <= 100 and reason.endswith("…")
    # The audit trail still tells it, with the rows that went with it.
    removed = [e for e in trail(pk) if e.kind == REMOVED]
    assert {e.group for e in removed} >= {"Initiative", "Partner deliverable", "Risk"}
    assert all(e.who == "Olive Owner" for e in removed)


def test_a_second_press_of_delete_after_the_first_is_answered_not_page_not_found(
    client, draft, owner, user_of
):
    client.force_login(owner)
    title = draft.title
    client.post(url(draft), follow=True)  # deleted, and its message read on the dashboard
    again = client.post(url(draft))
    assert again.status_code == 302 and again["Location"] == reverse("dashboard")
    assert messages_of(again) == [f"The draft “{title}” was deleted."]
    # Someone else asking after a deleted draft learns nothing of it.
    client.force_login(user_of("teammate"))
    assert client.post(url(draft)).status_code == 404


@pytest.mark.parametrize("role", ["teammate", "outsider", "reviewer"])
def test_nobody_but_the_owner_may_delete_it(client, draft, user_of, role):
    client.force_login(user_of(role))
    assert client.get(url(draft)).status_code == 403
    response = client.post(url(draft))
    assert response.status_code == 403
    assert "Only the initiative&#x27;s owner can delete it." in response.content.decode()
    assert Initiative.objects.filter(pk=draft.pk).exists()


def test_a_user_without_a_role_is_not_told_it_exists(client, draft, no_role_user):
    client.force_login(no_role_user)
    response = client.post(url(draft))
    assert response.status_code == 404
    assert draft.title not in response.content.decode()
    assert Initiative.objects.filter(pk=draft.pk).exists()


def test_a_submitted_idd_is_refused_with_a_message(client, draft, owner):
    review.submit(draft, owner)
    client.force_login(owner)
    page = client.get(url(draft)).content.decode()
    assert "This IDD cannot be deleted" in page
    assert "only a draft that was never submitted can be deleted" in page
    assert "Delete this draft</button>" not in page
    response = client.post(url(draft))
    assert response["Location"] == reverse("initiative_detail", args=[draft.pk])
    assert messages_of(response) == [
        "This IDD is submitted: only a draft that was never submitted can be deleted. "
        "Its record is kept: withdraw it instead if it is no longer needed."
    ]
    assert Initiative.objects.get(pk=draft.pk).status == S.SUBMITTED


def test_a_withdrawn_idd_is_kept(client, draft, owner):
    review.withdraw(draft, owner)
    client.force_login(owner)
    response = client.post(url(draft))
    assert messages_of(response) == ["A withdrawn IDD is kept as a record: it cannot be deleted."]
    assert Initiative.objects.filter(pk=draft.pk).exists()


def test_the_next_revision_of_an_approved_idd_is_kept(client, draft, owner, reviewer):
    """A draft again, but its approved revision is a record (Revision uses PROTECT)."""
    draft = review.start_review(review.submit(draft, owner), reviewer)
    review.approve(draft, reviewer)
    review.start_revision(Initiative.objects.get(pk=draft.pk), owner)
    assert Initiative.objects.get(pk=draft.pk).status == S.DRAFT
    client.force_login(owner)
    response = client.post(url(draft))
    assert response.status_code == 302
    assert messages_of(response) == [
        "This draft was submitted for review before. "
        "Its record is kept: withdraw it instead if it is no longer needed."
    ]
    assert Revision.objects.filter(initiative_id=draft.pk).exists()


def test_a_draft_submitted_once_and_returned_cannot_be_deleted(client, draft, owner, reviewer):
    draft = review.start_review(review.submit(draft, owner), reviewer)
    review.request_changes(draft, reviewer, "Name the mitigation.")
    client.force_login(owner)
    client.post(url(draft))
    assert Initiative.objects.filter(pk=draft.pk).exists()


def test_the_initiative_page_offers_delete_only_to_the_owner_of_a_deletable_draft(
    client, draft, owner, teammate
):
    page = reverse("initiative_detail", args=[draft.pk])
    client.force_login(owner)
    assert url(draft) in client.get(page).content.decode()
    client.force_login(teammate)
    assert url(draft) not in client.get(page).content.decode()
    review.submit(draft, owner)
    client.force_login(owner)
    assert url(draft) not in client.get(page).content.decode()
