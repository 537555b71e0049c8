"""Strict readers for settings that come from the environment.

A bad value stops start-up with ImproperlyConfigured naming the variable, so a
typo in a deployment never becomes a silently different setting.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or value.strip() == "" else value.strip()


def env_str(name: str, default: str) -> str:
    return _raw(name) or default


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true or false (or 1/0, yes/no, on/off); got {value!r}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value!r}.")
    return number


def env_url(name: str, default: str) -> str:
    """A site's public address (http or https, a host, no path), without a trailing slash."""
    value = (_raw(name) or default).rstrip("/")
    if not value:
        return ""
    scheme, _, rest = value.partition("://")
    if scheme not in ("http", "https") or not rest or "/" in rest or " " in rest:
        raise ImproperlyConfigured(
            f"{name} must be the site's address such as https://idd.example.mil; got {value!r}."
        )
    return value


def env_header(name: str) -> tuple[str, str] | None:
    """A request header a proxy sets to "https" (e.g. X-Forwarded-Proto) as Django's
    SECURE_PROXY_SSL_HEADER pair; None when unset."""
    value = _raw(name)
    if value is None:
        return None
    if not value.replace("-", "").replace("_", "").isalnum():
        raise ImproperlyConfigured(
            f"{name} must be a header name such as X-Forwarded-Proto; got {value!r}."
        )
    return ("HTTP_" + value.upper().replace("-", "_"), "https")


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} must be a comma-separated list; got {value!r}.")
    return items


def env_database(name: str, default: str) -> dict[str, Any]:
    value = _raw(name) or default
    try:
        config = environ.Env.db_url_config(value)
    except Exception as error:  # django-environ raises several types for bad URLs
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from None
    if config.get("ENGINE") not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured(
            f"{name} must be a postgres:// or sqlite:/// URL; got scheme of {value!r}."
        )
    if config["ENGINE"].endswith("postgresql") and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} must name a database, e.g. postgres://host/idd.")
    return config


def env_email(name: str, default: str) -> dict[str, Any]:
    value = _raw(name) or default
    try:
        return environ.Env.email_url_config(value)
    except Exception as error:
        raise ImproperlyConfigured(f"{name} is not a valid e-mail URL: {error}") from None


def secret_key(name: str, *, debug: bool, keep_in: Path) -> str:
    """The key from the environment; for local DEBUG runs, one kept under var/."""
    value = _raw(name)
    if value is not None:
        if len(value) < 32:
            raise ImproperlyConfigured(f"{name} must be at least 32 characters long.")
        return value
    if not debug:
        raise ImproperlyConfigured(f"{name} is required when DEBUG is off.")
    keep_in.parent.mkdir(parents=True, exist_ok=True)
    if not keep_in.exists():
        keep_in.write_text(secrets.token_urlsafe(50))
        keep_in.chmod(0o600)
    return keep_in.read_text().strip()
