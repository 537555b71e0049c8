"""What happened at the door: consent given, sign-ins, refusals and failed attempts, with
the time and the address (the STIG's account of access, and the "last signed in" line)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SignInRecord(models.Model):
    class Kind(models.TextChoices):
        CONSENTED = "consented", "Accepted the notice and consent banner"
        SIGNED_IN = "signed_in", "Signed in"
        SIGNED_OUT = "signed_out", "Signed out"
        PASSWORD_FAILED = "password_failed", "Wrong username or password"
        PASSWORD_REFUSED = "password_refused", "Password sign-in not allowed for this account"
        CERTIFICATE_REFUSED = "certificate_refused", "Certificate refused"
        NOT_REGISTERED = "not_registered", "Certificate not registered to anyone"
        NO_IDENTITY = "no_identity", "Certificate names no EDIPI"
        ACCOUNT_DISABLED = "account_disabled", "Account disabled"
        FORGED_HEADERS = "forged_headers", "Certificate headers not from the proxy"
        LOCKED_OUT = "locked_out", "Account locked after failed sign-ins"
        UNLOCKED = "unlocked", "Account unlocked by an administrator"
        SESSION_ENDED = "session_ended", "Oldest session ended by the limit on sessions"
        INACTIVE_DISABLED = "inactive_disabled", "Account disabled after days without a sign-in"
        ENABLED = "enabled", "Account enabled again by an administrator"
        IDLE_TIMEOUT = "idle_timeout", "Signed out after time without activity"
        ABSOLUTE_TIMEOUT = "absolute_timeout", "Signed out at the end of the session's lifetime"
        RIGHTS_CHANGED = "rights_changed", "Signed out: roles or administrator rights changed"

    FAILURES = (
        Kind.PASSWORD_FAILED,
        Kind.PASSWORD_REFUSED,
        Kind.CERTIFICATE_REFUSED,
        Kind.ACCOUNT_DISABLED,
    )

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # As typed or as the certificate says; bounded, since it comes from outside.
    username = models.CharField(max_length=150, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    method = models.CharField(max_length=20, blank=True)  # "certificate" or "password"
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"]), models.Index(fields=["username", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class AccountSession(models.Model):
    """A signed-in session of an account, so that a sign-in beyond the limit can end the
    oldest (STIG V-222387). `ended_at` is set when the limit ended it: the next request
    with its cookie is told why, and the row goes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"Session of {self.user} since {self.started_at:%Y-%m-%d %H:%M}"
