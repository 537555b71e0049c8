"""The record of who came to the door and what happened, and the "last signed in" line
shown after each sign-in (STIG V-222437)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest

from idd.models import SignInRecord
from idd.reference.times import full_timestamp
from idd.services import audit
from idd.services.audit import Event, Outcome, address_of

__all__ = ["address_of", "as_recorded", "record"]

Kind = SignInRecord.Kind
CERTIFICATE_BACKEND = "idd.sign_in.backends.CertificateBackend"
# Set on the request by whoever ends a session for a reason (services.session_clock): the
# kind and detail the sign-out records instead of "Signed out".
SIGN_OUT_REASON = "idd_sign_out_reason"

# Each sign-in record is also an audit record (docs/adr/0017): its event and outcome. The
# two left out change `is_active`, which the account's own save records (audit_receivers).
FAILED_SIGN_IN = (Event.SIGN_IN, Outcome.FAILURE)
AUDITED = {
    Kind.CONSENTED: (Event.CONSENT_ACCEPTED, Outcome.SUCCESS),
    Kind.SIGNED_IN: (Event.SIGN_IN, Outcome.SUCCESS),
    Kind.SIGNED_OUT: (Event.SIGN_OUT, Outcome.SUCCESS),
    Kind.PASSWORD_FAILED: FAILED_SIGN_IN,
    Kind.PASSWORD_REFUSED: FAILED_SIGN_IN,
    Kind.CERTIFICATE_REFUSED: FAILED_SIGN_IN,
    Kind.NOT_REGISTERED: FAILED_SIGN_IN,
    Kind.NO_IDENTITY: FAILED_SIGN_IN,
    Kind.ACCOUNT_DISABLED: FAILED_SIGN_IN,
    Kind.FORGED_HEADERS: FAILED_SIGN_IN,
    Kind.LOCKED_OUT: (Event.LOCK_OUT, Outcome.SUCCESS),
    Kind.UNLOCKED: (Event.UNLOCK, Outcome.SUCCESS),
    Kind.SESSION_ENDED: (Event.SESSION_ENDED_BY_LIMIT, Outcome.SUCCESS),
    Kind.IDLE_TIMEOUT: (Event.IDLE_TIMEOUT, Outcome.SUCCESS),
    Kind.ABSOLUTE_TIMEOUT: (Event.ABSOLUTE_TIMEOUT, Outcome.SUCCESS),
    Kind.RIGHTS_CHANGED: (Event.SIGN_OUT, Outcome.SUCCESS),
}
# Done to an account by an administrator: the audit record names the administrator.
BY_AN_ADMINISTRATOR = (Kind.UNLOCKED,)


def as_recorded(username: str) -> str:
    """A typed username as the records keep it: at most 150 characters, any control
    character written out (`\\x85`) so the record shows what was sent and holds none."""
    visible = (
        ch.encode("unicode_escape").decode() if unicodedata.category(ch) == "Cc" else ch
        for ch in username
    )
    return "".join(visible)[:150]


def record(
    request: HttpRequest | None,
    kind: str,
    *,
    user: User | None = None,
    username: str = "",
    method: str = "",
    detail: str = "",
    **details: Any,
) -> SignInRecord:
    """The sign-in record, and its audit record (which refuses the action if it cannot be
    written: `audit.AuditUnavailable`)."""
    signed = SignInRecord.objects.create(
        kind=kind,
        user=user,
        username=as_recorded(username or (user.username if user else "")),
        address=address_of(request),
        method=method,
        detail=detail[:300],
    )
    if kind in AUDITED:
        event, outcome = AUDITED[Kind(kind)]
        actor = None if kind in BY_AN_ADMINISTRATOR else user
        account = user  # the object: for a failure under a name typed, its account if any
        if account is None and outcome == Outcome.FAILURE and signed.username:
            account = User.objects.filter(username=signed.username).first()
        details |= {"kind": kind, "reason": signed.get_kind_display()}
        details |= {"method": method} if method else {}
        details |= {"detail": signed.detail} if signed.detail else {}
        audit.record(
            request, event, outcome, user=actor, username=signed.username, obj=account, **details
        )
    return signed


def last_sign_in_line(user: User, before: SignInRecord) -> str:
    """ "Last signed in 5 Dec 2026, 14:02 UTC from 10.1.2.3; 2 failed attempts since"."""
    earlier = SignInRecord.objects.filter(user=user, kind=Kind.SIGNED_IN, pk__lt=before.pk)
    last = earlier.order_by("-pk").first()
    failures = SignInRecord.objects.filter(
        Q(user=user) | Q(username=user.username), kind__in=SignInRecord.FAILURES, pk__lt=before.pk
    )
    if last is not None:
        failures = failures.filter(pk__gt=last.pk)
    count = failures.count()
    attempts = f"{count} failed attempt{'' if count == 1 else 's'}"
    if last is None:
        return "This is your first sign-in here" + (f"; {attempts} before it." if count else ".")
    where = f" from {last.address}" if last.address else ""
    return f"Last signed in {full_timestamp(last.at)}{where}; {attempts} since."


def signed_in(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """On every sign-in: the record, and the line saying when the last one was."""
    backend = request.session.get(BACKEND_SESSION_KEY) if request is not None else None
    method = "certificate" if backend == CERTIFICATE_BACKEND else "password"
    now = record(request, Kind.SIGNED_IN, user=user, method=method)
    if request is not None:
        messages.info(request, last_sign_in_line(user, now), fail_silently=True)


def signed_out(sender, request: HttpRequest | None, user: User | None, **kwargs) -> None:
    """One record a sign-out: "Signed out", or the reason the server ended the session."""
    if user is not None:
        kind, detail = getattr(request, SIGN_OUT_REASON, (Kind.SIGNED_OUT, ""))
        record(request, kind, user=user, detail=detail)


def password_failed(sender, credentials: dict, request: HttpRequest | None = None, **kw) -> None:
    username = credentials.get("username")
    if isinstance(username, str):
        record(request, Kind.PASSWORD_FAILED, username=username, method="password")
