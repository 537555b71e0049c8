"""Three failed sign-ins in a row lock the account, from any address, until an
administrator unlocks it (docs/adr/0015); besides, django-axes pauses one username at one
address after ten (docs/adr/0007)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from idd.models import SignInRecord
from idd.services.throttling import client_ip
from tests import factories

Kind = SignInRecord.Kind

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.1"
ATTACKER = "203.0.113.9"
OWNER_DESK = "198.51.100.7"


@pytest.fixture(autouse=True)
def behind_one_balancer(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def attempt(client, username: str, password: str, address: str):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=address,
    )


def fail(client, username: str, times: int, address: str = ATTACKER):
    for _ in range(times):
        response = attempt(client, username, "wrong-guess-000", address)
    return response


def text(response) -> str:
    """The page's HTML with runs of white space as one space, as a reader sees it."""
    return " ".join(response.content.decode().split())


def age_records(minutes: int) -> None:
    """The clock moves on: every failure (and its expiry) happened `minutes` earlier."""
    for sign_in in SignInRecord.objects.all():
        SignInRecord.objects.filter(pk=sign_in.pk).update(
            at=sign_in.at - timedelta(minutes=minutes)
        )
    for record in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=record.pk).update(
            attempt_time=record.attempt_time - timedelta(minutes=minutes)
        )
    for expiry in AccessAttemptExpiration.objects.all():
        AccessAttemptExpiration.objects.filter(pk=expiry.pk).update(
            expires_at=expiry.expires_at - timedelta(minutes=minutes)
        )


LOCKED = "This account is locked after 3 failed sign-ins in a row, until an administrator"


def test_the_right_password_after_three_failures_is_refused_whatever_the_address(client, owner):
    fail(client, "owner", 3)
    response = attempt(client, "owner", factories.PASSWORD, OWNER_DESK)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert LOCKED in text(response)
    assert "Until then even the right password is refused." in text(response)
    lock = SignInRecord.objects.get(kind=Kind.LOCKED_OUT)
    assert (lock.user, lock.address) == (owner, ATTACKER)
    assert lock.detail == "3 failed sign-ins within 15 minutes"


def test_two_failures_leave_the_account_open(client, owner):
    fail(client, "owner", 2)
    assert attempt(client, "owner", factories.PASSWORD, OWNER_DESK).status_code == 302


def test_only_failures_in_a_row_count(client, owner):
    fail(client, "owner", 2)
    assert attempt(client, "owner", factories.PASSWORD, OWNER_DESK).status_code == 302
    client.logout()
    fail(client, "owner", 2)
    assert attempt(client, "owner", factories.PASSWORD, OWNER_DESK).status_code == 302


def test_only_failures_within_fifteen_minutes_count(client, owner):
    fail(client, "owner", 2)
    age_records(minutes=16)
    fail(client, "owner", 1)
    assert attempt(client, "owner", factories.PASSWORD, OWNER_DESK).status_code == 302


def test_a_lock_lasts_until_an_administrator_unlocks_the_account(client, owner, admin_client):
    fail(client, "owner", 3)
    age_records(minutes=24 * 60)
    assert LOCKED in text(attempt(client, "owner", factories.PASSWORD, OWNER_DESK))

    users = admin_client.get(reverse("admin:auth_user_changelist"))
    assert 'class="field-locked"><img src="/static/admin/img/icon-yes.svg" alt="True">' in (
        users.content.decode()
    )
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock", "_selected_action": [owner.pk]},
        follow=True,
    )
    assert "Unlocked: owner." in response.content.decode()
    unlock = SignInRecord.objects.get(kind=Kind.UNLOCKED)
    assert (unlock.user, unlock.detail) == (owner, "by admin")
    assert attempt(client, "owner", factories.PASSWORD, OWNER_DESK).status_code == 302


def test_an_organization_may_set_a_period_instead(client, owner, settings):
    settings.LOCKOUT_MINUTES = 30
    fail(client, "owner", 3)
    response = attempt(client, "owner", factories.PASSWORD, OWNER_DESK)
    assert "This account is locked after 3 failed sign-ins in a row, until " in text(response)
    age_records(minutes=31)
    assert attempt(client, "owner", factories.PASSWORD, OWNER_DESK).status_code == 302


def test_an_unknown_username_locks_the_same_way(client):
    """The page never tells an attacker which usernames exist."""
    assert LOCKED in text(fail(client, "nobody-here", 4))
    assert SignInRecord.objects.get(kind=Kind.LOCKED_OUT).username == "nobody-here"


def test_a_username_with_a_control_character_is_recorded_written_out_and_locks(client):
    """The record shows what was sent without holding the character (an audit reader's
    terminal would act on it), and the count still reaches the lock."""
    assert LOCKED in text(fail(client, "nobody\x85here", 3))
    recorded = set(SignInRecord.objects.values_list("username", flat=True))
    assert recorded == {"nobody\\x85here"}


def test_a_username_holding_nul_is_a_message_on_the_form_not_a_crash(client, owner):
    response = attempt(client, "owner\x00", factories.PASSWORD, OWNER_DESK)
    assert response.status_code == 200
    assert "Null characters are not allowed." in text(response)


def test_the_admin_sign_in_is_locked_too(client, db):
    User.objects.create_superuser("chief", password=factories.PASSWORD)
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": "chief", "password": "wrong-guess-0"})
    client.post(reverse("admin:login"), {"username": "chief", "password": factories.PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_address_is_the_one_our_proxy_saw_not_one_the_client_claims(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=f"{OWNER_DESK}, {ATTACKER}"
    )
    assert client_ip(request) == ATTACKER
    settings.TRUSTED_PROXY_COUNT = 0  # the default: no proxy is trusted
    assert client_ip(request) == BALANCER


def test_the_pause_page_says_until_when_in_utc(client):
    response = fail(client, "nobody-here", 10)
    assert response.status_code == 429
    html = text(response)
    until = AccessAttemptExpiration.objects.get().expires_at.strftime("%H:%M")
    assert "paused for 5 minutes, until" in html
    assert f"{until} UTC</time> (Coordinated Universal Time)" in html
    assert f"Sign in after {until} UTC</a>" in html
    assert "Classification marking" in html


def test_the_form_warns_when_one_or_two_failed_attempts_are_left(client, owner):
    assert "more failed attempt" not in text(client.get(reverse("login")))
    warning = "this account until an administrator unlocks it."
    assert f"2 more failed attempts lock {warning}" in text(fail(client, "owner", 1))
    assert f"1 more failed attempt locks {warning}" in text(fail(client, "owner", 1))


def test_the_warning_names_the_configured_period(client, owner, settings):
    settings.LOCKOUT_MINUTES = 30
    assert "1 more failed attempt locks this account for 30 minutes." in text(
        fail(client, "owner", 2)
    )


def test_an_overlong_username_is_a_message_on_the_form_not_a_crash(client):
    response = attempt(client, "u" * 300, "whatever-it-is", ATTACKER)
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert all(len(a.username or "") <= 255 for a in AccessAttempt.objects.all())


def test_an_overlong_username_on_the_admin_sign_in_is_recorded_cut_short(client):
    response = client.post(
        reverse("admin:login"), {"username": "u" * 300, "password": "whatever-it-is"}
    )
    assert response.status_code == 200
    assert [len(a.username) for a in AccessAttempt.objects.all()] == [255]
