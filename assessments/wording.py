"""How the core words its figures and records: exact rounding and planners' phrasing."""

import math
from datetime import date
from fractions import Fraction

from assessments.fiscal import format_date, format_quarter
from assessments.inputs import Deliverable, USInput
from assessments.timing import input_when


def round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves up (12.5 -> 13); exact, no float error."""
    return math.floor(value + Fraction(1, 2))


def number(value: float | Fraction) -> str:
    """A figure as planners read it: 12.0 -> "12", 12.5 -> "12.5"."""
    return f"{float(value):g}"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def high_or_low(value: int, threshold: int) -> str:
    return f"high ({threshold} or more)" if value >= threshold else f"low (below {threshold})"


def deliverable_record(d: Deliverable, with_risk: bool = False) -> str:
    due = format_quarter(d.fiscal_year, d.quarter)
    detail = f"{due}, political risk {d.political_risk}" if with_risk else due
    return f"Deliverable: {d.title} ({detail})"


def us_input_record(u: USInput) -> str:
    return f"U.S. input: {u.title} ({input_when(u)})"


def named(titles: list[str]) -> str:
    """One or two titles quoted (titles may contain commas), or how many and the first."""
    if len(titles) <= 2:
        return " and ".join(f"“{title}”" for title in titles)
    return f"{len(titles)} deliverables, the first “{titles[0]}”"


def months(n: int) -> str:
    return count(n, "month")


def lateness(d: Deliverable, as_of: date) -> str:
    """How late a deliverable is at as_of: "delivered 3 months late", "overdue since 31 Dec
    2026" (due, nothing delivered), or "" (on time, not due yet, or missed/canceled)."""
    if d.overdue(as_of):
        return f"overdue since {format_date(d.due)}"
    late = d.months_late(as_of)
    return f"delivered {months(late)} late" if late else ""
