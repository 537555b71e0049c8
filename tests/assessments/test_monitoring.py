"""The on-track rule of monitoring (assessments.on_track): pure, no database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from assessments.on_track import (
    Reading,
    Track,
    elapsed_share,
    judge,
    latest,
    number_in,
    period_start,
    target_date,
)

# FY2027 and FY2028: 1 Oct 2026 to 30 Sep 2028, 730 days.
START, END = period_start(2027), target_date(2028)
HALFWAY = START + timedelta(days=365)


def at(day: date, value: str) -> Reading:
    return Reading(day, value)


def test_the_period_runs_from_the_first_fiscal_year_to_the_indicator_s_year_end():
    assert date(2026, 10, 1) == START
    assert date(2028, 9, 30) == END


@pytest.mark.parametrize(
    "text, number",
    [
        ("12", Decimal(12)),
        ("40%", Decimal(40)),
        ("1,200 sailors", Decimal(1200)),
        ("12.5 days", Decimal("12.5")),
        ("-3", Decimal(-3)),
        ("−3", Decimal(-3)),
        ("About 15 a month", Decimal(15)),
        ("None", None),
        ("", None),
    ],
)
def test_the_first_number_written_is_read(text, number):
    assert number_in(text) == number


def test_without_a_measurement_it_is_not_yet_measured():
    judgment = judge("2", "20", START, END, [])
    assert judgment.track == Track.NOT_MEASURED
    assert judgment.label == "Not yet measured"


def test_a_measurement_without_a_number_does_not_count_as_measured():
    assert judge("2", "20", START, END, [at(HALFWAY, "not reported")]).track == Track.NOT_MEASURED


def test_a_baseline_or_target_without_a_number_cannot_be_judged():
    for baseline, target in (("No law", "Law enacted"), ("2", "Fully manned")):
        judgment = judge(baseline, target, START, END, [at(HALFWAY, "12")])
        assert judgment.track == Track.CANNOT_BE_JUDGED
        assert "not a number" in judgment.reason


def test_half_the_way_at_half_the_time_is_on_track():
    judgment = judge("0", "100", START, END, [at(HALFWAY, "50")])
    assert judgment.track == Track.ON_TRACK
    assert judgment.progress == Decimal("0.5")
    assert "covers 50% of the way from 0 to 100" in judgment.reason
    assert "50% of the time to 30 Sep 2028 had passed" in judgment.reason


def test_behind_the_expected_path_is_off_track():
    judgment = judge("0", "100", START, END, [at(HALFWAY, "49")])
    assert judgment.track == Track.OFF_TRACK
    assert judgment.label == "Off track"


def test_a_target_below_the_baseline_is_read_downwards():
    """Fewer incidents is better: from 40 down to 10, 25 at half time is half the way."""
    assert judge("40", "10", START, END, [at(HALFWAY, "25")]).track == Track.ON_TRACK
    assert judge("40", "10", START, END, [at(HALFWAY, "30")]).track == Track.OFF_TRACK


def test_a_value_worse_than_the_baseline_says_so():
    judgment = judge("40", "10", START, END, [at(HALFWAY, "45")])
    assert judgment.track == Track.OFF_TRACK
    assert "further from 10 than the baseline, 40" in judgment.reason


def test_a_reached_target_is_on_track_whatever_the_date():
    for day in (START, HALFWAY, END + timedelta(days=400)):
        judgment = judge("0%", "100%", START, END, [at(day, "100%")])
        assert judgment.track == Track.ON_TRACK
        assert judgment.reason.startswith("Target reached")


def test_after_the_target_date_only_the_target_is_on_track():
    late = END + timedelta(days=10)
    assert judge("0", "100", START, END, [at(late, "99")]).track == Track.OFF_TRACK


def test_a_measurement_before_the_start_is_on_track_unless_below_the_baseline():
    early = START - timedelta(days=30)
    assert judge("2", "20", START, END, [at(early, "2")]).track == Track.ON_TRACK
    assert judge("2", "20", START, END, [at(early, "1")]).track == Track.OFF_TRACK


def test_equal_baseline_and_target_is_a_level_to_hold():
    assert judge("4", "4", START, END, [at(HALFWAY, "4")]).track == Track.ON_TRACK
    judgment = judge("4", "4", START, END, [at(HALFWAY, "3")])
    assert judgment.track == Track.OFF_TRACK
    assert "hold 4" in judgment.reason


def test_the_latest_measurement_decides_not_the_last_recorded():
    """A value measured earlier but recorded later does not replace a later one."""
    readings = [at(HALFWAY, "50"), at(START + timedelta(days=30), "1")]
    assert latest(readings) == readings[0]
    assert judge("0", "100", START, END, readings).track == Track.ON_TRACK


def test_of_one_day_the_last_recorded_counts():
    readings = [at(HALFWAY, "10"), at(HALFWAY, "60")]
    assert latest(readings) == readings[1]
    assert judge("0", "100", START, END, readings).track == Track.ON_TRACK


def test_a_period_of_no_length_is_passed_on_its_day():
    day = date(2027, 1, 1)
    assert elapsed_share(day, day, day) == 1
    assert elapsed_share(day - timedelta(days=1), day, day) == 0


days = st.integers(min_value=-400, max_value=1200).map(lambda n: START + timedelta(days=n))
amounts = st.integers(min_value=-1000, max_value=1000)


@given(on=days)
def test_the_elapsed_share_stays_between_0_and_1_and_grows_with_time(on):
    share = elapsed_share(on, START, END)
    assert 0 <= share <= 1
    assert share <= elapsed_share(on + timedelta(days=1), START, END)


@given(baseline=amounts, target=amounts, value=amounts, on=days)
def test_mirroring_every_number_keeps_the_judgment(baseline, target, value, on):
    """Up or down is one rule: negating baseline, target and value changes nothing."""
    up = judge(str(baseline), str(target), START, END, [at(on, str(value))])
    down = judge(str(-baseline), str(-target), START, END, [at(on, str(-value))])
    assert up.track == down.track


@given(baseline=amounts, target=amounts, value=amounts, on=days, better=st.integers(1, 500))
def test_a_value_closer_to_the_target_is_never_judged_worse(baseline, target, value, on, better):
    assume(baseline != target)
    step = better if target > baseline else -better
    worse = judge(str(baseline), str(target), START, END, [at(on, str(value))])
    nearer = judge(str(baseline), str(target), START, END, [at(on, str(value + step))])
    if worse.track == Track.ON_TRACK:
        assert nearer.track == Track.ON_TRACK


@given(baseline=amounts, target=amounts, value=amounts, on=days)
def test_a_numeric_indicator_measured_is_always_on_or_off_track(baseline, target, value, on):
    judgment = judge(str(baseline), str(target), START, END, [at(on, str(value))])
    assert judgment.track in (Track.ON_TRACK, Track.OFF_TRACK)
    assert judgment.reason
