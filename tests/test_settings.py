"""Bad environment values stop start-up with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parent.parent


def start(**variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in variables}
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
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
        ("EMAIL_URL", "pigeon://loft"),
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


def test_production_like_settings_start(tmp_path):
    result = start(DEBUG="off", SECRET_KEY="x" * 50, ALLOWED_HOSTS="idd.example.mil")
    assert result.returncode == 0, result.stderr


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
