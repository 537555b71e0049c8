"""Approving with care: "Approve" first asks for confirmation on a page of its own, with
optional remarks, which are kept with the decision, shown on the review page and in the
history, and e-mailed to the planners."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from idd.models import Initiative, ReviewDecision, Revision
from idd.models.review import REVIEW_TEXT
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments

pytestmark = pytest.mark.django_db

REMARKS = "Good plan. Watch the FY2028 budget vote closely."


def decide(client, initiative, **data):
    return client.post(reverse("initiative_decide", args=[initiative.pk]), data)


def ask_to_approve(client, initiative, reason=""):
    return decide(client, initiative, **{"decision-outcome": "approve", "decision-reason": reason})


def confirm(client, initiative, remarks=""):
    return decide(client, initiative, **{"confirm-confirmed": "True", "confirm-reason": remarks})


def status_of(initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).status


def test_approve_without_the_confirmation_only_asks_to_confirm(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    comments.add_comment(initiative, reviewer, "risks", "Who owns the entrapment risk?")
    client.force_login(reviewer)
    response = ask_to_approve(client, initiative, reason=REMARKS)
    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert f'<h1 class="margin-top-2">Approve: {initiative.title}</h1>' in text
    assert "freezes revision 1 as a record" in text
    assert "1 comment thread still open" in text
    # The remarks written on the review page are there to keep or change.
    assert f"{REMARKS}</textarea>" in text
    assert 'name="confirm-confirmed" value="True"' in text
    assert "Approve revision 1</button>" in text
    assert status_of(initiative) == S.IN_REVIEW
    assert not ReviewDecision.objects.exists()
    assert not Revision.objects.exists()


def test_approving_with_remarks_keeps_them_shows_them_and_mails_them(
    client, make_initiative, reviewer, owner, mailoutbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes after commit
        response = confirm(client, initiative, remarks=REMARKS)
    assert response.status_code == 302
    assert status_of(initiative) == S.APPROVED
    decision = ReviewDecision.objects.get()
    assert (decision.outcome, decision.reason, decision.reviewer) == ("approved", REMARKS, reviewer)
    assert [str(m) for m in get_messages(response.wsgi_request)][0].startswith(
        "Revision 1 is approved and frozen"
    )
    (mail,) = mailoutbox
    assert owner.email in mail.to
    assert f"Remarks:\n{REMARKS}" in mail.body
    client.force_login(owner)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Remarks of reviewer:" in page
    assert REMARKS in page
    history = client.get(reverse("initiative_history", args=[initiative.pk])).content.decode()
    assert "<strong>Approved revision 1</strong>" in history
    assert REMARKS in history


def test_approving_without_remarks(
    client, make_initiative, reviewer, owner, mailoutbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm(client, initiative).status_code == 302
    assert ReviewDecision.objects.get().reason == ""
    assert "Remarks" not in mailoutbox[0].body
    client.force_login(owner)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    assert "Remarks of" not in page


def test_remarks_too_long_stay_on_the_confirmation_page_with_the_error(
    client, make_initiative, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    long = "x" * (REVIEW_TEXT + 1)
    response = confirm(client, initiative, remarks=long)
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert f"{long}</textarea>" in text  # nothing typed is lost
    assert status_of(initiative) == S.IN_REVIEW


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider"])
def test_only_a_reviewer_may_approve_asked_or_confirmed(client, make_initiative, user_of, role):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(user_of(role))
    for response in (ask_to_approve(client, initiative, REMARKS), confirm(client, initiative)):
        assert response.status_code == 302
        said = [str(m) for m in get_messages(response.wsgi_request)]
        assert said[0] == "Only a reviewer who is not on the initiative's team can approve it."
    assert status_of(initiative) == S.IN_REVIEW
    assert not ReviewDecision.objects.exists()


def test_an_idd_not_in_review_cannot_be_approved_even_confirmed(client, make_initiative, reviewer):
    initiative = make_initiative(S.SUBMITTED)
    client.force_login(reviewer)
    response = confirm(client, initiative, remarks=REMARKS)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[0] == "This IDD is submitted: it cannot be approved now."
    assert said[1].endswith(f"here it is to copy: {REMARKS}")
    assert status_of(initiative) == S.SUBMITTED


def test_requesting_changes_needs_no_confirmation(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    client.force_login(reviewer)
    response = decide(
        client,
        initiative,
        **{"decision-outcome": "request_changes", "decision-reason": "Fund the fuel line."},
    )
    assert response.status_code == 302
    assert status_of(initiative) == S.CHANGES_REQUESTED
