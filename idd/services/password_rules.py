"""When a password must change before anything else (STIG V-222545, V-222547): it is
temporary (set by an administrator or a command, not by its owner) or older than
PASSWORD_MAX_AGE_DAYS. Checked at each sign-in with a password; the session then reaches
only the change-password page (idd/sign_in/password_change.py) until it is changed.
A session signed in with a certificate is never held: its password plays no part."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

from idd.models import PasswordRecord
from idd.reference.times import full_timestamp

PASSWORD_BACKEND = "idd.sign_in.backends.PasswordBackend"
MUST_CHANGE = "password_must_change"  # in the session: why, until the password changes
TEMPORARY = "temporary"
EXPIRED = "expired"


def expires_at(user: User) -> datetime:
    """When the password in use reaches its maximum age."""
    latest = PasswordRecord.objects.of(user).first()
    set_at = latest.set_at if latest is not None else user.date_joined
    return set_at + timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


def reason_to_change(user: User) -> str | None:
    """TEMPORARY, EXPIRED or None. A password with no record was not set by its owner
    through the product (createsuperuser, for one): temporary."""
    latest = PasswordRecord.objects.of(user).first()
    if latest is None or latest.temporary:
        return TEMPORARY
    if expires_at(user) <= timezone.now():
        return EXPIRED
    return None


def signed_in(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """On every sign-in: a password sign-in with a password to change is held to the
    change-password page until it is changed."""
    if request is None or request.session.get(BACKEND_SESSION_KEY) != PASSWORD_BACKEND:
        return
    reason = reason_to_change(user)
    if reason is not None:
        request.session[MUST_CHANGE] = reason


def held(request: HttpRequest) -> bool:
    return MUST_CHANGE in request.session


def why(request: HttpRequest) -> str:
    """The message on the change-password page for a session held there, else ''."""
    reason = request.session.get(MUST_CHANGE)
    if reason == TEMPORARY:
        return (
            "Your password was set for you by an administrator: it is temporary. Choose a "
            "new password of your own to continue."
        )
    if reason == EXPIRED:
        user = request.user
        since = full_timestamp(expires_at(user)) if isinstance(user, User) else ""
        return (
            f"Your password has expired: passwords must be changed at least every "
            f"{settings.PASSWORD_MAX_AGE_DAYS} days, and yours expired on {since}. "
            "Choose a new password to continue."
        )
    return ""


def changed(request: HttpRequest) -> None:
    """The owner changed their password: the session is free again."""
    request.session.pop(MUST_CHANGE, None)


def renew(user: User) -> None:
    """Record the password in use as chosen by its owner today (the demo's published
    passwords, each time seed_demo runs): neither temporary nor near expiry."""
    latest = PasswordRecord.objects.of(user).first()
    if latest is not None and latest.password == user.password:
        latest.set_at, latest.temporary = timezone.now(), False
        latest.save(update_fields=["set_at", "temporary"])
    else:
        PasswordRecord.objects.create(user=user, password=user.password, temporary=False)
