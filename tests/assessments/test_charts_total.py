"""Every chart is total over its inputs: no value a planner can store (dates from
0001-01-01 to 9999-12-31, numbers huge, tiny or equal once read as floats) makes one
raise. A measurement dated 0001-01-01 and a baseline and target of 10000000000000000000
and 10000000000000000001 each made the initiative's page, print view and PDF a 500."""

import math
from dataclasses import fields
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from assessments import method
from assessments.charts import Point, scale
from assessments.indicator_chart import MOST_TICKS, indicator_chart
from assessments.inputs import AssessmentInputs, Deliverable, PlannerRatings, Rating
from assessments.on_track import Reading, judge
from assessments.quadrant import quadrant_chart
from assessments.swimlane import swimlane_chart
from assessments.trend import trend_chart

quick = settings(max_examples=80, database=None, deadline=None)

any_day = st.dates(min_value=date.min, max_value=date.max)
extreme_days = st.sampled_from([date.min, date(1, 12, 31), date(2026, 10, 1), date.max])
days = st.one_of(extreme_days, any_day)
# Numbers as written in a value of at most 200 characters: huge, tiny, negative, with
# separators, and pairs equal once read as floats.
numbers = st.one_of(
    st.sampled_from(
        [
            "0",
            "-0",
            "10000000000000000000",
            "10000000000000000001",
            "9" * 200,
            "-" + "9" * 199,
            "0." + "0" * 197 + "1",
            "1,000,000,000,000",
            "40%",
            "not a number",
        ]
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=None).map(lambda d: f"{d:f}"[:200]),
    st.integers().map(str),
)


def finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


@quick
@given(
    baseline=numbers,
    target=numbers,
    start=days,
    end=days,
    readings=st.lists(st.builds(Reading, days, numbers), max_size=4),
)
@example("10000000000000000000", "10000000000000000001", date(2026, 10, 1), date(2027, 9, 30), [])
@example("2", "20", date(2026, 10, 1), date(2027, 9, 30), [Reading(date.min, "12")])
@example("2", "20", date(2026, 10, 1), date(2027, 9, 30), [Reading(date.max, "12")])
def test_an_indicator_chart_is_drawn_for_any_values_and_dates(
    baseline, target, start, end, readings
):
    judgment = judge(baseline, target, start, end, readings)
    chart = indicator_chart("Patrol days", baseline, target, start, end, readings, judgment)
    if chart is None:
        return  # a baseline or target without a number: measurements listed, not drawn
    plot = chart.plot
    assert finite(chart.baseline_y, chart.target_y, chart.target_x)
    assert plot.top <= chart.baseline_y <= plot.bottom and plot.top <= chart.target_y <= plot.bottom
    for point in chart.points:
        assert finite(point.x, point.y)
        assert plot.left <= point.x <= plot.right and plot.top <= point.y <= plot.bottom
    assert len(chart.x_ticks) <= MOST_TICKS + 1
    assert "nan" not in chart.expected_path + chart.line


@quick
@given(st.floats(allow_nan=False, allow_infinity=False))
@example(1e19)
def test_scaling_a_range_of_no_width_puts_the_value_in_the_middle(value):
    assert scale(value, value, value, 0, 100) == 50


scores = st.one_of(st.none(), st.integers(min_value=0, max_value=100))
points = st.builds(
    Point,
    name=st.sampled_from(["Baseline", "Re-assessment", "Current"]),
    date_label=st.sampled_from(["1 Jan 1", "31 Dec 9999"]),
    current=st.booleans(),
    demonstrated=scores,
    stated_willingness=scores,
    physical_risk=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    risk_accepted=st.integers(min_value=0, max_value=5),
    quadrant_label=st.just("Committed"),
    quadrant=st.one_of(st.none(), st.sampled_from(list(method.QUADRANT_LABELS))),
    method_version=st.integers(min_value=1, max_value=3),
)


@quick
@given(st.lists(points, max_size=8))
def test_the_trend_and_quadrant_charts_take_any_assessments(assessed):
    trend_chart(assessed)
    quadrant_chart(assessed)


@st.composite
def plans(draw: st.DrawFn) -> AssessmentInputs:
    first = draw(st.integers(min_value=2000, max_value=2095))
    last = first + draw(st.integers(min_value=0, max_value=4))
    deliverables = []
    for n in range(draw(st.integers(min_value=0, max_value=4))):
        status = draw(st.sampled_from([method.DELIVERED, method.PARTIAL, method.MISSED]))
        delivered = draw(days) if status in method.RISK_TAKEN else None
        deliverables.append(
            Deliverable(
                id=n,
                title="Fund fuel",
                category="budget",
                political_risk=draw(st.integers(min_value=1, max_value=5)),
                status=status,
                fiscal_year=draw(st.integers(min_value=first, max_value=last)),
                quarter=draw(st.integers(min_value=1, max_value=4)),
                has_verification=True,
                delivered_on=delivered,
            )
        )
    names = [field.name for field in fields(PlannerRatings)]
    return AssessmentInputs(
        as_of=draw(days),
        first_fiscal_year=first,
        last_fiscal_year=last,
        deliverables=tuple(deliverables),
        us_inputs=(),
        ratings=PlannerRatings(**{name: Rating(None, "") for name in names}),
    )


@quick
@given(plans())
def test_the_timeline_takes_any_delivery_dates_and_any_day_of_assessment(plan):
    swimlane_chart(plan)
