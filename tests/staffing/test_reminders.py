"""The worker's e-mails to offices (issue 27, item 5): when an IDD reaches an office, two
working days before its suspense, and once overdue; each once, failures logged."""

import logging
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from idd.models import Initiative, OfficeDecision, Route, RouteReminder
from idd.reference.working_days import add_working_days, suspense_words, working_days_between
from idd.services import staffing
from idd.services.route_reminders import send_reminders
from idd.tasks import send_route_reminders

pytestmark = pytest.mark.django_db
Kind = RouteReminder.Kind


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


@pytest.fixture
def route(command) -> Route:
    staffing.submit(command.initiative, command.planner)
    found = Route.objects.get()
    # A suspense on a known Wednesday, whatever today is.
    found.suspense = date(2027, 3, 17)
    found.save()
    return found


def sent_to(kind):
    return sorted(
        (r.office.name for r in RouteReminder.objects.filter(kind=kind, failure="")),
    )


def test_each_reminder_goes_once_to_the_offices_still_to_decide(command, route):
    c = command
    assert send_reminders(date(2027, 3, 10)) == 2  # reached J4 and J8
    assert sent_to(Kind.REACHED) == ["J4", "J8"]
    assert {tuple(m.to) for m in mail.outbox} == {("j4@example.mil",), ("j8@example.mil",)}
    assert send_reminders(date(2027, 3, 10)) == 0  # once each
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, "concur", round_=route.round)
    # Two working days before the suspense: J8 only, J4 has decided.
    assert send_reminders(date(2027, 3, 15)) == 1
    assert sent_to(Kind.DUE_SOON) == ["J8"]
    assert send_reminders(date(2027, 3, 16)) == 0
    assert send_reminders(date(2027, 3, 17)) == 0  # due today: nothing new
    assert send_reminders(date(2027, 3, 18)) == 1
    assert sent_to(Kind.OVERDUE) == ["J8"]
    assert send_reminders(date(2027, 3, 25)) == 0
    assert "is overdue from your office" in mail.outbox[-1].subject


def test_a_restarted_stage_reminds_again(command, route):
    c = command
    send_reminders(date(2027, 3, 10))
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, "concur", round_=route.round)
    staffing.decide(
        fresh(c.initiative),
        c.j8_officer,
        c.j8,
        OfficeDecision.Outcome.NON_CONCUR,
        "Costs.",
        round_=route.round,
    )
    staffing.resubmit(fresh(c.initiative), c.planner)
    restarted = Route.objects.get()
    send_reminders(timezone.localdate())
    again = RouteReminder.objects.filter(round=restarted.round, kind=Kind.REACHED)
    assert sorted(r.office.name for r in again) == ["J4", "J8"]  # the stage's new round


def test_the_approval_authority_is_told_when_every_stage_concurred(command, route):
    c = command
    for officer, office in ((c.j4_officer, c.j4), (c.j8_officer, c.j8)):
        staffing.decide(fresh(c.initiative), officer, office, "concur", round_=route.round)
    staffing.decide(fresh(c.initiative), c.sja_officer, c.sja, "concur", round_=route.round + 1)
    mail.outbox.clear()
    assert send_reminders(date(2027, 3, 10)) == 1
    assert mail.outbox[0].to == ["director@example.mil"]
    assert "awaits your approval" in mail.outbox[0].subject


def test_a_failure_is_logged_and_kept_not_tried_again(command, route, caplog, monkeypatch):
    def broken(self, fail_silently=False):
        raise OSError("mail relay unreachable")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with caplog.at_level(logging.ERROR, logger="idd.services.route_reminders"):
        assert send_reminders(date(2027, 3, 10)) == 0
    assert "mail relay unreachable" in caplog.text
    assert RouteReminder.objects.filter(failure__contains="unreachable").count() == 2
    assert send_reminders(date(2027, 3, 10)) == 0
    assert RouteReminder.objects.count() == 2


def test_an_office_with_nobody_to_tell_is_logged(command, route, caplog):
    c = command
    c.j8_officer.is_active = False
    c.j8_officer.save()
    with caplog.at_level(logging.ERROR, logger="idd.services.route_reminders"):
        assert send_reminders(date(2027, 3, 10)) == 1
    assert "Nobody in J8 can act on it" in caplog.text


def test_the_task_sends_them(route, django_capture_on_commit_callbacks):
    assert send_route_reminders.call() == 2


def test_working_days_skip_weekends_and_federal_holidays():
    assert add_working_days(date(2027, 7, 2), 1) == date(2027, 7, 6)  # Fri; 5 Jul observed
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)  # Christmas Fri
    assert add_working_days(date(2027, 11, 24), 1) == date(2027, 11, 26)  # Thanksgiving
    assert working_days_between(date(2027, 3, 15), date(2027, 3, 17)) == 2
    assert working_days_between(date(2027, 3, 17), date(2027, 3, 15)) == -2
    wednesday = date(2027, 3, 17)
    assert suspense_words(wednesday, wednesday) == "Due today"
    assert suspense_words(wednesday, wednesday - timedelta(days=1)) == "Due in 1 working day"
    assert suspense_words(wednesday, date(2027, 3, 22)) == "Overdue by 3 working days"


def test_a_reminder_links_to_the_page_by_the_site_address(command, route, settings):
    """The worker has no request: the full link comes from SITE_URL (README, settings)."""
    settings.SITE_URL = "https://idd.example.mil"
    send_reminders(date(2027, 3, 10))
    link = f"https://idd.example.mil/initiatives/{command.initiative.pk}/review/"
    assert all(link in message.body for message in mail.outbox) and mail.outbox
