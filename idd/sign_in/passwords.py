"""The character rule for passwords (STIG V-222537 to V-222540): at least one upper-case
letter, one lower-case letter, one digit and one special character, besides the length
and the other validators in AUTH_PASSWORD_VALIDATORS."""

from __future__ import annotations

from django.core.exceptions import ValidationError

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


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
