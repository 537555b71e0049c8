"""STIG requirements that hold by the framework or the image, each shown once here so the
checklist (docs/security/asd-stig.md) can name a test: session identifiers (V-222579 to
V-222582), what signing out and deleting an account end (V-222388, V-222549), no password
in a log or record (V-222444), no shell and no hand-built SQL (V-222604, V-222607), and
the container's user (V-222430, V-222514), password fields (V-222554)."""

from __future__ import annotations

import ast
import logging
import re
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from idd.models import SignInRecord
from tests import factories
from tests.accounts.browsers import signed_in, still_signed_in

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("idd", "assessments", "config")
# Calls that run a program or send SQL written by hand.
CALLS = {"system", "popen", "spawnl", "execv", "raw", "extra", "executemany"}


# Session identifiers


@pytest.mark.django_db
def test_signing_in_gives_a_new_session_id_so_a_planted_one_is_worthless(owner):
    """V-222579: a session id set before sign-in (e.g. planted by an attacker) is not the
    one the signed-in session uses."""
    browser = Client()
    browser.get(reverse("login"))
    browser.session.save()  # the id a visitor has before signing in
    planted = browser.session.session_key
    browser.cookies["sessionid"] = planted
    browser.post(reverse("login"), {"username": "owner", "password": factories.PASSWORD})
    assert browser.cookies["sessionid"].value != planted
    attacker = Client()
    attacker.cookies["sessionid"] = planted
    assert not still_signed_in(attacker)


@pytest.mark.django_db
def test_a_made_up_or_signed_out_session_id_signs_nobody_in(owner):
    """V-222580 and V-222582: only a live session id the server issued is accepted; one
    ended by signing out is never accepted again."""
    browser = signed_in("owner")
    old = browser.cookies["sessionid"].value
    browser.post(reverse("logout"))
    replay = Client()
    replay.cookies["sessionid"] = old
    assert not still_signed_in(replay)
    made_up = Client()
    made_up.cookies["sessionid"] = "x" * 32
    assert not still_signed_in(made_up)
    again = signed_in("owner")
    assert again.cookies["sessionid"].value != old


@pytest.mark.django_db
def test_a_session_id_in_the_url_signs_nobody_in(owner):
    """V-222581: the session id travels in its cookie only, never in a URL."""
    key = signed_in("owner").cookies["sessionid"].value
    stranger = Client()
    for name in ("sessionid", "session", "sid"):
        response = stranger.get(reverse("dashboard"), {name: key})
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_signing_out_deletes_the_session_and_its_cookie(owner):
    """V-222388 and V-222578 (sign-out): nothing of the session stays on the server or in
    the browser."""
    browser = signed_in("owner")
    key = browser.cookies["sessionid"].value
    response = browser.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    cookie = response.cookies["sessionid"]
    assert cookie.value == ""
    assert cookie["max-age"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("ending", ["deleted", "disabled"])
def test_deleting_or_disabling_an_account_ends_its_sessions(owner, ending):
    """V-222549: an account removed (or disabled) by an administrator is signed out at its
    next request in every browser."""
    browsers = [signed_in("owner"), signed_in("owner")]
    if ending == "deleted":
        owner.delete()
    else:
        owner.is_active = False
        owner.save()
    for browser in browsers:
        response = browser.get(reverse("dashboard"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_password_fields_hide_what_is_typed(owner):
    """V-222554: every password field (sign-in, change of password) is a password input,
    shown as dots, and a refused sign-in does not send the password back."""
    browser = Client()
    sign_in = browser.get(reverse("login")).content.decode()
    refused = browser.post(
        reverse("login"), {"username": "owner", "password": "Typed-Wrong-Secret-1!"}
    ).content.decode()
    assert "Typed-Wrong-Secret-1!" not in refused
    browser = signed_in("owner")
    change = browser.get(reverse("password_change")).content.decode()
    for page, count in ((sign_in, 1), (refused, 1), (change, 3)):
        fields = re.findall(r"<input[^>]*name=\"[^\"]*password[^\"]*\"[^>]*>", page)
        assert len(fields) == count
        assert all('type="password"' in field for field in fields), fields


# What is written down


@pytest.mark.django_db
def test_a_typed_password_is_never_written_to_a_log_or_a_record(owner, caplog):
    """V-222444: failed and successful sign-ins are recorded and logged without the
    password typed."""
    wrong = "Wrong-Password-Typed-491!"
    with caplog.at_level(logging.DEBUG):
        Client().post(reverse("login"), {"username": "owner", "password": wrong})
        signed_in("owner")
    assert SignInRecord.objects.exists(), "the sign-ins were recorded"
    for secret in (wrong, factories.PASSWORD):
        assert secret not in caplog.text
        for record in SignInRecord.objects.all():
            assert secret not in str(vars(record)), record


# The code and the image


def product_modules() -> list[Path]:
    return [
        path
        for package in PRODUCT
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]


def test_the_product_runs_no_shell_command_and_builds_no_sql():
    """V-222604 and V-222607: no code path hands text to a shell or a hand-written SQL
    statement; every query goes through the ORM's parameters. The one cursor is the health
    check's fixed `SELECT 1`."""
    found = []
    for path in product_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or ""
                if {"subprocess", "pty", "commands"} & {module, *names}:
                    found.append(f"{path}: imports {module or names}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CALLS
            ):
                found.append(f"{path}:{node.lineno}: .{node.func.attr}()")
            elif isinstance(node, ast.Name) and node.id == "RawSQL":
                found.append(f"{path}:{node.lineno}: RawSQL")
        text = path.read_text()
        if ".cursor()" in text and path != ROOT / "idd" / "views" / "health.py":
            found.append(f"{path}: opens a database cursor")
    assert found == []
    health = (ROOT / "idd" / "views" / "health.py").read_text()
    assert re.findall(r"\.execute\(([^)]*)\)", health) == ['"SELECT 1"']


def test_the_container_runs_the_app_as_a_user_not_root():
    """V-222430: the image's gunicorn runs as the unprivileged user `idd`."""
    lines = [line.split() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    users = [words[1] for words in lines if words and words[0] == "USER"]
    last_stage = max(i for i, words in enumerate(lines) if words and words[0] == "FROM")
    cmd = next(i for i, words in enumerate(lines) if words and words[0] == "CMD")
    user_lines = [i for i, words in enumerate(lines) if words and words[0] == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert last_stage < user_lines[-1] < cmd
    # V-222514: that user may write its var/ folder only, not the code or the libraries.
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"useradd --system\b", dockerfile)
    assert re.findall(r"chown (?:-R )?(\S+) (\S+)", dockerfile) == [("idd", "/app/var")]
