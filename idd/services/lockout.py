"""Account lock-out (STIG V-222432, docs/adr/0016): LOCKOUT_FAILURES consecutive failed
password sign-ins within LOCKOUT_WINDOW_MINUTES lock the username, whatever the address,
until an administrator unlocks it (or LOCKOUT_MINUTES pass, when the organization sets
a period). The state is read from the sign-in records, so every lock and unlock is one."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

from idd.models import SignInRecord
from idd.services.sign_in_records import as_recorded, record

Kind = SignInRecord.Kind
# A sign-in, a lock or an unlock starts the count of consecutive failures afresh.
COUNT_RESETS = (Kind.SIGNED_IN, Kind.LOCKED_OUT, Kind.UNLOCKED)


def _last(username: str, kinds) -> SignInRecord | None:
    username = as_recorded(username)
    return SignInRecord.objects.filter(username=username, kind__in=kinds).order_by("-pk").first()


def current_lock(username: str) -> SignInRecord | None:
    """The record of the lock on this username, or None when it may sign in."""
    last = _last(username, (Kind.LOCKED_OUT, Kind.UNLOCKED))
    if last is None or last.kind == Kind.UNLOCKED:
        return None
    until = unlocks_at(last)
    return last if until is None or until > timezone.now() else None


def unlocks_at(lock: SignInRecord) -> datetime | None:
    """When a lock ends by itself: None unless the organization set LOCKOUT_MINUTES."""
    if not settings.LOCKOUT_MINUTES:
        return None
    return lock.at + timedelta(minutes=settings.LOCKOUT_MINUTES)


def is_locked(username: str) -> bool:
    return current_lock(username) is not None


def failures_in_a_row(username: str) -> int:
    """Failed password sign-ins within the window since the last sign-in, lock or unlock."""
    since = timezone.now() - timedelta(minutes=settings.LOCKOUT_WINDOW_MINUTES)
    failures = SignInRecord.objects.filter(
        username=as_recorded(username), kind=Kind.PASSWORD_FAILED, at__gte=since
    )
    reset = _last(username, COUNT_RESETS)
    if reset is not None:
        failures = failures.filter(pk__gt=reset.pk)
    return failures.count()


def attempts_left(username: str) -> int:
    return max(0, settings.LOCKOUT_FAILURES - failures_in_a_row(username))


def password_failed(sender, credentials: dict, request: HttpRequest | None = None, **kw) -> None:
    """After each failed password sign-in (recorded just before): lock at the limit. Any
    username is counted, known or not, so the page never tells which accounts exist."""
    username = credentials.get("username")
    if not isinstance(username, str) or is_locked(username):
        return
    username = as_recorded(username)
    if attempts_left(username) == 0:
        user = User.objects.filter(username=username).first()
        detail = (
            f"{settings.LOCKOUT_FAILURES} failed sign-ins within "
            f"{settings.LOCKOUT_WINDOW_MINUTES} minutes"
        )
        record(request, Kind.LOCKED_OUT, user=user, username=username, detail=detail)


def unlock(request: HttpRequest, user: User) -> bool:
    """An administrator lifts the lock; False when there was none."""
    if not is_locked(user.username):
        return False
    record(request, Kind.UNLOCKED, user=user, detail=f"by {request.user.get_username()}")
    return True
