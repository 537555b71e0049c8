"""Bad environment values stop start-up with a message naming the variable."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import Settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.module_loading import import_string

from config import env

ROOT = Path(__file__).resolve().parent.parent


def start(*options: str, **variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in variables}
    environment.update(variables, DJANGO_SETTINGS_MODULE="config.settings")  # not the tests'
    return subprocess.run(
        [sys.executable, "manage.py", "check", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://db/idd"),
        ("DATABASE_URL", "postgres://localhost"),
        ("AXES_FAILURE_LIMIT", "ten"),
        ("TRUSTED_PROXY_COUNT", "-1"),
        ("SESSION_IDLE_MINUTES", "0"),
        ("SESSION_ADMIN_IDLE_MINUTES", "0"),
        ("SESSION_MAX_HOURS", "0"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https"),
        ("EMAIL_URL", "pigeon://loft"),
        ("CERT_IDENTITY", "cn"),
        ("CONSENT_BANNER", "maybe"),
        ("SITE_URL", "idd.example.mil"),
        ("SITE_URL", "https://idd.example.mil/review/"),
    ],
)
def test_bad_value_stops_start_up_naming_the_variable(variable, value):
    result = start(**{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = start(DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="example.mil")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_certificates_need_the_proxy_secret():
    result = start(CERT_SIGN_IN="true", CERT_PROXY_SECRET="short")
    assert result.returncode != 0
    assert "CERT_PROXY_SECRET must be at least 32 characters" in result.stderr


def test_production_like_settings_start(tmp_path):
    result = start(DEBUG="off", SECRET_KEY="x" * 50, ALLOWED_HOSTS="idd.example.mil")
    assert result.returncode == 0, result.stderr


PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "idd.example.mil"}
INSECURE = "With DEBUG off, SECURE_COOKIES and SECURE_SSL_REDIRECT must be on"


@pytest.mark.parametrize("variable", ["SECURE_COOKIES", "SECURE_SSL_REDIRECT"])
def test_production_refuses_to_start_over_plain_http(variable):
    result = start(**PRODUCTION, **{variable: "false"})
    assert result.returncode != 0
    assert INSECURE in result.stderr
    assert "ALLOW_INSECURE_HTTP=true" in result.stderr


def test_plain_http_allowed_explicitly_starts_and_the_deploy_check_warns():
    allowed = {**PRODUCTION, "SECURE_COOKIES": "false", "ALLOW_INSECURE_HTTP": "true"}
    assert start(**allowed).returncode == 0
    result = start("--deploy", **allowed)
    assert "(idd.W002) ALLOW_INSECURE_HTTP is on" in result.stderr + result.stdout


def test_production_settings_pass_the_deployment_checklist():
    result = start(
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="idd.example.mil",
        SITE_URL="https://idd.example.mil/",
        DJANGO_ALLOW_ASYNC_UNSAFE="",  # the browser tests' switch, never set in deployment
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_the_site_address_the_deploy_check_warns():
    """The worker's e-mails (route reminders) link by SITE_URL: unset, only a path."""
    result = start("--deploy", **PRODUCTION, SITE_URL="")
    assert "(idd.W003) SITE_URL is unset" in result.stderr + result.stdout


def test_the_site_address_loses_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://idd.example.mil/")
    assert env.env_url("SITE_URL", "") == "https://idd.example.mil"


def test_tls_ended_at_the_proxy_is_configurable(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert env.env_header("SECURE_PROXY_SSL_HEADER") == ("HTTP_X_FORWARDED_PROTO", "https")


def test_local_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    keep = tmp_path / "var" / "secret_key"
    first = env.secret_key("SECRET_KEY", debug=True, keep_in=keep)
    assert len(first) >= 50
    assert env.secret_key("SECRET_KEY", debug=True, keep_in=keep) == first


def test_short_secret_key_is_refused(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env.secret_key("SECRET_KEY", debug=False, keep_in=Path("/nonexistent"))


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("OFF", False), ("1", True), ("no", False)]
)
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env.env_bool("SOME_FLAG", not expected) is expected


def test_marking_defaults_to_unclassified(settings):
    assert os.environ.get("MARKING") or settings.MARKING == "UNCLASSIFIED"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    ["short-but-ok-1", "1q2w3e4r5t6y7u8i9o0p", "owner-owner-owner", "123456789012345678"],
)
def test_passwords_are_long_uncommon_and_unlike_the_user(password):
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password

    user = User(username="owner-owner-owner")
    with pytest.raises(ValidationError):
        validate_password(password, user)
    validate_password("Brackish-tide-lantern-42", user)


def test_production_leaves_the_demo_tools_out_unless_asked_for():
    """STIG V-222518: what production does not need is not there."""

    def seed_demo_help(**variables: str) -> subprocess.CompletedProcess:
        environment = {**os.environ, **PRODUCTION, **variables}
        environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
        command = [sys.executable, "manage.py", "help", "seed_demo"]
        return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)

    left_out = seed_demo_help()
    assert left_out.returncode != 0
    assert "Unknown command: 'seed_demo'" in left_out.stderr
    assert seed_demo_help(DEMO_TOOLS="true").returncode == 0


def test_production_hashes_passwords_with_pbkdf2_at_a_million_iterations():
    """The tests' fast hasher (tests/settings.py) stays out of the production settings."""
    production = Settings("config.settings")
    hasher = import_string(production.PASSWORD_HASHERS[0])()
    assert hasher.algorithm == "pbkdf2_sha256"
    assert hasher.iterations >= 1_000_000
