"""Signing in with a CAC behind the proxy, the consent banner before it, passwords as the
exception, and the last sign-in line: each refusal a clear page, a record, nobody in.

The requests carry the headers our nginx sets (deploy/nginx/idd.conf.template); the
browser tests in tests/tls drive the real proxy."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.test import Client

from deploy import pki
from idd.models import Profile, SignInRecord
from idd.services.consent import ACCEPTED_AT
from idd.services.inactive_accounts import disable_inactive
from idd.services.lockout import is_locked
from idd.views.accounts import CERTIFICATE_ONLY
from tests import factories

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]
Kind = SignInRecord.Kind
SECRET = "proxy-secret-" + "x" * 30
EDIPI = "1234567890"


@pytest.fixture(autouse=True)
def certificates_on(settings):
    settings.CERT_SIGN_IN = True
    settings.CERT_PROXY_SECRET = SECRET
    settings.CERT_IDENTITY = "edipi"
    settings.CONSENT_BANNER = True
    settings.PASSWORD_SIGN_IN = True
    settings.BREAK_GLASS_ACCOUNTS = []


@pytest.fixture(scope="module")
def ca():
    return pki.make_ca()


@pytest.fixture
def registered(db):
    user = factories.planner(username="pat", first_name="Pat", last_name="Planner")
    Profile.objects.update_or_create(user=user, defaults={"edipi": EDIPI})
    return user


def proxy(certificate=None, verify="SUCCESS", secret=SECRET) -> dict[str, str]:
    """The headers nginx sets: the secret, the verification result, the certificate."""
    headers = {"X-Cert-Proxy-Secret": secret, "X-Client-Verify": verify}
    if certificate is not None:
        headers["X-Client-Cert"] = quote(pki.pem(certificate).decode())
    return headers


def person(ca, common_name=f"PLANNER.PAT.Q.{EDIPI}", **kwargs):
    return pki.issue_person(ca, common_name, **kwargs).certificate


def agree(client: Client, headers: dict[str, str] | None = None, next_url: str = "/"):
    return client.post("/accounts/notice/", {"next": next_url}, headers=headers or {})


def signed_in_as(client: Client) -> str | None:
    response = client.get("/")
    return response.context["user"].username if response.status_code == 200 else None


def kinds() -> list[str]:
    return list(SignInRecord.objects.order_by("pk").values_list("kind", flat=True))


# The banner


def test_every_page_waits_for_the_banner_and_then_comes(client):
    response = client.get("/initiatives/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/notice/?next=%2Finitiatives%2F"
    assert client.get("/accounts/login/")["Location"].startswith("/accounts/notice/")
    assert client.post("/accounts/login/", {"username": "x"})["Location"] == "/accounts/notice/"
    page = client.get("/accounts/notice/?next=/initiatives/")
    assert "You are accessing a U.S. Government (USG) Information System" in page.text
    assert "I agree" in page.text

    response = agree(client, next_url="/initiatives/")
    assert response["Location"] == "/initiatives/"
    assert ACCEPTED_AT in client.session
    assert kinds() == [Kind.CONSENTED]
    assert client.get("/accounts/login/").status_code == 200


def test_the_banner_text_is_a_setting(client, settings):
    settings.CONSENT_BANNER_TEXT = "Agency notice.\n\nSecond paragraph."
    page = client.get("/accounts/notice/")
    assert "<p>Agency notice.</p>" in page.text
    assert "<p>Second paragraph.</p>" in page.text
    assert "USG" not in page.text


def test_the_health_check_and_the_refusal_page_need_no_banner(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/certificate/refused/")["Location"] == "/accounts/login/"


def test_no_banner_where_not_configured(client, settings):
    settings.CONSENT_BANNER = False
    assert client.get("/accounts/login/").status_code == 200


# Certificates


def test_a_registered_certificate_signs_in_on_i_agree(client, ca, registered):
    response = agree(client, proxy(person(ca)))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(client) == "pat"
    signed = SignInRecord.objects.get(kind=Kind.SIGNED_IN)
    assert (signed.user, signed.method, signed.address) == (registered, "certificate", "127.0.0.1")


def test_the_sign_in_page_offers_the_certificate_presented(client, ca, registered):
    agree(client)
    page = client.get("/accounts/login/", headers=proxy(person(ca)))
    assert "Sign in with your certificate" in page.text
    response = client.post(
        "/accounts/certificate/", {"next": "/initiatives/"}, headers=proxy(person(ca))
    )
    assert response["Location"] == "/initiatives/"
    assert signed_in_as(client) == "pat"


def refused(response, *texts: str) -> None:
    assert response.status_code == 403
    for text in texts:
        assert text in response.text
    assert "You are not signed in" in response.text


def test_an_unregistered_certificate_is_told_so(client, ca, registered):
    stranger = person(ca, "STRANGER.SAM.R.2345678901")
    refused(
        agree(client, proxy(stranger)),
        "Your certificate (EDIPI 2345678901) is not registered here: ask an administrator",
    )
    assert signed_in_as(client) is None
    record = SignInRecord.objects.get(kind=Kind.NOT_REGISTERED)
    assert record.username == "EDIPI 2345678901"
    assert "CN=STRANGER.SAM.R.2345678901" in record.detail


@pytest.mark.parametrize(
    ("days", "text"),
    [((-30, -1), "It expired on"), ((1, 30), "It is not valid until")],
)
def test_the_app_rechecks_the_validity_dates(client, ca, registered, days, text):
    now = datetime.now(UTC)
    certificate = person(
        ca, not_before=now + timedelta(days=days[0]), not_after=now + timedelta(days=days[1])
    )
    refused(agree(client, proxy(certificate)), text)
    assert signed_in_as(client) is None
    assert Kind.CERTIFICATE_REFUSED in kinds()


def test_a_certificate_without_an_edipi(client, ca, registered):
    refused(agree(client, proxy(person(ca, "Pat Planner"))), "Your certificate names no DoD ID")
    assert Kind.NO_IDENTITY in kinds()


def test_upn_identity(client, ca, registered, settings):
    settings.CERT_IDENTITY = "upn"
    refused(agree(client, proxy(person(ca))), "a UPN such as 1234567890@mil")
    assert signed_in_as(client) is None
    agree(client, proxy(person(ca, "Pat Planner", upn=f"{EDIPI}@mil")))
    assert signed_in_as(client) == "pat"


def test_a_disabled_account(client, ca, registered):
    User.objects.filter(pk=registered.pk).update(is_active=False)
    refused(agree(client, proxy(person(ca))), "the account is disabled")
    record = SignInRecord.objects.get(kind=Kind.ACCOUNT_DISABLED)
    assert record.user == registered
    assert signed_in_as(client) is None


def test_an_account_disabled_for_inactivity_says_so(client, ca, registered, settings):
    settings.INACTIVE_ACCOUNT_DAYS = 1
    User.objects.filter(pk=registered.pk).update(date_joined=datetime.now(UTC) - timedelta(2))
    assert disable_inactive() == ["pat"]
    refused(agree(client, proxy(person(ca))), "disabled after 1 days without a sign-in")


def test_a_locked_password_does_not_stop_the_certificate(client, ca, registered, settings):
    settings.BREAK_GLASS_ACCOUNTS = ["pat"]
    agree(client)
    for _ in range(3):
        client.post("/accounts/login/", {"username": "pat", "password": "wrong-guess-1A!"})
    assert is_locked("pat")
    client.post("/accounts/certificate/", headers=proxy(person(ca)))
    assert signed_in_as(client) == "pat"


@pytest.mark.parametrize(
    "reason",
    ["certificate revoked", "certificate has expired", "unable to get local issuer certificate"],
)
def test_what_the_proxy_refused_is_explained(client, reason):
    response = client.get(
        "/accounts/certificate/refused/", headers=proxy(verify=f"FAILED:{reason}")
    )
    refused(response, "Your certificate was refused")
    assert SignInRecord.objects.get().detail == f"FAILED:{reason}"


@pytest.mark.parametrize("secret", ["", "wrong-" + "x" * 40])
def test_forged_headers_sign_nobody_in(client, ca, registered, secret):
    headers = proxy(person(ca), secret=secret)
    assert (
        "Sign in with your certificate" not in client.get("/accounts/login/", headers=headers).text
    )
    refused(agree(client, headers), "did not come through this site")
    assert signed_in_as(client) is None
    assert Kind.FORGED_HEADERS in kinds()


def test_certificate_headers_are_ignored_when_certificates_are_off(
    client, ca, registered, settings
):
    settings.CERT_SIGN_IN = False
    assert agree(client, proxy(person(ca)))["Location"] == "/"
    assert signed_in_as(client) is None


def test_no_certificate_presented(client):
    agree(client)
    page = client.get("/accounts/login/", headers=proxy(verify="NONE"))
    assert "Your browser sent no certificate" in page.text
    refused(client.post("/accounts/certificate/", headers=proxy(verify="NONE")), "No certificate")


def test_signing_out_brings_the_banner_back(client, ca, registered):
    agree(client, proxy(person(ca)))
    client.post("/accounts/logout/")
    assert client.get("/")["Location"].startswith("/accounts/notice/")
    assert kinds()[-1] == Kind.SIGNED_OUT


# Passwords


def sign_in_with_password(client, username, password=factories.PASSWORD):
    agree(client)
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_administrators_use_their_certificate(client):
    factories.UserFactory(username="boss", is_staff=True, is_superuser=True)
    response = sign_in_with_password(client, "boss")
    assert CERTIFICATE_ONLY in response.text
    assert signed_in_as(client) is None
    assert Kind.PASSWORD_REFUSED in kinds()
    # A wrong password is only that: it does not learn what kind of account this is.
    assert CERTIFICATE_ONLY not in sign_in_with_password(client, "boss", "wrong").text


def test_break_glass_accounts_keep_a_password(client, settings):
    settings.PASSWORD_SIGN_IN = False
    settings.BREAK_GLASS_ACCOUNTS = ["breakglass"]
    factories.UserFactory(username="breakglass", is_staff=True, is_superuser=True)
    factories.planner(username="plain")
    agree(client)
    assert "Only emergency (break-glass) accounts" in client.get("/accounts/login/").text
    assert sign_in_with_password(client, "breakglass")["Location"] == "/"
    client.post("/accounts/logout/")
    assert CERTIFICATE_ONLY in sign_in_with_password(client, "plain").text


def test_no_password_form_when_passwords_are_off(client, settings):
    settings.PASSWORD_SIGN_IN = False
    agree(client)
    page = client.get("/accounts/login/")
    assert 'name="password"' not in page.text
    assert "With your CAC" in page.text


# The last sign-in


def test_the_last_sign_in_and_failures_since(client, registered):
    before = SignInRecord.objects.create(kind=Kind.SIGNED_IN, user=registered, address="10.1.2.3")
    SignInRecord.objects.filter(pk=before.pk).update(at=datetime(2026, 12, 5, 14, 2, tzinfo=UTC))
    sign_in_with_password(client, "pat", "wrong")
    sign_in_with_password(client, "pat", "wrong again")
    response = sign_in_with_password(client, "pat")
    page = client.get(response["Location"])
    assert (
        "Last signed in 5 Dec 2026, 14:02 UTC from 10.1.2.3; 2 failed attempts since." in page.text
    )


def test_the_first_sign_in_says_so(client, registered):
    page = client.get(sign_in_with_password(client, "pat")["Location"])
    assert "This is your first sign-in here" in page.text


# The EDIPI on the profile


def test_one_edipi_one_person(client, registered):
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    other = factories.planner(username="other")
    client.force_login(admin, backend="idd.sign_in.backends.CertificateBackend")
    profile = Profile.objects.get(user=other)
    form = client.get(f"/admin/idd/profile/{profile.pk}/change/").context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(user=other.pk, edipi=EDIPI)
    response = client.post(f"/admin/idd/profile/{profile.pk}/change/", data)
    assert "This EDIPI is already on another person&#x27;s profile." in response.text
    data["edipi"] = "2345678901"
    assert client.post(f"/admin/idd/profile/{profile.pk}/change/", data).status_code == 302
    change = Profile.history.filter(id=profile.pk).latest()
    assert (change.edipi, change.history_user) == ("2345678901", admin)


def test_people_cannot_set_their_own_edipi(client, registered):
    client.force_login(registered)
    data = {"first_name": "Pat", "last_name": "Planner", "email": "pat@example.mil"}
    client.post("/accounts/profile/", {**data, "edipi": "9999999999"})
    assert Profile.objects.get(user=registered).edipi == EDIPI


def test_a_certificate_user_is_offered_no_password_to_change(client, settings):
    """With passwords off, the menu has no "Change password" and its page says why."""
    settings.PASSWORD_SIGN_IN = False
    planner = factories.planner(username="cert-only")
    client.force_login(planner, backend="idd.sign_in.backends.CertificateBackend")
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Sign out cert-only" in dashboard.content.decode()
    assert "Change password" not in dashboard.content.decode()
    response = client.get("/accounts/password/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/profile/"
    assert "You sign in with your certificate" in response.content.decode()


def test_a_break_glass_account_still_changes_its_password(client, settings):
    settings.PASSWORD_SIGN_IN = False
    settings.BREAK_GLASS_ACCOUNTS = ["glass"]
    client.force_login(factories.planner(username="glass"))
    assert "Change password" in client.get("/").content.decode()
    assert client.get("/accounts/password/").status_code == 200
