"""Sign-in throttling (django-axes): whom a failed sign-in counts against, and for how long.

Failures count against the username *and* the address together, so an attacker elsewhere
cannot lock the owner out. Behind a load balancer every request comes from the balancer's
address: `TRUSTED_PROXY_COUNT` says how many proxies in front of us append to
X-Forwarded-For, and the client's address is read from there (docs/adr/0007).
A lock-out is a fixed cool-off, LOGIN_COOLOFF_MINUTES from the failure that caused it.
Attempts while it lasts are refused without counting (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_
LOCKOUT is off), so the owner typing the right password too early never prolongs it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest

# AccessAttempt.username and the other axes records hold at most this many characters.
RECORDED_USERNAME_LENGTH = 255


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person signing in: REMOTE_ADDR, unless trusted proxies put it in
    X-Forwarded-For. Only the entries our own proxies appended are believed (counted from
    the right); anything further left was sent by the client and may be forged."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def recorded_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The username a failure is recorded under, cut to what the records hold: an
    overlong name typed into a sign-in form is a failed sign-in, never a crash."""
    if credentials:
        username = credentials.get("username")
    elif request is not None:
        username = getattr(request, "data", request.POST).get("username")
    else:
        username = None
    return username[:RECORDED_USERNAME_LENGTH] if isinstance(username, str) else username


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """How long failures are remembered and a lock-out lasts: LOGIN_COOLOFF_MINUTES."""
    return timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES)


def locked_until(request: HttpRequest) -> datetime | None:
    """When this username may sign in again from this address."""
    username = recorded_username(request, None)
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    found = AccessAttempt.objects.filter(
        username=username, ip_address=address, expiration__isnull=False
    ).aggregate(until=Max("expiration__expires_at"))
    return found["until"]
