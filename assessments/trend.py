"""Geometry of the trend chart: demonstrated commitment across assessments."""

from __future__ import annotations

from dataclasses import dataclass

from assessments import method
from assessments.charts import Box, Point, Tick, r, scale

TREND_WIDTH = 560
TREND_HEIGHT = 300
TREND_PLOT = Box(left=48, top=30, right=544, bottom=220)  # top: room for a label above 100
TREND_INSET = 48  # room between the plot's edge and the first and last points
TREND_TICKS = (0, 25, 50, 75, 100)
LABEL_OFFSET = 10  # value labels sit this far above or below their marker


@dataclass(frozen=True)
class Value:
    """One figure at one point of the trend, with where its label goes."""

    value: int
    y: float
    label_y: float


@dataclass(frozen=True)
class TrendColumn:
    x: float
    band_x: float  # left edge of the "not yet observable" band, when there is one
    point: Point
    demonstrated: Value | None  # None = not a number (see missing_label)
    stated: Value | None  # None = not fully rated

    @property
    def missing_label(self) -> tuple[str, str]:
        """The two lines written in the band where demonstrated commitment is not a number."""
        if self.point.demonstrated_state == method.FigureState.CANNOT_BE_DEMONSTRATED:
            return ("Cannot be", "demonstrated")
        return ("Not yet", "observable")


@dataclass(frozen=True)
class MethodChange:
    """Where the method version changes between two assessments: the line is broken."""

    x: float
    label: str  # "Method v3"


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    plot: Box
    y_ticks: tuple[Tick, ...]
    columns: tuple[TrendColumn, ...]
    band_width: float  # width of the hatched band marking a not-yet-observable column
    demonstrated_lines: tuple[str, ...]  # SVG polyline points, broken where unobservable
    stated_lines: tuple[str, ...]
    method_changes: tuple[MethodChange, ...]
    title: str
    description: str

    @property
    def has_values(self) -> bool:
        """Whether any point has a figure to draw (else the chart would be empty)."""
        return any(c.demonstrated is not None or c.stated is not None for c in self.columns)

    @property
    def tick_label_x(self) -> float:
        return self.plot.left - 8

    @property
    def center_y(self) -> float:
        return r((self.plot.top + self.plot.bottom) / 2)

    @property
    def name_y(self) -> float:
        return self.plot.bottom + 20

    @property
    def date_y(self) -> float:
        return self.plot.bottom + 36

    @property
    def legend_x(self) -> float:
        return 8

    @property
    def legend_y(self) -> float:
        return self.plot.bottom + 66

    @property
    def has_unobservable(self) -> bool:
        return any(column.demonstrated is None for column in self.columns)


def _score_y(value: float) -> float:
    return scale(value, 0, 100, TREND_PLOT.bottom, TREND_PLOT.top)


def _column_xs(count: int) -> list[float]:
    left, right = TREND_PLOT.left + TREND_INSET, TREND_PLOT.right - TREND_INSET
    if count == 1:
        return [r((left + right) / 2)]
    step = (right - left) / (count - 1)
    return [r(left + i * step) for i in range(count)]


def _values(point: Point) -> tuple[Value | None, Value | None]:
    """Both figures of a point; the higher one is labeled above, the lower below."""
    demonstrated, stated = point.demonstrated, point.stated_willingness
    both = demonstrated is not None and stated is not None

    def value(v: int | None, below: bool) -> Value | None:
        if v is None:
            return None
        y = _score_y(v)
        return Value(v, y, r(y + LABEL_OFFSET + 8 if below else y - LABEL_OFFSET))

    stated_below = both and stated < demonstrated  # type: ignore[operator]
    demonstrated_below = both and not stated_below
    return value(demonstrated, demonstrated_below), value(stated, stated_below)


def _runs(columns: list[TrendColumn], pick: str) -> tuple[str, ...]:
    """Polylines through consecutive columns that have the figure; a gap breaks the line."""
    runs: list[list[str]] = [[]]
    meaning = method.demonstrated_meaning(columns[0].point.method_version) if columns else 0
    for column in columns:
        value = getattr(column, pick)
        changed = method.demonstrated_meaning(column.point.method_version) != meaning
        meaning = method.demonstrated_meaning(column.point.method_version)
        if changed and pick == "demonstrated":
            runs.append([])  # the figure means something else from here: never join them
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{column.x:g},{value.y:g}")
    return tuple(" ".join(run) for run in runs if len(run) > 1)


def _trend_description(points: list[Point]) -> str:
    parts = []
    version = points[0].method_version if points else 0
    for point in points:
        if point.method_version != version:
            version = point.method_version
            parts.append(f"From here on, method version {version}.")
        missing = method.STATE_LABELS.get(point.demonstrated_state, "Not yet observable")
        shown = missing.lower() if point.demonstrated is None else f"{point.demonstrated}"
        stated = "not rated" if point.stated_willingness is None else f"{point.stated_willingness}"
        parts.append(f"{point.caption}: demonstrated {shown}, stated willingness {stated}.")
    return "Demonstrated commitment and stated willingness, 0 to 100. " + " ".join(parts)


def _method_changes(columns: list[TrendColumn]) -> tuple[MethodChange, ...]:
    """A mark half-way between two columns computed with different method versions."""
    return tuple(
        MethodChange(r((before.x + after.x) / 2), f"Method v{after.point.method_version}")
        for before, after in zip(columns, columns[1:], strict=False)
        if before.point.method_version != after.point.method_version
    )


def trend_chart(points: list[Point]) -> TrendChart:
    """Demonstrated commitment (and stated willingness) across assessments, in order."""
    spacing = (TREND_PLOT.width - 2 * TREND_INSET) / max(len(points) - 1, 1)
    band_width = r(min(spacing * 0.6, 72))
    columns = []
    for x, point in zip(_column_xs(len(points)), points, strict=True):
        demonstrated, stated = _values(point)
        columns.append(TrendColumn(x, r(x - band_width / 2), point, demonstrated, stated))
    return TrendChart(
        width=TREND_WIDTH,
        height=TREND_HEIGHT,
        plot=TREND_PLOT,
        y_ticks=tuple(Tick(_score_y(v), str(v)) for v in TREND_TICKS),
        columns=tuple(columns),
        band_width=band_width,
        demonstrated_lines=_runs(columns, "demonstrated"),
        stated_lines=_runs(columns, "stated"),
        method_changes=_method_changes(columns),
        title="Trend of demonstrated commitment across assessments",
        description=_trend_description(points),
    )
