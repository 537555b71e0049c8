"""Each (re)submission stores the IDD as the reviewers received it; a resubmitted IDD's
review page shows what changed since the request for changes; any two versions compare."""

import re

import pytest
from django.db import transaction
from django.urls import reverse

from idd.document.snapshot import load, snapshot
from idd.models import Initiative, PartnerDeliverable, Submission
from idd.models.review import FrozenRecord
from idd.reference.choices import InitiativeStatus as S
from idd.services import review, submissions
from tests.factories import complete_initiative
from tests.review.marks import ins

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]

REASON = "Say who checks the fuel budget line."
NEW_THEORY = "If Kestrela mans and funds the company from its own budget, the capability lasts."
NEW_CHECK = "Finance law, copy filed by the SCO each October"


@pytest.fixture
def resubmitted(make_initiative, owner, reviewer):
    """Submitted, returned with a reason, its theory of change and a deliverable edited,
    then resubmitted."""
    initiative = review.submit(make_initiative(S.DRAFT), owner)
    initiative = review.start_review(initiative, reviewer)
    review.request_changes(initiative, reviewer, REASON)
    Initiative.objects.filter(pk=initiative.pk).update(theory_of_change=NEW_THEORY)
    PartnerDeliverable.objects.filter(initiative=initiative, title__startswith="Fund").update(
        verification_method=NEW_CHECK
    )
    return review.resubmit(Initiative.objects.get(pk=initiative.pk), owner)


# --- Stored on each submission ----------------------------------------------------------------


def test_submitting_and_resubmitting_each_store_the_idd_as_submitted(resubmitted, owner):
    first, second = resubmitted.submissions.order_by("sequence")
    assert (first.sequence, first.revision, first.submitted_by) == (1, 1, owner)
    assert (second.sequence, second.revision, second.submitted_by) == (2, 1, owner)
    assert first.snapshot["context"]["theory_of_change"] == (
        "If Kestrela mans and funds the company, the capability lasts."
    )
    assert second.snapshot["context"]["theory_of_change"] == NEW_THEORY
    assert second.snapshot == snapshot(load(resubmitted.pk))
    assert first.submitted_at <= second.submitted_at


def test_a_refused_submission_stores_nothing(make_initiative, outsider):
    initiative = make_initiative(S.DRAFT)
    with pytest.raises(review.RefusedTransition):
        review.submit(initiative, outsider)  # not on the team
    assert not Submission.objects.exists()


def test_a_submission_refuses_every_write_after_it_is_created(resubmitted):
    submission = resubmitted.submissions.first()
    before = Submission.objects.values().get(pk=submission.pk)
    submission.snapshot = {"meta": {"title": "Rewritten"}}
    attempts = (
        submission.save,
        submission.delete,
        lambda: Submission.objects.filter(pk=submission.pk).update(snapshot={}),
        lambda: Submission.objects.filter(pk=submission.pk).delete(),
        lambda: Submission.objects.bulk_update([submission], ["snapshot"]),
    )
    for attempt in attempts:
        with pytest.raises(FrozenRecord), transaction.atomic():
            attempt()
    assert Submission.objects.values().get(pk=submission.pk) == before


def test_the_changes_since_the_request_are_those_between_the_two_submissions(resubmitted):
    since = submissions.since_returned(resubmitted)
    assert since.request.reason == REASON
    assert since.changed == {"context", "deliverables"}
    context = next(s for s in since.sections if s.slug == "context")
    assert [f.label for f in context.fields] == ["Theory of change"]


def test_a_first_submission_has_no_changes_since_a_request(make_initiative, owner):
    initiative = review.submit(make_initiative(S.DRAFT), owner)
    assert submissions.since_returned(initiative) is None


def test_an_idd_resubmitted_before_submissions_were_stored_still_shows(
    client, make_initiative, owner, reviewer
):
    """Initiatives from before this feature: one stored submission, nothing to compare."""
    initiative = make_initiative(S.CHANGES_REQUESTED)
    initiative = review.resubmit(initiative, owner)
    assert submissions.since_returned(initiative) is None
    client.force_login(reviewer)
    page = client.get(reverse("initiative_review", args=[initiative.pk]))
    assert page.status_code == 200
    assert "request for changes</h2>" not in page.content.decode()


# --- The review page --------------------------------------------------------------------------


def review_page(client, user, initiative) -> str:
    client.force_login(user)
    response = client.get(reverse("initiative_review", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


CHANGED_TAG = ' <span class="usa-tag review-kind review-kind--changed">Changed</span>'


def test_the_reviewer_sees_the_changes_since_their_request_with_words_marked(
    client, resubmitted, reviewer
):
    page = review_page(client, reviewer, resubmitted)
    assert "Changes since your request for changes</h2>" in page
    assert "You asked:" in page and REASON in page
    assert "2 sections changed" in page
    # Word-level: the words added are marked, not the whole text.
    assert ins("from its own budget") in page
    assert "copy filed by the SCO" in page
    # The changed sections are tagged on their headings and in the contents; others are not.
    assert f'id="section-context-heading">Strategic context{CHANGED_TAG}</h2>' in page
    assert 'id="section-risks-heading">Risks</h2>' in page
    assert f'<a href="#section-deliverables">Partner deliverables{CHANGED_TAG}' in page
    unchanged_link = re.search(r'<a href="#section-risks">(.*?)</a>', page).group(1)
    assert "Changed" not in unchanged_link


def test_the_owner_and_an_outsider_read_the_same_changes_in_neutral_words(
    client, resubmitted, owner, outsider
):
    for user in (owner, outsider):
        page = review_page(client, user, resubmitted)
        assert "Changes since the request for changes</h2>" in page
        assert "The reviewer asked:" in page
        assert ins("from its own budget") in page


def test_a_user_without_a_role_learns_nothing(client, resubmitted, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("initiative_review", args=[resubmitted.pk]))
    assert response.status_code == 404
    assert NEW_THEORY not in response.content.decode()


def test_once_taken_into_review_again_the_changes_stay_on_the_page(client, resubmitted, reviewer):
    review.start_review(resubmitted, reviewer)
    assert "Changes since your request for changes" in review_page(client, reviewer, resubmitted)


def test_a_resubmission_without_changes_says_so(client, make_initiative, owner, reviewer):
    initiative = review.start_review(review.submit(make_initiative(S.DRAFT), owner), reviewer)
    review.request_changes(initiative, reviewer, REASON)
    initiative = review.resubmit(Initiative.objects.get(pk=initiative.pk), owner)
    page = review_page(client, reviewer, initiative)
    assert "Nothing in the IDD changed between the two submissions" in page
    assert CHANGED_TAG not in page


# --- Compare any two versions -----------------------------------------------------------------


def compare(client, user, initiative, **query):
    client.force_login(user)
    return client.get(reverse("revision_diff", args=[initiative.pk]), query)


def test_the_comparison_offers_every_submission_and_revision_by_name(client, resubmitted, reviewer):
    review.approve(review.start_review(resubmitted, reviewer), reviewer)
    response = compare(client, reviewer, resubmitted)
    options = [label for _, label in response.context["form"].fields["old"].choices]
    assert [label.split(" (")[0] for label in options] == [
        "Submission 1",
        "Submission 2",
        "Revision 1",
        "Current version",
    ]
    assert options[0].startswith("Submission 1 (submitted ")
    assert options[1].startswith("Submission 2 (resubmitted ")
    assert options[2].startswith("Revision 1 (approved ")


def test_a_resubmitted_idd_compares_the_returned_and_resubmitted_versions_first(
    client, resubmitted, reviewer
):
    response = compare(client, reviewer, resubmitted)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Changes from submission 1 as submitted on" in text
    assert "to submission 2 as resubmitted on" in text
    assert ins("from its own budget") in text


def test_any_two_versions_compare(client, resubmitted, reviewer, owner):
    review.approve(review.start_review(resubmitted, reviewer), reviewer)
    first = resubmitted.submissions.get(sequence=1)
    response = compare(client, owner, resubmitted, old=f"submission-{first.pk}", new="1")
    assert response.status_code == 200
    context = next(s for s in response.context["sections"] if s.slug == "context")
    assert [(f.label, f.new) for f in context.fields] == [("Theory of change", NEW_THEORY)]
    assert "to revision 1 as approved" in response.content.decode()


@pytest.mark.parametrize("old", ["submission-abc", "submission-999999", "revision-1", "<b>x</b>"])
def test_a_version_not_in_the_list_is_refused_in_words(client, resubmitted, owner, old):
    response = compare(client, owner, resubmitted, old=old, new="current")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose one of this IDD&#x27;s versions from the list." in text
    assert "<b>x</b>" not in text


def test_another_initiatives_submission_is_refused(client, resubmitted, owner, teammate):
    other = review.submit(complete_initiative(owner, teammate), owner)
    Initiative.objects.filter(pk=other.pk).update(theory_of_change="Another IDD's secret.")
    foreign = other.submissions.get()
    mine = resubmitted.submissions.get(sequence=1)
    response = compare(
        client, owner, resubmitted, old=f"submission-{mine.pk}", new=f"submission-{foreign.pk}"
    )
    assert response.status_code == 400
    assert "Choose one of this IDD&#x27;s versions from the list." in response.content.decode()
    assert response.context["sections"] is None


def test_a_submitted_idd_compares_its_submission_with_todays(client, make_initiative, owner):
    initiative = review.submit(make_initiative(S.DRAFT), owner)
    response = compare(client, owner, initiative)
    assert response.status_code == 200
    assert "Changes from submission 1 as submitted on" in response.content.decode()
    assert "to the current version (submitted)" in response.content.decode()


# --- The demo ---------------------------------------------------------------------------------


def test_the_demo_shows_a_resubmission_with_its_changes(fresh_demo):
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    assert maritime.status == S.IN_REVIEW  # on the command's staffing route
    assert list(maritime.submissions.values_list("sequence", "revision")) == [(1, 1), (2, 1)]
    since = submissions.since_returned(maritime)
    assert since.changed == {"sustainment"}
    assert since.request.reviewer.username == "reviewer"
