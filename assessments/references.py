"""The short references of a plan's rows: D3 for a partner deliverable, U2 for a U.S. input.

A row's reference never changes and is never reused once given (idd.models.plan keeps the
numbers); the list may be sorted by date, but "detectors (U2)" written in free text keeps
naming the same row. Every place that prints a reference makes it here.
Inputs stored before rows had reference numbers read them by place, as they were printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

DELIVERABLE_PREFIX = "D"
US_INPUT_PREFIX = "U"


def deliverable_ref(number: int) -> str:
    """ "D3": partner deliverable number 3."""
    return f"{DELIVERABLE_PREFIX}{number}"


def us_input_ref(number: int) -> str:
    """ "U2": U.S. input number 2."""
    return f"{US_INPUT_PREFIX}{number}"


class Numbered(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def reference(self) -> int | None: ...


def numbers(rows: Iterable[Numbered]) -> dict[int, int]:
    """Each row's reference number by id; a row stored without one (before references) is
    numbered by its place in the list, as it was then printed."""
    return {row.id: row.reference or n for n, row in enumerate(rows, start=1)}
