"""Working days for suspenses: Monday to Friday, less the U.S. federal holidays
(5 U.S.C. 6103), each observed on the Friday before when it falls on a Saturday and on
the Monday after when it falls on a Sunday."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

SATURDAY = 5
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 Monday) of the month; n = -1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == SATURDAY + 1:
        return day + timedelta(days=1)
    return day


@cache
def federal_holidays(year: int) -> frozenset[date]:
    fixed = [(1, 1), (6, 19), (7, 4), (11, 11), (12, 25)]
    days = {_observed(date(year, month, day)) for month, day in fixed}
    days |= {
        _nth_weekday(year, 1, 0, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Columbus Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving Day
    }
    # New Year's Day of next year, when it falls on a Saturday, is observed on 31 Dec.
    if date(year + 1, 1, 1).weekday() == SATURDAY:
        days.add(date(year, 12, 31))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in federal_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (counting from the day after it)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is
    earlier (how many working days overdue)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def short_day(day: date) -> str:
    """ "Fri 4 Dec": the same in any locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def suspense_words(suspense: date, today: date) -> str:
    """ "Overdue by 3 working days", "Due today", "Due in 2 working days": in words, so
    no screen says it with colour alone. A suspense passed with no working day since (a
    Friday's, read on the weekend or a holiday) is overdue, but not by a working day."""
    if today > suspense:
        late = working_days_between(suspense, today)
        if late == 0:
            return f"Overdue: suspense was {short_day(suspense)}"
        return f"Overdue by {late} working day{'s' if late != 1 else ''}"
    if today == suspense:
        return "Due today"
    left = working_days_between(today, suspense)
    return f"Due in {left} working day{'s' if left != 1 else ''}"
