"""Failed sign-ins slow an attacker down without handing them a way to lock anyone out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.test import RequestFactory
from django.urls import reverse

from idd.services.throttling import client_ip
from tests import factories

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
    for record in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=record.pk).update(
            attempt_time=record.attempt_time - timedelta(minutes=minutes)
        )
    for expiry in AccessAttemptExpiration.objects.all():
        AccessAttemptExpiration.objects.filter(pk=expiry.pk).update(
            expires_at=expiry.expires_at - timedelta(minutes=minutes)
        )


def test_an_attacker_cannot_lock_the_owner_out_through_the_load_balancer(client, owner):
    assert fail(client, "owner", 10).status_code == 429
    response = attempt(client, "owner", factories.PASSWORD, OWNER_DESK)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_the_address_is_the_one_our_proxy_saw_not_one_the_client_claims(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=f"{OWNER_DESK}, {ATTACKER}"
    )
    assert client_ip(request) == ATTACKER
    settings.TRUSTED_PROXY_COUNT = 0  # the default: no proxy is trusted
    assert client_ip(request) == BALANCER


def test_the_lock_out_page_says_until_when_in_utc_and_how_to_get_in_sooner(client, owner):
    response = fail(client, "owner", 10)
    assert response.status_code == 429
    html = text(response)
    until = AccessAttemptExpiration.objects.get().expires_at.strftime("%H:%M")
    assert "Too many failed sign-in attempts</h1>" in html
    assert "paused for 5 minutes, until" in html
    assert f"{until} UTC</time> (Coordinated Universal Time)" in html
    assert "Until then even the right password is refused." in html
    assert "under Axes, open Access attempts and delete the one for your username" in html
    assert "Return to sign-in" not in html
    assert f"Sign in after {until} UTC</a>" in html
    assert "Classification marking" in html


def test_the_lock_out_is_a_short_cool_off(client, owner):
    assert fail(client, "owner", 10).status_code == 429
    age_records(minutes=6)
    assert attempt(client, "owner", factories.PASSWORD, ATTACKER).status_code == 302


def test_the_right_password_during_the_pause_is_refused_but_never_prolongs_it(client, owner):
    fail(client, "owner", 10)
    until = AccessAttemptExpiration.objects.get().expires_at
    response = attempt(client, "owner", factories.PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "paused for 5 minutes" in text(response)
    assert "paused for 5 minutes" in text(fail(client, "owner", 3))
    assert AccessAttempt.objects.get().failures_since_start == 10  # refused, not counted
    assert AccessAttemptExpiration.objects.get().expires_at == until  # the time does not move
    assert f"{until:%H:%M} UTC</time>" in text(response)
    age_records(minutes=6)
    assert attempt(client, "owner", factories.PASSWORD, ATTACKER).status_code == 302


def test_the_form_warns_when_one_or_two_failed_attempts_are_left(client, owner):
    assert "more failed attempt" not in text(fail(client, "owner", 7))
    warning = "sign-in for this username from this address for 5 minutes."
    assert f"2 more failed attempts pause {warning}" in text(fail(client, "owner", 1))
    assert f"1 more failed attempt pauses {warning}" in text(fail(client, "owner", 1))


def test_the_warning_names_the_configured_cool_off(client, owner, settings):
    settings.LOGIN_COOLOFF_MINUTES = 15
    assert "from this address for 15 minutes." in text(fail(client, "owner", 9))


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
