"""The rules for the passwords of the accounts that still sign in with one (STIG V-222541,
V-222544 to V-222547): at least 8 characters changed, kept at least 24 hours, changed
after 60 days, none of the last 5 again, and a temporary one (set by an administrator or
a command) changed at the first sign-in. Until an expired or temporary password is
changed, the change-password page is the only page the session reaches."""

import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.scenario.people import DEMO_USERS
from deploy import pki
from idd.models import PasswordRecord, Profile
from idd.sign_in.passwords import changed_characters
from tests import factories

pytestmark = pytest.mark.django_db

# Each differs from the others in more than 8 characters, and passes every other rule.
NEW = (
    "Amber-Falcon-River-11",
    "Cobalt-Meadow-Stone-22",
    "Dusky-Garnet-Willow-33",
    "Ember-Juniper-Canyon-44",
    "Frost-Lantern-Orchid-55",
)
EXPIRED = "Your password has expired: passwords must be changed at least every 60 days"
TEMPORARY = "Your password was set for you by an administrator: it is temporary."


def text(response) -> str:
    return " ".join(response.content.decode().split())


def aged(user: User, days: float) -> None:
    """The password in use was set this many days ago."""
    latest = PasswordRecord.objects.of(user)[:1]
    PasswordRecord.objects.filter(pk__in=latest).update(
        set_at=timezone.now() - timedelta(days=days)
    )


def sign_in(client: Client, username: str, password: str = factories.PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def change(client: Client, old: str, new: str):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_a_new_password_must_change_at_least_8_characters_of_the_old(client, owner):
    """V-222541: characters typed, removed or replaced count; 7 are not enough."""
    aged(owner, days=2)
    sign_in(client, "owner")
    seven = factories.PASSWORD[:-7] + "ABCDEF9"  # the last 7 characters replaced
    assert changed_characters(factories.PASSWORD, seven, 8) == 7
    refused = change(client, factories.PASSWORD, seven)
    assert refused.status_code == 200
    assert (
        "This password changes only 7 of the characters of your old one: a new password "
        "must change at least 8." in text(refused)
    )
    owner.refresh_from_db()
    assert owner.check_password(factories.PASSWORD)

    eight = factories.PASSWORD[:-8] + "QBCDEF9Z"
    assert change(client, factories.PASSWORD, eight)["Location"] == reverse("password_change_done")


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("Quiet-Harbor-Lights-42", "Quiet-Harbor-Lights-42", 0),
        ("Quiet-Harbor-Lights-42", "Quiet-Harbor-Lights-43", 1),
        ("Quiet-Harbor-Lights-42", "Quiet-Harbor-Lights-42!!", 2),  # typed on
        ("Quiet-Harbor-Lights-42", "Harbor-Lights-42", 6),  # removed
        ("Quiet-Harbor-Lights-42", "quiet-harbor-lights-42", 3),  # case counts
        ("Quiet-Harbor-Lights-42", "Amber-Falcon-River-11", 8),  # counted up to enough
        ("x" * 100_000, "y" * 100_000, 8),  # linear: a huge post answers at once
    ],
)
def test_characters_changed_count_what_is_typed_removed_or_replaced(old, new, changed):
    assert changed_characters(old, new, 8) == changed


def test_a_second_change_within_24_hours_is_refused_but_an_administrator_may_set_one(
    client, owner, admin_client
):
    """V-222544: the owner changes it at most once a day; an administrator sets one at any
    time, which is temporary (changed at the next sign-in, at once)."""
    aged(owner, days=2)
    sign_in(client, "owner")
    assert change(client, factories.PASSWORD, NEW[0]).status_code == 302
    refused = change(client, NEW[0], NEW[1])
    assert (
        "Your password was changed less than 24 hours ago: a password must be kept at least "
        "24 hours, so you can change it again from" in text(refused)
    )
    assert "ask an administrator to set a new one" in text(refused)
    owner.refresh_from_db()
    assert owner.check_password(NEW[0])

    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[owner.pk]),
        {"password1": NEW[2], "password2": NEW[2], "usable_password": "true"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(NEW[2])
    again = Client()
    assert sign_in(again, "owner", NEW[2])["Location"] == reverse("dashboard")
    assert again.get(reverse("dashboard"))["Location"] == reverse("password_change")
    assert change(again, NEW[2], NEW[3])["Location"] == reverse("password_change_done")


def test_a_password_older_than_60_days_reaches_only_the_change_page_until_changed(
    client, owner, draft
):
    """V-222545: after sign-in every page leads to the change-password page, which says
    why; signing out and the health check still answer; the new password frees it."""
    aged(owner, days=61)
    sign_in(client, "owner")
    for page in (reverse("dashboard"), reverse("initiative_detail", args=[draft.pk])):
        assert client.get(page)["Location"] == reverse("password_change")
    posted = client.post(reverse("profile"), {"job_title": "Planner"})
    assert posted["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert EXPIRED in text(page)
    assert "Until then this is the only page you can use" in text(page)
    assert client.get(reverse("health")).status_code == 200

    assert change(client, factories.PASSWORD, NEW[0])["Location"] == reverse("password_change_done")
    assert client.get(reverse("dashboard")).status_code == 200
    assert EXPIRED not in text(client.get(reverse("password_change")))


def test_a_password_within_60_days_is_not_held(client, owner):
    aged(owner, days=59)
    sign_in(client, "owner")
    assert client.get(reverse("dashboard")).status_code == 200


def test_signing_out_is_open_to_a_held_session(client, owner):
    aged(owner, days=61)
    sign_in(client, "owner")
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_last_5_passwords_cannot_be_reused(client, owner, settings):
    """V-222546: the hashes of the last 5 are kept (never the passwords) and compared; the
    sixth back is allowed again."""
    settings.PASSWORD_MIN_AGE_HOURS = 0  # five changes in a row, for the test
    sign_in(client, "owner")
    old = factories.PASSWORD
    for new in NEW:
        assert change(client, old, new).status_code == 302
        old = new
    kept = list(PasswordRecord.objects.of(owner).values_list("password", flat=True))
    assert len(kept) == 5
    assert not any(password in kept for password in NEW)

    refused = change(client, NEW[-1], NEW[0])
    assert (
        "You have used this password before: a new password must differ from the last 5 "
        "passwords of the account." in text(refused)
    )
    assert change(client, NEW[-1], NEW[-1]).status_code == 200  # the current one, too
    assert change(client, NEW[-1], factories.PASSWORD).status_code == 302  # six back


def test_a_password_set_in_the_admin_is_changed_at_the_first_sign_in(client, admin_client):
    """V-222547: an administrator creates the account with a password: temporary."""
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": NEW[0],
            "password2": NEW[0],
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert sign_in(client, "newcomer", NEW[0])["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard"))["Location"] == reverse("password_change")
    assert TEMPORARY in text(client.get(reverse("password_change")))
    assert change(client, NEW[0], NEW[1])["Location"] == reverse("password_change_done")
    assert client.get(reverse("dashboard")).status_code == 200


def test_passwords_from_createsuperuser_and_changepassword_are_temporary(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW[0])
    call_command(
        "createsuperuser", "--noinput", username="chief", email="chief@example.mil", verbosity=0
    )
    sign_in(client, "chief", NEW[0])
    assert client.get(reverse("dashboard"))["Location"] == reverse("password_change")

    assert change(client, NEW[0], NEW[1]).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW[2])
    call_command("changepassword", "chief", stdout=io.StringIO())
    again = Client()
    sign_in(again, "chief", NEW[2])
    assert again.get(reverse("dashboard"))["Location"] == reverse("password_change")
    assert TEMPORARY in text(again.get(reverse("password_change")))


def test_the_demo_users_sign_in_straight_to_the_dashboard_and_reseeding_renews_them(
    client, fresh_demo
):
    """Their published passwords are their own, not temporary; a demo older than 60 days
    runs seed_demo again."""
    spec = DEMO_USERS[0]
    planner = User.objects.get(username=spec.username)
    assert sign_in(client, spec.username, spec.password)["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200

    aged(planner, days=61)
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    later = Client()
    sign_in(later, spec.username, spec.password)
    assert later.get(reverse("dashboard")).status_code == 200


def test_a_certificate_sign_in_is_never_held_for_the_password(client, settings):
    """The password plays no part in a certificate sign-in, expired or temporary."""
    secret = "proxy-secret-" + "x" * 30
    settings.CERT_SIGN_IN, settings.CERT_PROXY_SECRET, settings.CERT_IDENTITY = (
        True,
        secret,
        "edipi",
    )
    settings.PASSWORD_SIGN_IN = True
    pat = factories.planner(username="pat", password_chosen=False)  # temporary
    Profile.objects.update_or_create(user=pat, defaults={"edipi": "1234567890"})
    certificate = pki.issue_person(pki.make_ca(), "PLANNER.PAT.Q.1234567890").certificate
    headers = {
        "X-Cert-Proxy-Secret": secret,
        "X-Client-Verify": "SUCCESS",
        "X-Client-Cert": quote(pki.pem(certificate).decode()),
    }
    client.post(reverse("certificate_sign_in"), headers=headers)
    assert client.session["_auth_user_id"] == str(pat.pk)
    assert client.get(reverse("dashboard"), headers=headers).status_code == 200


def test_the_admins_own_change_password_link_leads_to_the_sites_page(admin_client):
    """There the rules for a person changing their own password apply to administrators
    too (Django's admin page would skip them)."""
    for response in (
        admin_client.get("/admin/password_change/"),
        admin_client.post("/admin/password_change/"),
    ):
        assert response["Location"] == reverse("password_change")


def test_the_change_page_lists_the_rules(client, owner):
    sign_in(client, "owner")
    page = text(client.get(reverse("password_change")))
    assert "Your password must differ from your last 5 passwords." in page
    assert "Your new password must change at least 8 characters of your old one." in page
    assert "You can change your own password at most once in 24 hours." in page
