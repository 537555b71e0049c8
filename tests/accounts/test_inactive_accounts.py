"""Accounts without a sign-in for 35 days are disabled by the worker's daily task (STIG
V-222411); exempt accounts are not; the person is told why; an administrator enables them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from idd.models import SignInRecord
from idd.tasks import disable_inactive_accounts_daily, next_midnight
from tests import factories

pytestmark = pytest.mark.django_db

Kind = SignInRecord.Kind
DISABLED = (
    "This account was disabled after 35 days without a sign-in. Ask an administrator to "
    "enable it again."
)


def last_signed_in(user: User, days_ago: int) -> User:
    moment = timezone.now() - timedelta(days=days_ago)
    User.objects.filter(pk=user.pk).update(last_login=moment, date_joined=moment)
    return user


def sign_in(client, username: str):
    return client.post(reverse("login"), {"username": username, "password": factories.PASSWORD})


def test_the_daily_task_disables_an_account_idle_for_36_days_and_comes_back(owner, teammate):
    last_signed_in(owner, days_ago=36)
    last_signed_in(teammate, days_ago=34)
    assert disable_inactive_accounts_daily.call() == ["owner"]
    assert not User.objects.get(pk=owner.pk).is_active
    assert User.objects.get(pk=teammate.pk).is_active
    record = SignInRecord.objects.get(kind=Kind.INACTIVE_DISABLED)
    assert (record.user, record.detail) == (owner, "no sign-in for 35 days")
    queued = DBTaskResult.objects.get(task_path=disable_inactive_accounts_daily.module_path)
    assert (queued.status, queued.run_after) == (TaskResultStatus.READY, next_midnight())


def test_an_account_that_never_signed_in_counts_from_its_creation(db):
    never = last_signed_in(factories.planner(username="never"), days_ago=40)
    User.objects.filter(pk=never.pk).update(last_login=None)
    assert disable_inactive_accounts_daily.call() == ["never"]


def test_exempt_accounts_and_the_configured_period(owner, teammate, settings):
    settings.INACTIVE_EXEMPT_ACCOUNTS = ["owner"]
    settings.INACTIVE_ACCOUNT_DAYS = 10
    last_signed_in(owner, days_ago=100)
    last_signed_in(teammate, days_ago=11)
    assert disable_inactive_accounts_daily.call() == ["teammate"]


def test_the_person_is_told_why_and_an_administrator_enables_the_account(
    client, owner, admin_client
):
    last_signed_in(owner, days_ago=36)
    disable_inactive_accounts_daily.call()
    response = sign_in(client, "owner")
    assert DISABLED in " ".join(response.content.decode().split())
    wrong = client.post(reverse("login"), {"username": "owner", "password": "wrong-guess-1A!"})
    assert DISABLED not in wrong.content.decode()  # a wrong password learns nothing

    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "enable", "_selected_action": [owner.pk]},
        follow=True,
    )
    assert "Enabled: owner." in response.content.decode()
    enabled = SignInRecord.objects.get(kind=Kind.ENABLED)
    assert (enabled.user, enabled.detail) == (owner, "by admin")
    assert disable_inactive_accounts_daily.call() == []  # enabling restarts the clock
    assert sign_in(client, "owner").status_code == 302


def test_ticking_active_in_the_administration_restarts_the_clock_too(owner):
    last_signed_in(owner, days_ago=36)
    disable_inactive_accounts_daily.call()
    owner.refresh_from_db()
    owner.is_active = True  # the box on the user's page, not the Enable action
    owner.save()
    enabled = SignInRecord.objects.get(kind=Kind.ENABLED)
    assert (enabled.user, enabled.detail) == (owner, "marked active in the administration")
    assert disable_inactive_accounts_daily.call() == []
