"""The passwords an account has had, newest first, as hashes (STIG V-222544 to V-222547):
when each was set and whether by its owner or for them (a temporary password, set by an
administrator or a command). The newest is the password in use; the older ones are the
history a new password may not repeat. Accounts that sign in with a certificate only
have none."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PasswordRecordQuerySet(models.QuerySet):
    def of(self, user) -> PasswordRecordQuerySet:
        """The user's passwords, newest first."""
        return self.filter(user=user).order_by("-set_at", "-pk")


class PasswordRecord(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_records"
    )
    # Django's hash of the password ("algorithm$iterations$salt$hash"), never the password.
    password = models.CharField(max_length=128)
    set_at = models.DateTimeField(default=timezone.now)
    # Set for the person by someone else (the admin, createsuperuser, changepassword):
    # they must choose their own at their next sign-in.
    temporary = models.BooleanField(default=True)

    objects = PasswordRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at", "-pk"]
        indexes = [models.Index(fields=["user", "-set_at"])]

    def __str__(self) -> str:
        kind = "temporary password" if self.temporary else "password"
        return f"{kind} of {self.user} set {self.set_at:%Y-%m-%d %H:%M}"
