"""Three-way merge of one form's fields after a conflicting save.

Three values per field: what the editor read when they opened the page (`base`), what
they sent (`mine`) and what is stored now, saved by someone else meanwhile (`theirs`).
A field keeps the change of whoever changed it; only a field both changed, to different
values, needs the editor to choose. Pure: values are plain text, or a tuple of texts for
a multiple choice, so the rule is the same for every form and testable on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

Plain = str | tuple[str, ...]


class Outcome(StrEnum):
    UNCHANGED = "unchanged"  # nobody changed it
    MINE = "mine"  # only this editor changed it: their value is saved
    THEIRS = "theirs"  # only the other person changed it: theirs stays
    SAME = "same"  # both changed it to the same value
    BOTH = "both"  # both changed it differently: the editor chooses


def plain(value: Any) -> Plain:
    """A form value as compared: text without surrounding blanks or carriage returns,
    a multiple choice as its sorted values, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(sorted(str(plain(v)) for v in value))
    return str(value).replace("\r\n", "\n").strip()


def outcome(base: Plain | None, mine: Plain, theirs: Plain) -> Outcome:
    """Who changed the field. `base` None: what was read is unknown (a page from before
    values were carried), so any difference counts as a change by both."""
    if base is None:
        return Outcome.UNCHANGED if mine == theirs else Outcome.BOTH
    mine_changed, theirs_changed = mine != base, theirs != base
    if mine_changed and theirs_changed:
        return Outcome.SAME if mine == theirs else Outcome.BOTH
    if mine_changed:
        return Outcome.MINE
    return Outcome.THEIRS if theirs_changed else Outcome.UNCHANGED


def merge(
    base: Mapping[str, Plain] | None, mine: Mapping[str, Plain], theirs: Mapping[str, Plain]
) -> dict[str, Outcome]:
    """The outcome of every field of `mine` (a field missing from `base` is unknown)."""
    read = base or {}
    return {
        name: outcome(read.get(name), value, theirs.get(name, "")) for name, value in mine.items()
    }


def merged_value(result: Outcome, mine: Plain, theirs: Plain) -> Plain:
    """What the form shows after the merge: theirs where only they changed it, else mine
    (a field both changed keeps the editor's words until they choose)."""
    return theirs if result is Outcome.THEIRS else mine
