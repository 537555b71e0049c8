"""CAC sign-in through the real nginx in front of two gunicorn processes (tests/tls/
conftest.py): Chromium presents client certificates (Playwright's client_certificates),
the proxy verifies them against a CA and a revocation list made by the test."""

from __future__ import annotations

import os
import re
import socket
import ssl
from pathlib import Path

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from tests.tls.conftest import PASSWORD, Stack

FORGED_TEXT = "did not come through this site"


def context(browser: Browser, stack: Stack, certificate: str | None = None):
    certificates = [stack.cert(certificate)] if certificate else []
    return browser.new_context(ignore_https_errors=True, client_certificates=certificates)


def shot(page, stack: Stack, name: str) -> None:
    """A screenshot to look at (in SCREENSHOTS_DIR, else the stack's folder), once axe has
    found nothing wrong on the page."""
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or stack.folder / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_registered_certificate_banner_then_dashboard(browser, tls_stack):
    with context(browser, tls_stack, "registered") as browsing:
        page = browsing.new_page()
        page.goto(f"{tls_stack.origin}/")
        expect(page.get_by_role("heading", name="Notice and consent")).to_be_visible()
        expect(page.get_by_text("You are accessing a U.S. Government (USG)")).to_be_visible()
        shot(page, tls_stack, "banner")
        page.get_by_role("button", name="I agree").click()
        page.wait_for_url(f"{tls_stack.origin}/")
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        expect(page.get_by_text("This is your first sign-in here.")).to_be_visible()
        shot(page, tls_stack, "dashboard")

        # The session started through the proxy continues on either app server.
        session = next(c for c in browsing.cookies() if c["name"] == "sessionid")["value"]
        for app in tls_stack.app_urls:
            answer = requests.get(f"{app}/", cookies={"sessionid": session}, timeout=30)
            assert answer.status_code == 200, app
            assert "Dashboard" in answer.text

        # Signing out brings the banner back before the next sign-in.
        page.get_by_role("button", name="Sign out").click()
        page.goto(f"{tls_stack.origin}/")
        expect(page.get_by_role("heading", name="Notice and consent")).to_be_visible()
        page.get_by_role("button", name="I agree").click()
        expect(
            page.get_by_text(re.compile(r"Last signed in .* UTC from 127\.0\.0\.1"))
        ).to_be_visible()
    kinds = [record["kind"] for record in tls_stack.records()]
    assert kinds[:3] == ["consented", "signed_in", "signed_out"]


@pytest.mark.browser
def test_unregistered_certificate_is_told_so(browser, tls_stack):
    with context(browser, tls_stack, "unregistered") as browsing:
        page = browsing.new_page()
        page.goto(f"{tls_stack.origin}/")
        page.get_by_role("button", name="I agree").click()
        expect(
            page.get_by_text(
                "Your certificate (EDIPI 2345678901) is not registered here: ask an administrator"
            )
        ).to_be_visible()
        shot(page, tls_stack, "unregistered")
        page.goto(f"{tls_stack.origin}/")
        assert "/accounts/login/" in page.url  # nobody signed in
    assert any(r["kind"] == "not_registered" for r in tls_stack.records())


@pytest.mark.browser
def test_revoked_certificate_is_refused(browser, tls_stack):
    with context(browser, tls_stack, "revoked") as browsing:
        page = browsing.new_page()
        assets = []
        page.on("response", lambda r: "/static/" in r.url and assets.append((r.url, r.status)))
        response = page.goto(f"{tls_stack.origin}/")
        assert response is not None and response.status == 403
        expect(page.get_by_role("heading", name="Your certificate was refused")).to_be_visible()
        expect(page.get_by_text("It has been revoked.")).to_be_visible()
        # In the site's frame: its stylesheets and scripts load with the refused certificate.
        assert assets and all(status == 200 for _, status in assets), assets
        shot(page, tls_stack, "revoked")


@pytest.mark.browser
def test_no_certificate_banner_then_the_password_form(browser, tls_stack):
    with context(browser, tls_stack) as browsing:
        page = browsing.new_page()
        page.goto(f"{tls_stack.origin}/")
        page.get_by_role("button", name="I agree").click()
        expect(page.get_by_text("Your browser sent no certificate")).to_be_visible()
        page.get_by_label("Username").fill("pat")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


@pytest.mark.parametrize(
    ("certificate", "reason"),
    [
        ("revoked", "It has been revoked."),
        ("expired", "It has expired."),
        ("not_yet_valid", "It is not valid yet."),
        ("unknown_issuer", "not issued by a certificate authority this site trusts"),
    ],
)
def test_what_the_proxy_cannot_verify_never_reaches_the_app(tls_stack, certificate, reason):
    answer = requests.get(
        f"{tls_stack.origin}/accounts/notice/",
        cert=tls_stack.pair(certificate),
        verify=tls_stack.ca_file,
        timeout=30,
    )
    assert answer.status_code == 403
    assert reason in answer.text
    assert "You are not signed in" in answer.text


def test_plain_http_only_redirects_and_tls_says_hsts(tls_stack):
    plain = requests.get(
        f"{tls_stack.http_origin}/accounts/login/", allow_redirects=False, timeout=30
    )
    assert plain.status_code == 301
    https_port = tls_stack.origin.rsplit(":", 1)[1]
    assert plain.headers["Location"] == f"https://127.0.0.1:{https_port}/accounts/login/"
    answer = requests.get(f"{tls_stack.origin}/healthz", verify=tls_stack.ca_file, timeout=30)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def handshake(stack: Stack, version: ssl.TLSVersion, ciphers: str | None = None):
    """The TLS version and cipher the proxy agrees to with a client offering only these."""
    context = ssl.create_default_context(cafile=stack.ca_file)
    context.minimum_version = context.maximum_version = version
    if ciphers:
        context.set_ciphers(ciphers)
    host, port = "127.0.0.1", int(stack.origin.rsplit(":", 1)[1])
    with (
        socket.create_connection((host, port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        return tls.version(), tls.cipher()[0]


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3])
def test_the_proxy_speaks_tls_1_2_and_1_3_with_fips_approved_aes_gcm(tls_stack, version):
    spoken, cipher = handshake(tls_stack, version)
    assert spoken == version.name.replace("v1_", "v1.")
    assert "AES" in cipher and "GCM" in cipher, cipher


@pytest.mark.parametrize(
    ("version", "ciphers"),
    [
        (ssl.TLSVersion.TLSv1_1, "DEFAULT:@SECLEVEL=0"),  # an old protocol
        (ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-CHACHA20-POLY1305"),  # not FIPS-approved
        (ssl.TLSVersion.TLSv1_2, "ECDHE-RSA-AES128-SHA"),  # CBC
    ],
)
@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated")  # it is the point
def test_the_proxy_refuses_older_protocols_and_other_ciphers(tls_stack, version, ciphers):
    with pytest.raises(ssl.SSLError) as refused:
        handshake(tls_stack, version, ciphers)
    assert "ALERT" in str(refused.value).upper(), "refused by the proxy, not by this client"


def forged_headers(stack: Stack) -> dict[str, str]:
    pem = Path(stack.pair("registered")[0]).read_text()
    from urllib.parse import quote

    return {"X-Client-Verify": "SUCCESS", "X-Client-Cert": quote(pem)}


def agree_with(session: requests.Session, url: str, headers: dict[str, str], **kwargs):
    """ "I agree" with these extra headers. The cookies are marked Secure; sent by hand, so
    plain HTTP straight to an app server carries them too (as an attacker's client would)."""
    page = session.get(f"{url}/accounts/notice/", timeout=30, **kwargs)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    return session.post(
        f"{url}/accounts/notice/",
        data={"csrfmiddlewaretoken": token, "next": "/"},
        headers={**headers, "Referer": f"{url}/accounts/notice/", "Origin": url},
        cookies=session.cookies.get_dict(),
        allow_redirects=False,
        timeout=30,
        **kwargs,
    )


def test_forged_headers_straight_to_an_app_server_sign_nobody_in(tls_stack):
    session = requests.Session()
    app = tls_stack.app_urls[0]
    headers = {**forged_headers(tls_stack), "X-Cert-Proxy-Secret": "guessed-" + "x" * 40}
    answer = agree_with(session, app, headers)
    assert answer.status_code == 403
    assert FORGED_TEXT in answer.text
    signed_in = session.get(
        f"{app}/", cookies=session.cookies.get_dict(), allow_redirects=False, timeout=30
    )
    assert signed_in.status_code == 302  # to sign-in: nobody is signed in
    assert any(r["kind"] == "forged_headers" for r in tls_stack.records())


def test_forged_headers_through_the_proxy_are_replaced(tls_stack):
    """A client without a certificate sending the proxy's header names: nginx sets its own."""
    session = requests.Session()
    headers = {**forged_headers(tls_stack), "X-Cert-Proxy-Secret": "guessed-" + "x" * 40}
    answer = agree_with(session, tls_stack.origin, headers, verify=tls_stack.ca_file)
    assert answer.status_code == 302  # consent given, no certificate: on to sign-in
    dashboard = session.get(
        f"{tls_stack.origin}/", verify=tls_stack.ca_file, allow_redirects=False, timeout=30
    )
    assert dashboard.status_code == 302
    assert dashboard.headers["Location"].startswith("/accounts/login/")
