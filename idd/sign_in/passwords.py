"""The rules for passwords, checked by AUTH_PASSWORD_VALIDATORS wherever one is set (the
change form, the admin, createsuperuser and changepassword):

- the character kinds (STIG V-222537 to V-222540): an upper-case letter, a lower-case
  letter, a digit and a special character, besides the length and Django's validators;
- the history (V-222546): not one of the last PASSWORD_HISTORY passwords; the validator
  also keeps that history, since Django calls its `password_changed` after every change;
- the characters changed (V-222541): at least PASSWORD_MIN_CHANGED_CHARACTERS of the old
  password, when its owner changes it (only they type the old one);
- the minimum age (V-222544): its owner changes it at most once in PASSWORD_MIN_AGE_HOURS,
  unless it is temporary; an administrator may always set one.

A password is its owner's when the change form (or the demo's seed) says so with
`changed_by_owner`; any other is temporary, to be changed at the next sign-in
(idd/services/password_rules.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from idd.models import PasswordRecord
from idd.reference.times import full_timestamp

KINDS = (
    ("upper-case letter", str.isupper),
    ("lower-case letter", str.islower),
    ("digit", str.isdigit),
    ("special character (such as - ! # or %)", lambda c: not c.isalnum() and not c.isspace()),
)
HELP = (
    "Your password must contain an upper-case letter, a lower-case letter, a digit and a "
    "special character."
)
OWNER_CHANGE = "_idd_owner_change"  # on the User, from the form's check to the save


@dataclass(frozen=True)
class OwnerChange:
    old_password: str | None  # as its owner typed it, when they did


def changed_by_owner(user, old_password: str | None = None) -> None:
    """The password about to be set on this user is their own choice, not temporary."""
    setattr(user, OWNER_CHANGE, OwnerChange(old_password))


def owner_change(user) -> OwnerChange | None:
    return getattr(user, OWNER_CHANGE, None) if user is not None else None


class CharacterKindsValidator:
    def validate(self, password: str, user=None) -> None:
        missing = [name for name, test in KINDS if not any(test(c) for c in password)]
        if missing:
            raise ValidationError(
                "This password has no " + _joined(missing) + ". " + HELP,
                code="password_missing_character_kinds",
            )

    def get_help_text(self) -> str:
        return HELP


class HistoryValidator:
    """Not one of the last PASSWORD_HISTORY passwords (compared with their hashes); and,
    after each change, the new hash joins the history and the oldest beyond it goes."""

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        count = settings.PASSWORD_HISTORY
        hashes = [user.password] if user.password else []
        if user.pk is not None:
            hashes += PasswordRecord.objects.of(user).values_list("password", flat=True)[:count]
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(
                f"You have used this password before: a new password must differ from the "
                f"last {count} passwords of the account.",
                code="password_reused",
            )

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        change = owner_change(user)
        setattr(user, OWNER_CHANGE, None)
        PasswordRecord.objects.create(user=user, password=user.password, temporary=change is None)
        kept = list(
            PasswordRecord.objects.of(user).values_list("pk", flat=True)[
                : max(1, settings.PASSWORD_HISTORY)
            ]
        )
        PasswordRecord.objects.filter(user=user).exclude(pk__in=kept).delete()

    def get_help_text(self) -> str:
        return f"Your password must differ from your last {settings.PASSWORD_HISTORY} passwords."


class ChangedCharactersValidator:
    """A new password changes at least PASSWORD_MIN_CHANGED_CHARACTERS characters of the
    old one: characters typed, removed or replaced to turn one into the other."""

    def validate(self, password: str, user=None) -> None:
        change = owner_change(user)
        if change is None or change.old_password is None:
            return  # an administrator setting one does not know the old password
        needed = settings.PASSWORD_MIN_CHANGED_CHARACTERS
        changed = changed_characters(change.old_password, password, needed)
        if changed < needed:
            raise ValidationError(
                f"This password changes only {changed} of the characters of your old one: "
                f"a new password must change at least {needed}.",
                code="password_too_little_changed",
            )

    def get_help_text(self) -> str:
        return (
            f"Your new password must change at least "
            f"{settings.PASSWORD_MIN_CHANGED_CHARACTERS} characters of your old one."
        )


class MinimumAgeValidator:
    """Its owner changes a password at most once in PASSWORD_MIN_AGE_HOURS; a temporary
    one they change at once, and an administrator may set one at any time."""

    def validate(self, password: str, user=None) -> None:
        hours = settings.PASSWORD_MIN_AGE_HOURS
        if owner_change(user) is None or hours == 0 or user.pk is None:
            return
        latest = PasswordRecord.objects.of(user).first()
        if latest is None or latest.temporary:
            return
        from_ = latest.set_at + timedelta(hours=hours)
        if from_ > timezone.now():
            raise ValidationError(
                f"Your password was changed less than {hours} hours ago: a password must be "
                f"kept at least {hours} hours, so you can change it again from "
                f"{full_timestamp(from_)}. If it must change sooner, ask an administrator "
                "to set a new one.",
                code="password_too_young",
            )

    def get_help_text(self) -> str:
        return (
            "You can change your own password at most once in "
            f"{settings.PASSWORD_MIN_AGE_HOURS} hours."
        )


def changed_characters(old: str, new: str, enough: int) -> int:
    """The fewest characters typed, removed or replaced to turn `old` into `new` (the edit
    distance), counted up to `enough`: only cells within `enough` of the diagonal can stay
    below it, so the work is linear in the length, whatever is posted."""
    if abs(len(old) - len(new)) >= enough:
        return enough
    previous = {j: j for j in range(min(len(new), enough) + 1)}
    for i in range(1, len(old) + 1):
        current = {0: i} if i < enough else {}
        for j in range(max(1, i - enough), min(len(new), i + enough) + 1):
            current[j] = min(
                previous.get(j, enough) + 1,
                current.get(j - 1, enough) + 1,
                previous.get(j - 1, enough) + (old[i - 1] != new[j - 1]),
            )
        previous = current
    return min(previous.get(len(new), enough), enough)


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
