"""Each transition e-mails the people who act next: reviewers on submission, the owner and
team on decisions. Sent once the transaction commits, never to the person who acted."""

import socket

import pytest
from django.core import mail
from django.urls import reverse

from idd.reference.choices import InitiativeStatus as S
from idd.services import review

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]

BASE = "https://idd.example.mil/"


def sent(capture, step):
    mail.outbox.clear()
    with capture(execute=True):
        step()
    return mail.outbox


def test_submitting_tells_the_reviewers(
    make_initiative, owner, reviewer, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.DRAFT)
    (message,) = sent(
        django_capture_on_commit_callbacks, lambda: review.submit(initiative, owner, base_url=BASE)
    )
    assert message.to == [reviewer.email]
    assert message.subject == "Kestrela coastal patrol capability: submitted for review"
    assert "was submitted for review by Olive Owner" in message.body
    assert f"https://idd.example.mil/initiatives/{initiative.pk}/review/" in message.body


def test_a_request_for_changes_tells_owner_and_team_the_reason(
    make_initiative, owner, teammate, reviewer, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.IN_REVIEW)
    (message,) = sent(
        django_capture_on_commit_callbacks,
        lambda: review.request_changes(initiative, reviewer, "Fund the fuel line."),
    )
    assert sorted(message.to) == sorted([owner.email, teammate.email])
    assert "Fund the fuel line." in message.body
    assert "Status now: Changes requested" in message.body


def test_approval_tells_owner_and_team(
    make_initiative, owner, teammate, reviewer, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.IN_REVIEW)
    (message,) = sent(
        django_capture_on_commit_callbacks, lambda: review.approve(initiative, reviewer)
    )
    assert sorted(message.to) == sorted([owner.email, teammate.email])
    assert message.subject.endswith(": approved")


def test_withdrawing_under_review_tells_team_and_reviewers_but_not_the_owner(
    make_initiative, owner, teammate, reviewer, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.IN_REVIEW)
    (message,) = sent(
        django_capture_on_commit_callbacks, lambda: review.withdraw(initiative, owner)
    )
    assert sorted(message.to) == sorted([teammate.email, reviewer.email])


def test_nothing_is_sent_before_the_transaction_commits(
    make_initiative, owner, reviewer, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.DRAFT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.submit(initiative, owner)
    assert mail.outbox == []
    for callback in callbacks:  # the commit
        callback()
    assert len(mail.outbox) == 1


def test_a_line_break_in_a_stored_title_does_not_stop_the_e_mail(
    make_initiative, owner, reviewer, django_capture_on_commit_callbacks
):
    """Titles typed now cannot hold one; one stored earlier still must not cost the e-mail."""
    initiative = make_initiative(S.DRAFT)
    initiative.title = "Kestrela coastal\r\npatrol capability"
    initiative.save()
    (message,) = sent(django_capture_on_commit_callbacks, lambda: review.submit(initiative, owner))
    assert message.subject == "Kestrela coastal patrol capability: submitted for review"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)  # the e-mail goes when the request's commit happens
def test_when_the_mail_server_is_down_the_step_is_taken_and_the_user_told_whom_to_tell(
    make_initiative, owner, reviewer, client, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    initiative = make_initiative(S.DRAFT)
    client.force_login(owner)
    response = client.post(reverse("initiative_submit", args=[initiative.pk]), follow=True)
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    told = [str(m) for m in response.context["messages"]]
    assert "The IDD was submitted for review." in told
    assert any(
        m.startswith(f"The IDD was submitted for review, but {reviewer.username} could not be ")
        and m.endswith("Tell them yourself.")
        for m in told
    ), told
    (logged,) = [r for r in caplog.records if r.name == "idd.services.review"]
    assert f"Initiative {initiative.pk}:" in logged.getMessage() and logged.exc_info
