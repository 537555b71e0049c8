"""At most MAX_SESSIONS_PER_ACCOUNT sessions per account (STIG V-222387): a sign-in beyond
the limit ends the oldest session, recorded; its next request is told why. Sessions live
in the database, so every web process sees the same ones."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone

from idd.models import AccountSession, SignInRecord
from idd.reference.times import full_timestamp
from idd.services.audit import key_hash
from idd.services.sign_in_records import record

ENDED_BY_LIMIT = "session_ended_by_limit"  # in the new session of the browser it left
ENDED = (
    "You were signed out here because your account signed in in another browser, and "
    "an account may have at most {limit} sessions at once. Sign in again to continue."
)


def live_sessions(user: User) -> list[AccountSession]:
    """The account's sessions still open, oldest first; the rest are forgotten."""
    open_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    ours = AccountSession.objects.filter(user=user, ended_at__isnull=True)
    ours.exclude(session_key__in=open_keys).delete()  # signed out or expired
    return list(ours.filter(session_key__in=open_keys))


def signed_in(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """On every sign-in: note the session, and end the oldest beyond the limit."""
    key = request.session.session_key if request is not None else None
    if not key:
        return
    AccountSession.objects.update_or_create(
        session_key=key, defaults={"user": user, "ended_at": None}
    )
    live = live_sessions(user)
    for oldest in live[: max(0, len(live) - settings.MAX_SESSIONS_PER_ACCOUNT)]:
        Session.objects.filter(session_key=oldest.session_key).delete()
        oldest.ended_at = timezone.now()
        oldest.save(update_fields=["ended_at"])
        record(
            request,
            SignInRecord.Kind.SESSION_ENDED,
            user=user,
            detail=f"the session signed in {full_timestamp(oldest.started_at)}",
            ended_session=key_hash(oldest.session_key),
        )


def ended_by_the_limit(session_key: str) -> bool:
    """Whether the limit ended the session with this key (answered once)."""
    deleted, _ = AccountSession.objects.filter(
        session_key=session_key, ended_at__isnull=False
    ).delete()
    return deleted > 0


def ended_message(request: HttpRequest) -> str:
    """The sign-in page's explanation, once, for a browser whose session the limit ended."""
    if not request.session.pop(ENDED_BY_LIMIT, False):
        return ""
    return ENDED.format(limit=settings.MAX_SESSIONS_PER_ACCOUNT)
