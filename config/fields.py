"""Text the users type: bounded in length, and free of invisible control characters.

Shared by `idd` and `assessments` (which never imports `idd`), so it lives in the project
package beside the settings.

- `LineField`, a one-line input (titles, names): refuses every control character, line
  breaks and tabs included. A line break in a title would make every workflow e-mail fail
  (a newline is not allowed in a subject), and nobody can see it on the screen.
- `ProseField`, a text area: line breaks and tabs are fine, other control characters are
  refused (PostgreSQL cannot even store NUL).
- Both refuse what no output format can carry: surrogates and noncharacters (U+FFFE,
  U+FFFF, U+FDD0 to U+FDEF and the last two of every plane). XML 1.0 has no place for
  them, so a title with U+FFFF made every Word copy of its initiative a 500 (issue 23).
  Text stored before this rule is cleaned where it is written out (`printable`).
- A one-line field also refuses the invisible characters that disguise a name: the
  bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069:
  "gnp.exe" shown as "exe.png") and the zero-width space, word joiner and byte-order mark.
  The zero-width joiner and non-joiner stay: Persian and Indic names and emoji need them.

Both check their `max_length` in the model and in the form with a message that says how
much was typed. The control carries no `maxlength` (a browser would silently cut a longer
paste): the template pack shows the limit as a USWDS character count, which says how many
characters are left or over as they type, and the server's message is the rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

# Surrogates and noncharacters: no output format (XML 1.0 in .docx, PDF text) carries them.
_NO_OUTPUT = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
# Invisible characters that reorder or hide part of a line.
_DISGUISING = "\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff"
# C0 and C1 control characters and DEL, plus the Unicode line and paragraph separators.
_NOT_ON_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_DISGUISING}{_NO_OUTPUT}]")
# The same without tab, line feed and carriage return, which prose may contain.
_NOT_IN_PROSE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_NO_OUTPUT}]")
# What an XML 1.0 document (a .docx) cannot hold: controls other than tab and line breaks.
_NOT_PRINTABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_NO_OUTPUT}]")


def printable(text: str) -> str:
    """`text` without the characters no document can hold (stored before they were
    refused): what the Word and PDF writers write."""
    return _NOT_PRINTABLE.sub("", text)


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\r\n\u2028\u2029\x85":
        return "line break"
    if char == "\t":
        return "tab"
    if re.fullmatch(f"[{_NO_OUTPUT}]", char):
        return f"character {code}, which no document can hold"
    if re.fullmatch(f"[{_DISGUISING}]", char):
        name = unicodedata.name(char, "invisible character").lower()
        return f"invisible {name} ({code}), which can disguise what the text says"
    return f"invisible control character ({code})"


def _refusing(characters: re.Pattern[str], message: str) -> Callable[[str], None]:
    """A validator that names the first of `characters` found in the value (`message`
    for controls, a plainer one for the characters every field refuses)."""

    def check(value: str) -> None:
        found = characters.search(value or "")
        if found:
            char = found.group()
            text = OUTPUT_MESSAGE if re.fullmatch(_EVERY_FIELD, char) else message
            raise ValidationError(text, code="control_character", params={"what": _name(char)})

    return check


OUTPUT_MESSAGE = "Remove the %(what)s."
_EVERY_FIELD = f"[{_DISGUISING}{_NO_OUTPUT}]"
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
