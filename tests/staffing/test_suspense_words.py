"""The suspense in words is true on every day of the week, weekends and holidays included."""

from datetime import date

import pytest

from idd.reference.working_days import suspense_words

FRIDAY = date(2026, 12, 4)
CHRISTMAS_EVE = date(2026, 12, 24)  # a Thursday; Christmas Day is the Friday after


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (date(2026, 12, 2), "Due in 2 working days"),  # Wednesday
        (date(2026, 12, 3), "Due in 1 working day"),
        (date(2026, 12, 4), "Due today"),
        (date(2026, 12, 5), "Overdue: suspense was Fri 4 Dec"),  # Saturday
        (date(2026, 12, 6), "Overdue: suspense was Fri 4 Dec"),  # Sunday: not a working day late
        (date(2026, 12, 7), "Overdue by 1 working day"),  # Monday
        (date(2026, 12, 8), "Overdue by 2 working days"),
    ],
)
def test_a_friday_suspense_through_the_week(today, words):
    assert suspense_words(FRIDAY, today) == words


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (date(2026, 12, 25), "Overdue: suspense was Thu 24 Dec"),  # Christmas Day
        (date(2026, 12, 27), "Overdue: suspense was Thu 24 Dec"),
        (date(2026, 12, 28), "Overdue by 1 working day"),
    ],
)
def test_a_suspense_before_a_federal_holiday(today, words):
    assert suspense_words(CHRISTMAS_EVE, today) == words


def test_due_counts_working_days_from_a_weekend_and_over_a_holiday():
    assert suspense_words(date(2026, 12, 7), date(2026, 12, 5)) == "Due in 1 working day"
    assert suspense_words(date(2026, 12, 29), CHRISTMAS_EVE) == "Due in 2 working days"
