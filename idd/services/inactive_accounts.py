"""Accounts unused for INACTIVE_ACCOUNT_DAYS are disabled (STIG V-222411) by the worker's
daily task (idd.tasks); INACTIVE_EXEMPT_ACCOUNTS (usernames) never are. The person is told
why at sign-in; an administrator enables the account again (Users, action "Enable"),
which restarts its clock. Each is a sign-in record."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest
from django.utils import timezone

from idd.models import SignInRecord
from idd.services.sign_in_records import record

Kind = SignInRecord.Kind


def disable_inactive() -> list[str]:
    """Disable every active, non-exempt account without a sign-in (or an enabling) for
    INACTIVE_ACCOUNT_DAYS, counted from its creation if it never signed in; who."""
    days = settings.INACTIVE_ACCOUNT_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    enabled = Max("signinrecord__at", filter=Q(signinrecord__kind=Kind.ENABLED))
    idle = (
        User.objects.filter(is_active=True)
        .exclude(username__in=settings.INACTIVE_EXEMPT_ACCOUNTS)
        .annotate(
            active_at=Greatest(
                Coalesce("last_login", "date_joined"), Coalesce(enabled, "date_joined")
            )
        )
        .filter(active_at__lt=cutoff)
    )
    disabled = []
    for user in idle:
        user.is_active = False
        user.audit_reason = f"no sign-in for {days} days"  # type: ignore[attr-defined]
        user.save(update_fields=["is_active"])
        record(None, Kind.INACTIVE_DISABLED, user=user, detail=f"no sign-in for {days} days")
        disabled.append(user.username)
    return disabled


def disabled_for_inactivity(user: User) -> bool:
    return not user.is_active and _disabled_last(user)


def _disabled_last(user: User) -> bool:
    """The account's last disabling or enabling was a disabling for inactivity."""
    last = (
        SignInRecord.objects.filter(user=user, kind__in=(Kind.INACTIVE_DISABLED, Kind.ENABLED))
        .order_by("-pk")
        .first()
    )
    return last is not None and last.kind == Kind.INACTIVE_DISABLED


def refusal(username: object, password: object) -> str:
    """What the sign-in page says to the owner of an account disabled for inactivity (the
    right password only: a wrong one learns nothing); else ""."""
    if not (isinstance(username, str) and isinstance(password, str)):
        return ""
    user = User.objects.filter(username=username).first()
    if user is None or not disabled_for_inactivity(user) or not user.check_password(password):
        return ""
    return message()


def message() -> str:
    return (
        f"This account was disabled after {settings.INACTIVE_ACCOUNT_DAYS} days without a "
        "sign-in. Ask an administrator to enable it again."
    )


def enable(request: HttpRequest, user: User) -> bool:
    """An administrator enables a disabled account; its clock starts again. False when it
    was active."""
    if user.is_active:
        return False
    record(request, Kind.ENABLED, user=user, detail=f"by {request.user.get_username()}")
    user.is_active = True
    user.audit_reason = "enabled after it was disabled"  # type: ignore[attr-defined]
    user.save(update_fields=["is_active"])
    return True


def enabled_by_hand(sender, instance: User, update_fields=None, **kwargs) -> None:
    """An account disabled for inactivity made active another way (the box ticked in the
    administration): recorded as enabled, so its clock starts again too."""
    if update_fields is not None and "is_active" not in update_fields:
        return
    if instance.is_active and _disabled_last(instance):
        record(None, Kind.ENABLED, user=instance, detail="marked active in the administration")
