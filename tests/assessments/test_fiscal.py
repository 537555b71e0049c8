"""U.S. fiscal-year helpers: FY N runs 1 Oct N-1 to 30 Sep N, Q1 is Oct-Dec."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.fiscal import fiscal_year_of, format_date, format_quarter, quarter_end


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (1, date(2026, 12, 31)),  # Q1 of FY2027 is Oct-Dec 2026
        (2, date(2027, 3, 31)),
        (3, date(2027, 6, 30)),
        (4, date(2027, 9, 30)),  # the fiscal year ends 30 Sep
    ],
)
def test_quarter_end_of_fy2027(q: int, expected: date) -> None:
    assert quarter_end(2027, q) == expected


@pytest.mark.parametrize("q", [0, 5, -1])
def test_quarter_end_rejects_a_quarter_outside_1_to_4(q: int) -> None:
    with pytest.raises(ValueError, match="fiscal quarter must be 1 to 4"):
        quarter_end(2027, q)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2026, 9, 30), 2026),  # last day of FY2026
        (date(2026, 10, 1), 2027),  # first day of FY2027
        (date(2026, 12, 31), 2027),
        (date(2027, 1, 1), 2027),  # the calendar year turns, the fiscal year does not
        (date(2027, 9, 30), 2027),
    ],
)
def test_fiscal_year_of_boundaries(day: date, fy: int) -> None:
    assert fiscal_year_of(day) == fy


def test_format_date_is_day_month_year_without_leading_zero() -> None:
    assert format_date(date(2027, 9, 30)) == "30 Sep 2027"
    assert format_date(date(2026, 10, 1)) == "1 Oct 2026"


def test_format_quarter() -> None:
    assert format_quarter(2027, 2) == "FY2027 Q2"


@settings(max_examples=200, database=None)
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(9998, 12, 31)))
def test_every_date_lies_inside_its_fiscal_year(day: date) -> None:
    # It falls after the previous fiscal year's last day and on or before its own.
    fy = fiscal_year_of(day)
    assert quarter_end(fy - 1, 4) < day <= quarter_end(fy, 4)


@settings(max_examples=200, database=None)
@given(st.integers(min_value=1901, max_value=9998), st.integers(min_value=1, max_value=4))
def test_quarters_are_consecutive_three_month_blocks_of_their_fiscal_year(fy: int, q: int) -> None:
    end = quarter_end(fy, q)
    assert fiscal_year_of(end) == fy
    # The day after a quarter ends is the first day of the next month.
    assert (end + timedelta(days=1)).day == 1
    if q > 1:
        previous = quarter_end(fy, q - 1)
        assert (end.year * 12 + end.month) - (previous.year * 12 + previous.month) == 3
