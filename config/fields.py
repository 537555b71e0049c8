"""Text the users type: bounded in length, and free of invisible control characters.

Shared by `idd` and `assessments` (which never imports `idd`), so it lives in the project
package beside the settings.

- `LineField`, a one-line input (titles, names): refuses every control character, line
  breaks and tabs included. A line break in a title would make every workflow e-mail fail
  (a newline is not allowed in a subject), and nobody can see it on the screen.
- `ProseField`, a text area: line breaks and tabs are fine, other control characters are
  refused (PostgreSQL cannot even store NUL).

Both check their `max_length` in the model and in the form with a message that says how
much was typed. The control carries no `maxlength` (a browser would silently cut a longer
paste): the template pack shows the limit as a USWDS character count, which says how many
characters are left or over as they type, and the server's message is the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

# C0 and C1 control characters and DEL, plus the Unicode line and paragraph separators.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same without tab, line feed and carriage return, which prose may contain.
_NOT_IN_PROSE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _name(char: str) -> str:
    if char in "\r\n\u2028\u2029\x85":
        return "line break"
    if char == "\t":
        return "tab"
    return f"invisible control character (U+{ord(char):04X})"


def _refusing(characters: re.Pattern[str], message: str) -> Callable[[str], None]:
    """A validator that names the first of `characters` found in the value."""

    def check(value: str) -> None:
        found = characters.search(value or "")
        if found:
            raise ValidationError(
                message, code="control_character", params={"what": _name(found.group())}
            )

    return check


# A one-line field holds no line break, tab or other control character.
one_line = _refusing(_NOT_ON_ONE_LINE, "Write this on one line: remove the %(what)s.")
# Text areas keep line breaks and tabs, but no other control character.
prose = _refusing(
    _NOT_IN_PROSE,
    "Remove the %(what)s (often pasted from another program): it cannot be stored.",
)


def typed_length(value: str) -> int:
    """Characters as the user counts them: browsers send a line break as two (CR LF)
    but count it as one as they type."""
    return len(value.replace("\r\n", "\n"))


@deconstructible
class MaxLength(validators.MaxLengthValidator):
    """Django's check, with a message that says how much was typed, in thousands."""

    message = "Keep this to %(limit)s characters or fewer (you typed %(typed)s)."
    code = "max_length"

    def __call__(self, value: str) -> None:
        typed = typed_length(value)
        if typed > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit": f"{self.limit_value:,}", "typed": f"{typed:,}", "value": value},
            )


_REPLACED = validators.MaxLengthValidator | validators.ProhibitNullCharactersValidator


def _ours(found: list, check) -> list:
    """Django's length and NUL checks replaced by ours (`check` covers NUL too)."""
    kept = [v for v in found if not isinstance(v, _REPLACED)]
    limits = [v.limit_value for v in found if isinstance(v, validators.MaxLengthValidator)]
    return [check, *kept, *(MaxLength(limit) for limit in limits[:1])]


def _counted(field: forms.Field, check) -> forms.Field:
    """The form field with our checks, and no `maxlength` on its control: the limit stays
    on the field (`max_length`), for the template pack's character count."""
    field.validators = _ours(field.validators, check)
    field.widget.attrs.pop("maxlength", None)
    return field


class LineField(models.CharField):
    """One line of text: a title, a name, a short answer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators[:] = _ours(self.validators, one_line)

    def formfield(self, **kwargs) -> forms.Field:
        return _counted(super().formfield(**kwargs), one_line)  # type: ignore[arg-type]


class ProseField(models.TextField):
    """Paragraphs of text, up to `max_length` characters (required: nothing is unbounded)."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)  # type: ignore[misc]
        self.validators[:] = _ours([*self.validators, MaxLength(max_length)], prose)

    def formfield(self, **kwargs) -> forms.Field:
        return _counted(super().formfield(**kwargs), prose)  # type: ignore[arg-type]
