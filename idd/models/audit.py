"""The security audit log (issue 26, docs/adr/0017): one row per security-relevant event,
appended and never changed. `idd.services.audit.record` writes it (and the same record as
a JSON line for the SIEM); on PostgreSQL a trigger refuses UPDATE and DELETE (migration
0019), and the admin only reads it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AuditRecord(models.Model):
    class Event(models.TextChoices):
        CONSENT_ACCEPTED = "consent_accepted", "Consent banner accepted"
        SIGN_IN = "sign_in", "Sign-in"
        SIGN_OUT = "sign_out", "Sign-out"
        LOCK_OUT = "lock_out", "Account locked after failed sign-ins"
        UNLOCK = "unlock", "Account unlocked"
        IDLE_TIMEOUT = "idle_timeout", "Signed out after the idle limit"
        ABSOLUTE_TIMEOUT = "absolute_timeout", "Signed out after the session's lifetime"
        SESSION_ENDED_BY_LIMIT = "session_ended_by_limit", "Session ended by the limit on sessions"
        ACCOUNT_CREATED = "account_created", "Account created"
        ACCOUNT_CHANGED = "account_changed", "Account changed"
        ACCOUNT_DISABLED = "account_disabled", "Account disabled"
        ACCOUNT_ENABLED = "account_enabled", "Account enabled"
        ACCOUNT_DELETED = "account_deleted", "Account deleted"
        ROLE_CHANGED = "role_changed", "Role or privileges changed"
        ORGANIZATION_CHANGED = "organization_changed", "Organization changed"
        EDIPI_CHANGED = "edipi_changed", "EDIPI changed"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        ADMIN_ACTION = "admin_action", "Administrator action"
        DOCUMENT_READ = "document_read", "Whole document read out of the product"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Success"
        FAILURE = "failure", "Failure"

    # Time in UTC (USE_TZ: the database keeps UTC; the JSON line writes it with "Z").
    at = models.DateTimeField(default=timezone.now, db_index=True)
    event = models.CharField(max_length=30, choices=Event.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    # Who acted: the signed-in user, or the person signing in; none for the worker's tasks.
    # Plain values, not a foreign key: deleting an account never touches its records (an
    # ON DELETE SET NULL would be an UPDATE, which the trigger refuses).
    user_id = models.BigIntegerField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)  # through the trusted proxy
    session = models.CharField("session key hash", max_length=64, blank=True)  # SHA-256, hex
    # The object acted on: its kind ("auth.user", "idd.initiative"), key and name.
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("object", max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["event", "-at"]), models.Index(fields=["user_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.outcome}) at {self.at:%Y-%m-%d %H:%M:%S} UTC"
