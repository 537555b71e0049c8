"""Every transition, from every state, by every role: allowed ones succeed and are
recorded; the rest are refused with a message and change nothing."""

import pytest
from django.core import mail
from django.db import transaction
from django_fsm import ConcurrentTransition

from idd.models import Initiative, ReviewDecision, Revision
from idd.models.access import may
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests import factories

pytestmark = pytest.mark.django_db
ROLES = ("owner", "teammate", "outsider", "reviewer", "no_role_user")  # fixtures (user_of)

# transition -> (states it starts from, roles that may take it, state it ends in)
RULES = {
    "submit": ({S.DRAFT}, {"owner", "teammate"}, S.SUBMITTED),
    "start_review": ({S.SUBMITTED}, {"reviewer"}, S.IN_REVIEW),
    "request_changes": ({S.IN_REVIEW}, {"reviewer"}, S.CHANGES_REQUESTED),
    "resubmit": ({S.CHANGES_REQUESTED}, {"owner", "teammate"}, S.SUBMITTED),
    "approve": ({S.IN_REVIEW}, {"reviewer"}, S.APPROVED),
    "withdraw": (
        {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED},
        {"owner"},
        S.WITHDRAWN,
    ),
    "start_revision": ({S.APPROVED}, {"owner", "teammate"}, S.DRAFT),
}
REASON = "Add the fuel budget line to the sustainment plan."
MATRIX = [(name, state, role) for name in RULES for state in S.values for role in ROLES]


def take(name, initiative, user):
    if name == "request_changes":
        return review.request_changes(initiative, user, REASON)
    return getattr(review, name)(initiative, user)


def footprint(initiative):
    """Everything a transition could write."""
    row = Initiative.objects.get(pk=initiative.pk)
    return (
        row.status,
        row.version,
        row.revision,
        row.history.count(),
        ReviewDecision.objects.filter(initiative=initiative).count(),
        Revision.objects.filter(initiative=initiative).count(),
    )


@pytest.mark.parametrize(("name", "state", "role"), MATRIX)
def test_transition_matrix(
    name, state, role, make_initiative, user_of, reviewer, django_capture_on_commit_callbacks
):
    sources, roles, target = RULES[name]
    # Only submitting needs a complete IDD; a bare one keeps the 210 cases quick.
    if name in ("submit", "resubmit") and state in sources:
        initiative = make_initiative(state)
    else:
        initiative = factories.InitiativeFactory(
            owner=user_of("owner"), team_members=[user_of("teammate")], status=state
        )
    user = user_of(role)
    before = footprint(initiative)
    with django_capture_on_commit_callbacks(execute=True):
        if state in sources and role in roles:
            take(name, initiative, user)
            allowed = True
        else:
            with pytest.raises(review.RefusedTransition) as refused:
                take(name, initiative, user)
            allowed = False

    if not allowed:
        assert refused.value.message
        assert footprint(initiative) == before
        assert mail.outbox == []
        return
    after = Initiative.objects.get(pk=initiative.pk)
    assert after.status == target
    assert after.version == initiative.version + 1  # an edit opened before it is now stale
    last = after.history.first()
    assert last.history_user == user
    assert last.history_change_reason == review.change_reason(name)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("name", "state", "role", "message"),
    [
        ("approve", S.DRAFT, "reviewer", "This IDD is draft: it cannot be approved now."),
        ("submit", S.DRAFT, "outsider", "Only planners on the initiative's team can submit it."),
        ("submit", S.DRAFT, "reviewer", "Only planners on the initiative's team can submit it."),
        ("withdraw", S.SUBMITTED, "teammate", "Only the initiative's owner can withdraw it."),
        (
            "start_review",
            S.SUBMITTED,
            "owner",
            "Only a reviewer who is not on the initiative's team can review it.",
        ),
        (
            "start_revision",
            S.IN_REVIEW,
            "owner",
            "This IDD is in review: it cannot be reopened as a draft of the next revision now.",
        ),
    ],
)
def test_refusals_say_why(name, state, role, message, make_initiative, user_of):
    with pytest.raises(review.RefusedTransition, match=message):
        take(name, make_initiative(state), user_of(role))


def test_a_reviewer_on_the_team_cannot_review_their_own_idd(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    initiative.team_members.add(reviewer)
    with pytest.raises(review.RefusedTransition, match="not on the initiative's team"):
        review.approve(initiative, reviewer)
    assert Initiative.objects.get(pk=initiative.pk).status == S.IN_REVIEW


def test_changes_cannot_be_requested_without_a_reason(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    before = footprint(initiative)
    with pytest.raises(review.RefusedTransition, match="Say what needs to change"):
        review.request_changes(initiative, reviewer, "   ")
    assert footprint(initiative) == before


def test_request_changes_records_the_reviewers_reason(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.request_changes(initiative, reviewer, f"  {REASON}  ")
    decision = ReviewDecision.objects.get(initiative=initiative)
    assert (decision.reviewer, decision.outcome, decision.reason, decision.revision) == (
        reviewer,
        ReviewDecision.Outcome.CHANGES_REQUESTED,
        REASON,
        1,
    )
    assert review.latest_reason(Initiative.objects.get(pk=initiative.pk)) == decision


def test_the_status_cannot_be_set_around_the_workflow(make_initiative):
    initiative = make_initiative(S.DRAFT)
    with pytest.raises(AttributeError, match="Direct status modification is not allowed"):
        initiative.status = S.APPROVED


def test_a_stale_copy_cannot_write_the_old_status_back(make_initiative, owner):
    stale = Initiative.objects.get(pk=make_initiative(S.DRAFT).pk)
    review.submit(stale, owner)
    stale.title = "Edited in a tab opened before the submission"
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        stale.save()
    assert Initiative.objects.get(pk=stale.pk).status == S.SUBMITTED


def test_the_whole_cycle_ends_approved_and_the_next_revision_starts_as_a_draft(
    make_initiative, owner, teammate, reviewer
):
    initiative = make_initiative(S.DRAFT)
    review.submit(initiative, teammate)
    review.start_review(initiative, reviewer)
    review.request_changes(initiative, reviewer, REASON)
    review.resubmit(initiative, owner)
    review.start_review(initiative, reviewer)
    first = review.approve(initiative, reviewer, "Sound plan.")
    reopened = review.start_revision(initiative, owner)
    assert (reopened.status, reopened.revision) == (S.DRAFT, 2)
    assert may(owner, "edit", reopened)
    assert first.number == 1
    assert list(initiative.review_decisions.values_list("outcome", "revision")) == [
        ("changes_requested", 1),
        ("approved", 1),
    ]
    reasons = [h.history_change_reason for h in reopened.history.order_by("history_date")]
    assert [r for r in reasons if r] == [
        "Submitted for review",
        "Taken into review",
        "Returned to the planners with changes requested",
        "Resubmitted for review",
        "Taken into review",
        "Approved",
        "Reopened as a draft of the next revision",
    ]
