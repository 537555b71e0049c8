"""Review screens, per role: the queue, the review page, decisions, workflow steps."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from idd.models import Initiative, ReviewDecision, Revision
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review
from tests import factories

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def status_of(initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).status


# --- Queue -----------------------------------------------------------------------------------


def test_the_queue_lists_idds_awaiting_review_longest_waiting_first(
    client, make_initiative, owner, reviewer
):
    first, second, third = (make_initiative() for _ in range(3))
    for initiative in (second, first, third):
        review.submit(initiative, owner)
    review.start_review(third, reviewer)
    make_initiative(S.DRAFT)  # not submitted: not in the queue
    client.force_login(reviewer)
    response = client.get(reverse("review_queue"))
    assert response.status_code == 200
    assert [i.pk for i in response.context["page"].object_list] == [second.pk, first.pk, third.pk]
    assert "3 IDDs awaiting review" in response.content.decode()


def test_the_queue_filters_by_stage_and_command(client, make_initiative, owner, reviewer):
    submitted, taken = make_initiative(), make_initiative()
    review.submit(submitted, owner)
    review.submit(taken, owner)
    review.start_review(taken, reviewer)
    elsewhere = factories.InitiativeFactory(ccmd="EUCOM", status=S.SUBMITTED)
    client.force_login(reviewer)

    def listed(**query):
        response = client.get(reverse("review_queue"), query)
        return {i.pk for i in response.context["page"].object_list}

    assert listed(status=S.IN_REVIEW) == {taken.pk}
    assert listed(ccmd="EUCOM") == {elsewhere.pk}
    assert listed(partner=elsewhere.partner_id) == {elsewhere.pk}
    assert listed(q="nothing like it") == set()


@pytest.mark.parametrize("role", ["owner", "outsider", "no_role_user"])
def test_only_reviewers_see_the_queue(client, user_of, role):
    client.force_login(user_of(role))
    assert client.get(reverse("review_queue")).status_code == 403


def test_the_queue_costs_the_same_queries_however_long(
    client, owner, reviewer, django_assert_max_num_queries
):
    for _ in range(12):
        factories.InitiativeFactory(owner=owner, status=S.SUBMITTED)
    client.force_login(reviewer)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("review_queue")).status_code == 200


# --- The review page -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider", "reviewer"])
def test_everyone_with_a_role_reads_the_idd_under_review(client, make_initiative, user_of, role):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(user_of(role))
    response = client.get(reverse("initiative_review", args=[initiative.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Designate the 2nd Coastal Patrol Company" in page
    for title in ("Partner deliverables", "Risks", "Commitment assessment"):
        assert title in page


def test_a_user_without_a_role_cannot_read_it(client, make_initiative, no_role_user):
    client.force_login(no_role_user)
    initiative = make_initiative()
    response = client.get(reverse("initiative_review", args=[initiative.pk]))
    assert response.status_code == 404
    assert initiative.title not in response.content.decode()


@pytest.mark.parametrize(
    ("state", "role", "shown", "hidden"),
    [
        (S.DRAFT, "owner", ["Submit for review", "Withdraw"], ["Record decision"]),
        (S.DRAFT, "teammate", ["Submit for review"], ["Withdraw", "Record decision"]),
        (S.DRAFT, "outsider", [], ["Submit for review", "Withdraw", "Next step"]),
        (S.SUBMITTED, "reviewer", ["Start review"], ["Record decision"]),
        (S.IN_REVIEW, "reviewer", ["Record decision", "Request changes"], ["Start review"]),
        (S.IN_REVIEW, "owner", ["Withdraw"], ["Record decision"]),
        (S.APPROVED, "teammate", ["Start the next revision"], ["Withdraw"]),
    ],
)
def test_the_page_offers_each_user_only_the_steps_they_may_take(
    client, make_initiative, user_of, state, role, shown, hidden
):
    client.force_login(user_of(role))
    page = client.get(reverse("initiative_review", args=[make_initiative(state).pk]))
    text = page.content.decode()
    for label in shown:
        assert label in text
    for label in hidden:
        assert label not in text


def test_an_incomplete_draft_says_what_is_missing(client, owner):
    initiative = factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    text = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "The IDD is not complete yet" in text
    assert "at least one partner deliverable" in text
    assert "Submit for review</button>" not in text


# --- Decisions -------------------------------------------------------------------------------


def test_requesting_changes_without_a_reason_keeps_the_page_and_says_why(
    client, make_initiative, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    response = client.post(
        reverse("initiative_decide", args=[initiative.pk]),
        {"decision-outcome": "request_changes", "decision-reason": "  "},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Say what needs to change" in text
    assert 'value="request_changes" checked' in text  # the choice made is kept
    assert status_of(initiative) == S.IN_REVIEW
    assert not ReviewDecision.objects.exists()


def test_requesting_changes_returns_the_idd_with_the_reason(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    response = client.post(
        reverse("initiative_decide", args=[initiative.pk]),
        {"decision-outcome": "request_changes", "decision-reason": "Fund the fuel line first."},
    )
    assert response.status_code == 302
    assert status_of(initiative) == S.CHANGES_REQUESTED
    client.force_login(initiative.owner)
    text = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Changes requested by" in text
    assert "Fund the fuel line first." in text
    # Where "Resume" takes the planner, and on every step: the reason, and where to read more.
    for step in ("review", "risks"):
        url = reverse("wizard_step", args=[initiative.pk, step])
        text = client.get(url).content.decode()
        assert "Fund the fuel line first." in text, step
        assert "Read all the reviewers' comments" in text, step


def test_the_decision_box_counts_the_comment_threads_still_open(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    comments.add_comment(initiative, reviewer, "risks", "Who owns the entrapment risk?")
    comments.add_comment(initiative, reviewer, "basics", "Name the receiving unit.")
    client.force_login(reviewer)
    text = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert '<a class="usa-link" href="#section-basics">2 comment threads still open</a>' in text
    assert "read them before you decide" in text


def test_approving_freezes_the_revision_with_its_pdf(
    client, make_initiative, reviewer, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):  # the PDF is stored after commit
        response = client.post(  # confirmed (tests/review/test_approval.py)
            reverse("initiative_decide", args=[initiative.pk]),
            {"confirm-confirmed": "True", "confirm-reason": ""},
        )
    assert response.status_code == 302
    assert status_of(initiative) == S.APPROVED
    revision = Revision.objects.get(initiative=initiative)
    assert revision.number == 1
    assert revision.snapshot["meta"]["status"] == S.APPROVED
    assert [r["number"] for r in revision.snapshot["revisions"]] == [1]  # its own history
    assert revision.snapshot["approvals"][-1]["outcome"] == "approved"
    assert revision.pdf.read(5) == b"%PDF-"
    assert "Revision 1 is approved and frozen" in messages_of(response)[0]


def test_a_planner_cannot_decide(client, make_initiative, owner):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(owner)
    response = client.post(
        reverse("initiative_decide", args=[initiative.pk]),
        {"decision-outcome": "approve"},
    )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Only a reviewer who is not on the initiative's team can approve it."
    ]
    assert status_of(initiative) == S.IN_REVIEW


# --- One-button steps ------------------------------------------------------------------------


def test_submit_from_the_guided_form_posts_to_initiative_submit(client, make_initiative, owner):
    initiative = make_initiative(S.DRAFT)
    client.force_login(owner)
    assert reverse("initiative_submit", args=[initiative.pk]) == (
        f"/initiatives/{initiative.pk}/submit/"
    )
    response = client.post(reverse("initiative_submit", args=[initiative.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("initiative_review", args=[initiative.pk])
    assert messages_of(response) == ["The IDD was submitted for review."]
    assert status_of(initiative) == S.SUBMITTED


def test_a_refused_step_is_explained_and_changes_nothing(client, make_initiative, outsider):
    initiative = make_initiative(S.DRAFT)
    client.force_login(outsider)
    response = client.post(reverse("initiative_submit", args=[initiative.pk]))
    assert messages_of(response) == ["Only planners on the initiative's team can submit it."]
    assert status_of(initiative) == S.DRAFT


def test_withdrawing_asks_for_confirmation_first(client, make_initiative, owner):
    initiative = make_initiative(S.SUBMITTED)
    client.force_login(owner)
    url = reverse("initiative_withdraw", args=[initiative.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "takes this IDD out of the workflow for good" in page.content.decode()
    assert status_of(initiative) == S.SUBMITTED
    client.post(url)
    assert status_of(initiative) == S.WITHDRAWN


def test_the_confirmation_page_says_when_a_step_is_not_allowed(client, make_initiative, teammate):
    initiative = make_initiative(S.SUBMITTED)
    client.force_login(teammate)
    page = client.get(reverse("initiative_withdraw", args=[initiative.pk])).content.decode()
    assert "Only the initiative&#x27;s owner can withdraw it." in page
    assert "Withdraw</button>" not in page
