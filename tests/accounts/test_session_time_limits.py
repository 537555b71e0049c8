"""The session's time limits hold on the server (STIG V-222389, V-222390): idle longer than
the limit (shorter for administrators) or older than its lifetime, a session is refused,
whatever the browser sends; each time-out is recorded and the next page says why; only
what the person does counts as activity, never a script's polling."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse

from idd.models import AuditRecord, Initiative, SignInRecord
from idd.reference import roles
from idd.services.session_clock import LAST_ACTIVITY, SIGNED_IN_AT
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

IDLE_SIGN_OUT = "You were signed out after a time without activity"
LIFETIME_SIGN_OUT = "because a session lasts at most 12 hours, however active"
OLD_IDLE_COOKIE = "idd_last_seen"  # the browser-side idle clock this replaces


def moved_on(client: Client, *, idle: float = 0, signed_in: float = 0) -> None:
    """The clock moved on: the last activity `idle` minutes ago, the sign-in `signed_in`
    minutes ago (as the server's session keeps them)."""
    session = client.session
    now = int(time.time())
    if idle:
        session[LAST_ACTIVITY] = now - int(idle * 60)
    if signed_in:
        session[SIGNED_IN_AT] = now - int(signed_in * 60)
    session.save()


def time_passes(client: Client, minutes: float) -> None:
    """`minutes` go by without a request: both of the session's clocks move back."""
    session = client.session
    for stamp in (LAST_ACTIVITY, SIGNED_IN_AT):
        session[stamp] -= int(minutes * 60)
    session.save()


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def is_signed_in(client: Client, url: str = "") -> bool:
    response = client.get(url or reverse("dashboard"))
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
        return False
    assert response.status_code == 200
    return True


def sign_in_page(client: Client) -> str:
    return " ".join(client.get(reverse("login")).content.decode().split())


@pytest.mark.parametrize(
    "idle_cookie",
    ["none", "forged just now", "signed by the old scheme just now"],
)
def test_an_idle_session_is_refused_after_the_limit_whatever_the_idle_cookie(
    owner, settings, idle_cookie
):
    settings.SESSION_IDLE_MINUTES = 1
    client = signed_in_client(owner)
    assert is_signed_in(client)
    moved_on(client, idle=1.5)
    if idle_cookie == "forged just now":
        client.cookies[OLD_IDLE_COOKIE] = str(int(time.time()))
    elif idle_cookie == "signed by the old scheme just now":
        signer = signing.get_cookie_signer(salt=OLD_IDLE_COOKIE + "idd.idle-sign-out")
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        client.cookies[OLD_IDLE_COOKIE] = signer.sign(f"{int(time.time())}:{key}")

    assert not is_signed_in(client)
    assert IDLE_SIGN_OUT in sign_in_page(client)
    assert not is_signed_in(client), "stays signed out"
    record = SignInRecord.objects.get(kind=SignInRecord.Kind.IDLE_TIMEOUT)
    assert record.user == owner
    assert "after 1 minutes without activity" in record.detail
    assert not SignInRecord.objects.filter(kind=SignInRecord.Kind.SIGNED_OUT).exists()


def test_activity_within_the_limit_keeps_the_session_and_starts_the_clock_again(owner, settings):
    settings.SESSION_IDLE_MINUTES = 1
    client = signed_in_client(owner)
    time_passes(client, 0.75)
    assert is_signed_in(client)
    assert client.session[LAST_ACTIVITY] >= time.time() - 5
    time_passes(client, 0.75)
    assert is_signed_in(client), "45 seconds after the last page, not 90 after the first"
    time_passes(client, 1.1)
    assert not is_signed_in(client)


def test_administrators_are_signed_out_sooner(owner, settings):
    administrator = factories.UserFactory(username="chief", role=roles.ADMINISTRATOR)
    staff = factories.UserFactory(username="ops", is_staff=True)
    settings.SESSION_IDLE_MINUTES = 15
    settings.SESSION_ADMIN_IDLE_MINUTES = 10
    browsers = {user: signed_in_client(user) for user in (owner, administrator, staff)}
    for browser in browsers.values():
        moved_on(browser, idle=11)

    assert is_signed_in(browsers[owner]), "a planner has 15 minutes"
    assert not is_signed_in(browsers[administrator])
    assert not is_signed_in(browsers[staff]), "so has whoever reaches the Django admin"
    timed_out = SignInRecord.objects.filter(kind=SignInRecord.Kind.IDLE_TIMEOUT)
    assert {record.user for record in timed_out} == {administrator, staff}


def test_a_session_ends_after_its_lifetime_however_active(owner, settings):
    settings.SESSION_MAX_HOURS = 12
    client = signed_in_client(owner)
    moved_on(client, signed_in=12 * 60 - 1, idle=0.1)
    assert is_signed_in(client), "a minute before the end"
    assert client.get(reverse("session")).json()["ends"] == "absolute"
    client.post(reverse("session"))  # "Stay signed in" does not extend the lifetime
    assert client.get(reverse("session")).json()["seconds_left"] <= 60

    moved_on(client, signed_in=12 * 60 + 1, idle=0.1)
    assert not is_signed_in(client), "active a few seconds ago, but twelve hours are up"
    assert LIFETIME_SIGN_OUT in sign_in_page(client)
    assert IDLE_SIGN_OUT not in sign_in_page(client)
    record = SignInRecord.objects.get(kind=SignInRecord.Kind.ABSOLUTE_TIMEOUT)
    assert record.user == owner
    assert record.detail.endswith("12 hours after signing in")


def test_signing_in_again_starts_a_new_lifetime_and_forgets_why(owner, settings):
    client = signed_in_client(owner)
    moved_on(client, signed_in=13 * 60)
    assert not is_signed_in(client)
    response = client.post(
        reverse("login"), {"username": owner.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.session[SIGNED_IN_AT] >= time.time() - 5
    client.post(reverse("logout"))
    assert LIFETIME_SIGN_OUT not in sign_in_page(client)


def test_a_session_without_the_servers_clock_is_refused(owner):
    """A session signed in before the server kept the clock gets no fresh limit."""
    client = signed_in_client(owner)
    session = client.session
    del session[LAST_ACTIVITY]
    session.save()
    assert not is_signed_in(client)


def test_the_session_id_ends_with_the_browser_and_is_destroyed_at_sign_out(owner):
    client = Client()
    client.post(reverse("login"), {"username": owner.username, "password": factories.PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie.value
    assert (cookie["expires"], cookie["max-age"]) == ("", ""), "a cookie the browser forgets"
    key = cookie.value

    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    replayed = Client()
    replayed.cookies["sessionid"] = key
    assert not is_signed_in(replayed)


def test_a_scripts_polling_never_counts_as_activity_and_the_keep_alive_does(
    owner, initiative, settings
):
    settings.SESSION_IDLE_MINUTES = 15
    client = signed_in_client(owner)
    moved_on(client, idle=10)
    before = client.session[LAST_ACTIVITY]
    polls = [
        reverse("session"),
        reverse("initiative_pdf_status", args=[initiative.pk]),
        reverse("partner_search") + "?q=a",
    ]
    for url in polls:
        assert client.get(url, headers={"Accept": "application/json"}).status_code == 200
    # Any page a script fetches (the browser says so) is not the person's doing either.
    assert client.get(reverse("dashboard"), headers={"Sec-Fetch-Mode": "cors"}).status_code == 200
    assert client.session[LAST_ACTIVITY] == before

    client.post(reverse("session"))  # "Stay signed in", or typing in a form
    assert client.session[LAST_ACTIVITY] >= time.time() - 5
    client.get(reverse("dashboard"), headers={"Sec-Fetch-Mode": "navigate"})
    assert client.session[LAST_ACTIVITY] >= time.time() - 5


def test_a_tab_left_polling_is_still_signed_out(owner, initiative, settings):
    settings.SESSION_IDLE_MINUTES = 1
    client = signed_in_client(owner)
    status = reverse("initiative_pdf_status", args=[initiative.pk])
    time_passes(client, 0.9)
    assert client.get(status).status_code == 200
    time_passes(client, 0.2)  # 1.1 minutes since the last page: the poll did not count
    response = client.get(status)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_save_after_the_lifetime_ended_is_back_on_the_form_after_sign_in(owner, initiative):
    client = signed_in_client(owner)
    step = reverse("wizard_step", args=[initiative.pk, "context"])
    data = page_fields(client.get(step).content.decode())
    data["problem_statement"] = ["Typed in the last minute of the twelfth hour."]
    data["action"] = ["continue"]
    moved_on(client, signed_in=12 * 60 + 1)

    assert client.post(step, data).status_code == 302
    assert "What you were saving is kept" in sign_in_page(client)
    client.post(
        reverse("login"),
        {"username": owner.username, "password": factories.PASSWORD, "next": step},
    )
    html = client.get(step).content.decode()
    assert "Kept from your session that ended at" in html
    assert "Typed in the last minute of the twelfth hour." in html
    assert Initiative.objects.get(pk=initiative.pk).problem_statement != data["problem_statement"]


def test_each_time_out_is_one_audit_record_naming_the_person(owner, settings):
    """STIG V-222445: the security audit log has both time-outs (ADR 0017)."""
    settings.SESSION_IDLE_MINUTES = 1
    idle, long_lived = signed_in_client(owner), signed_in_client(owner)
    moved_on(idle, idle=1.5)
    moved_on(long_lived, signed_in=12 * 60 + 1, idle=0.1)
    assert not is_signed_in(idle) and not is_signed_in(long_lived)
    ended = AuditRecord.objects.filter(event__in=["idle_timeout", "absolute_timeout"])
    assert sorted(ended.values_list("event", "user_id", "username")) == [
        ("absolute_timeout", owner.pk, "owner"),
        ("idle_timeout", owner.pk, "owner"),
    ]
    assert not AuditRecord.objects.filter(event="sign_out").exists()
