"""Geometry of an indicator's small chart: measured values against baseline and target.

Time runs left to right from the start of the period (the baseline) to the target date,
widened to take in a measurement outside it; values run bottom to top. The chart draws
the baseline and the target as horizontal lines, the expected path between them (the
straight line the on-track rule of `assessments.on_track` compares with), and each
measured value that holds a number as a point. Pure geometry: the template
`templates/assessments/indicator_chart.svg` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.charts import Box, Tick, scale
from assessments.fiscal import fiscal_year_of, format_date
from assessments.on_track import Judgment, Reading, number_in

CHART_WIDTH = 420
CHART_HEIGHT = 206
CHART_PLOT = Box(left=56, top=16, right=404, bottom=150)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    value: str  # as written: "12 days"
    date_label: str


@dataclass(frozen=True)
class IndicatorChart:
    width: int
    height: int
    plot: Box
    x_ticks: tuple[Tick, ...]  # fiscal years, at their first day
    target_x: float  # the target date, labeled under the axis
    target_date_label: str
    baseline_y: float
    target_y: float
    expected_path: str  # SVG polyline points from (start, baseline) to (target date, target)
    points: tuple[ChartPoint, ...]
    line: str  # SVG polyline points through the measurements in time order
    baseline_label: str
    target_label: str
    title: str
    description: str

    @property
    def tick_label_y(self) -> float:
        return self.plot.bottom + 18

    @property
    def target_date_y(self) -> float:
        return self.plot.bottom + 32

    @property
    def target_tick_y(self) -> float:
        return self.target_date_y - 11

    @property
    def legend_y(self) -> float:
        return self.plot.bottom + 48

    @property
    def label_x(self) -> float:
        return self.plot.left - 6

    @property
    def holds_level(self) -> bool:
        """Baseline and target are one value: one line, labeled once."""
        return self.baseline_y == self.target_y


def _days(d: date, origin: date) -> int:
    return (d - origin).days


def _year_ticks(lo: date, hi: date, x) -> tuple[Tick, ...]:
    """A tick at each 1 Oct inside the range, labeled with the fiscal year it starts."""
    ticks = []
    for year in range(fiscal_year_of(lo), fiscal_year_of(hi) + 1):
        first = date(year - 1, 10, 1)
        if lo <= first <= hi:
            ticks.append(Tick(x(first), f"FY{year}"))
    return tuple(ticks)


def _description(
    indicator: str,
    baseline: str,
    target: str,
    end: date,
    points: list[ChartPoint],
    judgment: Judgment,
) -> str:
    measured = (
        " ".join(f"{p.value} on {p.date_label}." for p in points)
        if points
        else "No value measured yet."
    )
    return (
        f"{indicator}: baseline {baseline}, target {target} by {format_date(end)}. "
        f"Measured: {measured} {judgment.label}: {judgment.reason}"
    )


def indicator_chart(
    indicator: str,
    baseline: str,
    target: str,
    start: date,
    end: date,
    readings: list[Reading],
    judgment: Judgment,
) -> IndicatorChart | None:
    """The chart of one indicator, or None when its baseline or target is not a number
    (its measurements are then only listed)."""
    base, goal = number_in(baseline), number_in(target)
    if base is None or goal is None:
        return None
    numeric = sorted(
        (
            (reading, value)
            for reading in readings
            if (value := number_in(reading.value)) is not None
        ),
        key=lambda pair: pair[0].measured_on,
    )
    lo_day = min([start, *(reading.measured_on for reading, _ in numeric)])
    hi_day = max([end, *(reading.measured_on for reading, _ in numeric)])
    span = max(_days(hi_day, lo_day), 1)
    values = [base, goal, *(value for _, value in numeric)]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * Decimal("0.1") if hi > lo else max(abs(hi) * Decimal("0.1"), Decimal(1))
    lo, hi = lo - pad, hi + pad

    def x(d: date) -> float:
        return scale(_days(d, lo_day), 0, span, CHART_PLOT.left, CHART_PLOT.right)

    def y(v: Decimal) -> float:
        return scale(float(v), float(lo), float(hi), CHART_PLOT.bottom, CHART_PLOT.top)

    points = [
        ChartPoint(
            x(reading.measured_on), y(value), reading.value, format_date(reading.measured_on)
        )
        for reading, value in numeric
    ]
    return IndicatorChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        plot=CHART_PLOT,
        x_ticks=_year_ticks(lo_day, hi_day, x),
        target_x=x(end),
        target_date_label=f"Target date {format_date(end)}",
        baseline_y=y(base),
        target_y=y(goal),
        expected_path=f"{x(start):g},{y(base):g} {x(end):g},{y(goal):g}",
        points=tuple(points),
        line=" ".join(f"{p.x:g},{p.y:g}" for p in points),
        baseline_label=baseline,
        target_label=target,
        title=f"{indicator}: measured values against baseline and target",
        description=_description(indicator, baseline, target, end, points, judgment),
    )
