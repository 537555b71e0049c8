"""Monitoring an indicator after approval: is it on track to reach its target?

Pure code over plain values (no ORM). The rule, as docs/commitment-method.md states it:

- The period runs from the start of the initiative's first fiscal year (1 Oct) to the
  target date, the end of the fiscal year of the indicator's objective (30 Sep).
- The baseline, the target and each measured value are read as the first number written
  in them ("40%" is 40, "1,200 sailors" is 1200). When the baseline or the target holds
  no number the indicator **cannot be judged** by numbers (its measurements are still
  listed and drawn as text).
- With no measurement holding a number, it is **not yet measured**.
- Otherwise the latest measurement (by the day measured; of one day, the last recorded)
  decides. Its progress is the share of the baseline-to-target distance it covered:
  (value - baseline) / (target - baseline), which reads the same way whether the target
  is above or below the baseline. The expected share is the elapsed share of the period
  on the day measured, from 0 (on or before the start) to 1 (on or after the target date).
  The indicator is **on track** when progress is at least the expected share, else **off
  track**. A target reached (progress 1 or more) is on track whatever the date; a
  measurement on or before the start is on track unless it fell below the baseline
  (expected share 0); once the target date has passed only a reached target is on track.
- When the baseline equals the target the indicator is a level to hold: on track when the
  latest value is the target's, off track otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from assessments.fiscal import format_date


class Track(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NOT_MEASURED = "not_measured"
    CANNOT_BE_JUDGED = "cannot_be_judged"


TRACK_LABELS = {
    Track.ON_TRACK: "On track",
    Track.OFF_TRACK: "Off track",
    Track.NOT_MEASURED: "Not yet measured",
    Track.CANNOT_BE_JUDGED: "Cannot be judged",
}

# The first number written: "-3", "1,200", "12.5", "40%" (40).
_NUMBER = re.compile(r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?")


def number_in(text: str) -> Decimal | None:
    """The first number written in a baseline, target or measured value, or None."""
    found = _NUMBER.search(text or "")
    if found is None:
        return None
    try:
        return Decimal(found.group().replace(",", "").replace("−", "-"))
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        return None


def period_start(first_fiscal_year: int) -> date:
    """1 Oct before the initiative's first fiscal year: where the baseline stands."""
    return date(first_fiscal_year - 1, 10, 1)


def target_date(fiscal_year: int) -> date:
    """30 Sep of the indicator's fiscal year: when the target is due."""
    return date(fiscal_year, 9, 30)


def elapsed_share(on: date, start: date, end: date) -> Decimal:
    """The share of the period passed on a day: 0 on or before the start, 1 on or after
    the end (a period of no length is wholly passed on its last day)."""
    if on >= end:
        return Decimal(1)
    if on <= start:
        return Decimal(0)
    return Decimal((on - start).days) / Decimal((end - start).days)


@dataclass(frozen=True)
class Reading:
    """One measured value, as written, on the day measured."""

    measured_on: date
    value: str


@dataclass(frozen=True)
class Judgment:
    track: Track
    reason: str  # the judgment in words, for the page and the printed IDD
    progress: Decimal | None = None  # share of the distance covered by the latest value
    expected: Decimal | None = None  # share the elapsed period calls for

    @property
    def label(self) -> str:
        return TRACK_LABELS[self.track]


def _percent(share: Decimal) -> str:
    return f"{int(share * 100)}%"  # truncated: 99.9% covered is not yet 100%


def latest(readings: list[Reading]) -> Reading | None:
    """The latest reading that holds a number; of one day, the last one given."""
    numeric = [
        (r.measured_on, n, r) for n, r in enumerate(readings) if number_in(r.value) is not None
    ]
    return max(numeric, key=lambda t: (t[0], t[1]))[2] if numeric else None


def judge(baseline: str, target: str, start: date, end: date, readings: list[Reading]) -> Judgment:
    """On track, off track, not yet measured or cannot be judged (see the module's rule)."""
    base, goal = number_in(baseline), number_in(target)
    if base is None or goal is None:
        return Judgment(
            Track.CANNOT_BE_JUDGED,
            "The baseline or the target is not a number, so progress cannot be measured.",
        )
    last = latest(readings)
    if last is None:
        return Judgment(Track.NOT_MEASURED, "No value has been measured yet.")
    value = number_in(last.value)
    assert value is not None
    when = format_date(last.measured_on)
    if base == goal:
        held = value == goal
        return Judgment(
            Track.ON_TRACK if held else Track.OFF_TRACK,
            f"The target is to hold {target}; {last.value} was measured on {when}.",
            Decimal(1) if held else Decimal(0),
            Decimal(1),
        )
    progress = (value - base) / (goal - base)
    expected = elapsed_share(last.measured_on, start, end)
    if progress >= 1:
        return Judgment(
            Track.ON_TRACK,
            f"Target reached: {last.value} measured on {when}, against a target of {target}.",
            progress,
            expected,
        )
    track = Track.ON_TRACK if progress >= expected else Track.OFF_TRACK
    elapsed = f"{_percent(expected)} of the time to {format_date(end)} had passed"
    if progress < 0:
        reason = (
            f"{last.value} measured on {when} is further from {target} than the "
            f"baseline, {baseline}; {elapsed}."
        )
    else:
        reason = (
            f"{last.value} measured on {when} covers {_percent(progress)} of the way from "
            f"{baseline} to {target}; {elapsed}."
        )
    return Judgment(track, reason, progress, expected)
