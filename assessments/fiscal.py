"""U.S. federal fiscal years: FY N runs 1 Oct N-1 to 30 Sep N; Q1 is Oct-Dec."""

from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Each fiscal quarter and its months, as planners write them: Q1 is Oct–Dec.
QUARTER_MONTHS = {1: "Oct–Dec", 2: "Jan–Mar", 3: "Apr–Jun", 4: "Jul–Sep"}

# Quarter -> (month, day) it ends on; Q1 ends in the calendar year before the fiscal year.
_QUARTER_ENDS = {1: (12, 31), 2: (3, 31), 3: (6, 30), 4: (9, 30)}


def quarter_end(fy: int, q: int) -> date:
    """Last day of quarter q of fiscal year fy: quarter_end(2027, 1) is 31 Dec 2026."""
    if q not in _QUARTER_ENDS:
        raise ValueError(f"fiscal quarter must be 1 to 4, not {q!r}")
    month, day = _QUARTER_ENDS[q]
    return date(fy - 1 if q == 1 else fy, month, day)


def add_months(d: date, months: int) -> date:
    """The same day `months` calendar months later, or that month's last day: 31 Dec 2026
    plus 3 is 31 Mar 2027; 30 Nov 2026 plus 3 is 28 Feb 2027."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def fiscal_year_of(d: date) -> int:
    """Fiscal year a date falls in: 1 Oct 2026 is in FY2027."""
    return d.year + 1 if d.month >= 10 else d.year


def format_date(d: date) -> str:
    """Date as planners write it, independent of locale: "30 Sep 2027"."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_quarter(fy: int, q: int) -> str:
    """Fiscal quarter as planners write it: "FY2027 Q2"."""
    return f"FY{fy} Q{q}"
