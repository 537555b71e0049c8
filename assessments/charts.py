"""Geometry of the two commitment charts, from plain data: no Django, no drawing library.

The templates in templates/assessments/ draw these shapes as inline SVG, so one chart
serves the screen and the PDF. Coordinates are SVG user units (y grows downwards),
rounded to one decimal. Thresholds and labels come from assessments.method.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assessments import method


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Tick:
    position: float  # x for the horizontal axis, y for the vertical one
    label: str


@dataclass(frozen=True)
class Point:
    """One assessment to draw: a stored one, or the current figures."""

    name: str  # "Baseline", "Re-assessment", "Current"
    date_label: str  # "31 Mar 2026"
    current: bool
    demonstrated: int | None  # 0..100, None = not yet observable
    stated_willingness: int | None  # 0..100, None = not fully rated
    physical_risk: int | None  # 1..5, None = not rated
    risk_accepted: int  # highest political risk accepted, 0..5
    quadrant_label: str

    @property
    def caption(self) -> str:
        return f"{self.name}, {self.date_label}"

    @property
    def gap(self) -> int | None:
        """Stated willingness minus demonstrated commitment, when both are known."""
        if self.demonstrated is None or self.stated_willingness is None:
            return None
        return self.stated_willingness - self.demonstrated


def _r(value: float) -> float:
    return round(value, 1)


def _scale(value: float, lo: float, hi: float, start: float, end: float) -> float:
    """Map value from [lo, hi] onto [start, end]."""
    return _r(start + (value - lo) / (hi - lo) * (end - start))


# --- Quadrant chart ----------------------------------------------------------------------

QUADRANT_WIDTH = 560
QUADRANT_HEIGHT = 384
QUADRANT_PLOT = Box(left=64, top=12, right=548, bottom=330)
# Physical risk runs 1..5 and political risk accepted 0..5; each value sits mid-cell, so
# a threshold ("high from 3") falls on the line half a unit below it. A unit of headroom
# above and below keeps markers clear of the quadrant labels in the corners.
PHYSICAL_DOMAIN = (method.SCALE_MIN - 0.5, method.SCALE_MAX + 0.5)
ACCEPTED_DOMAIN = (-1.0, method.SCALE_MAX + 1.0)
MARKER_SPACING = 24  # markers of assessments that share a place sit side by side
LABEL_CHAR_WIDTH = 7.8  # width of a bold 13-unit character (DejaVu Sans, the widest fallback)
NOTE_CHAR_WIDTH = 6.6  # the same for a regular italic one
# Light tints behind the quadrants' hatching; the hatching and the labels carry the meaning
# in greyscale print, the tint only helps on screen.
QUADRANT_TINTS = {
    method.COMMITTED: "#e4f2e1",
    method.DEPENDENT: "#fcf0cd",
    method.INVESTED: "#e1eff7",
    method.FALSE_COMMITMENT_RISK: "#f7e0e2",
}


@dataclass(frozen=True)
class QuadrantArea:
    code: str  # a key of method.QUADRANT_LABELS
    label: str
    box: Box
    tint: str
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor of the label: start or end
    label_box: Box  # white background that keeps the label readable over the hatching


@dataclass(frozen=True)
class Marker:
    number: int  # 1 = earliest; the text alternative lists them by number
    x: float
    y: float
    point: Point


@dataclass(frozen=True)
class QuadrantChart:
    width: int
    height: int
    plot: Box
    areas: tuple[QuadrantArea, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_threshold: float  # x of the line between low and high physical risk
    y_threshold: float  # y of the line between low and high political risk accepted
    markers: tuple[Marker, ...]
    unplaced: tuple[Point, ...]  # physical risk not rated
    title: str
    description: str
    x_axis_title: str = (
        f"Physical risk, {method.SCALE_MIN} to {method.SCALE_MAX} "
        f"(high from {method.HIGH_PHYSICAL_RISK})"
    )
    y_axis_title: str = (
        f"Political risk accepted, 0 to {method.SCALE_MAX} (high from {method.HIGH_POLITICAL_RISK})"
    )

    @property
    def centre_x(self) -> float:
        return _r((self.plot.left + self.plot.right) / 2)

    @property
    def centre_y(self) -> float:
        return _r((self.plot.top + self.plot.bottom) / 2)

    @property
    def tick_label_y(self) -> float:
        return self.plot.bottom + 18

    @property
    def axis_title_y(self) -> float:
        return self.plot.bottom + 44

    @property
    def tick_label_x(self) -> float:
        return self.plot.left - 10

    @property
    def unplaced_note(self) -> str:
        return f"{len(self.unplaced)} not placed: physical risk not rated" if self.unplaced else ""

    @property
    def unplaced_box(self) -> Box:
        """White background behind the note, centred in the plot."""
        half = len(self.unplaced_note) * NOTE_CHAR_WIDTH / 2 + 6
        x, y = self.centre_x, self.centre_y - 24
        return Box(_r(x - half), y - 15, _r(x + half), y + 6)


def _physical_x(value: float) -> float:
    return _scale(value, *PHYSICAL_DOMAIN, QUADRANT_PLOT.left, QUADRANT_PLOT.right)


def _accepted_y(value: float) -> float:
    return _scale(value, *ACCEPTED_DOMAIN, QUADRANT_PLOT.bottom, QUADRANT_PLOT.top)


def _areas(x_mid: float, y_mid: float) -> tuple[QuadrantArea, ...]:
    plot, pad = QUADRANT_PLOT, 8
    # (physical high, political high) -> box; labels sit in the outer corner of each.
    boxes = {
        (False, True): Box(plot.left, plot.top, x_mid, y_mid),
        (True, True): Box(x_mid, plot.top, plot.right, y_mid),
        (False, False): Box(plot.left, y_mid, x_mid, plot.bottom),
        (True, False): Box(x_mid, y_mid, plot.right, plot.bottom),
    }
    areas = []
    for (physical_high, political_high), box in boxes.items():
        code = method.QUADRANT_OF[(physical_high, political_high)]
        label = method.QUADRANT_LABELS[code]
        x = _r(box.right - pad if physical_high else box.left + pad)
        y = _r(box.top + 20 if political_high else box.bottom - 10)
        width = _r(len(label) * LABEL_CHAR_WIDTH + 8)
        left = x - width + 4 if physical_high else x - 4
        areas.append(
            QuadrantArea(
                code=code,
                label=label,
                box=box,
                tint=QUADRANT_TINTS[code],
                label_x=x,
                label_y=y,
                anchor="end" if physical_high else "start",
                label_box=Box(_r(left), _r(y - 14), _r(left + width), _r(y + 5)),
            )
        )
    return tuple(areas)


def _markers(points: list[Point]) -> tuple[Marker, ...]:
    """Numbered markers; assessments at the same place are spread side by side."""
    placed: dict[tuple[int, int], list[tuple[int, Point]]] = defaultdict(list)
    for number, point in enumerate(points, start=1):
        if point.physical_risk is not None:
            placed[(point.physical_risk, point.risk_accepted)].append((number, point))
    markers = []
    for (physical, accepted), group in placed.items():
        centre_x, y = _physical_x(physical), _accepted_y(accepted)
        first = centre_x - MARKER_SPACING * (len(group) - 1) / 2
        for i, (number, point) in enumerate(group):
            markers.append(Marker(number, _r(first + i * MARKER_SPACING), y, point))
    return tuple(sorted(markers, key=lambda m: m.number))


def _quadrant_description(points: list[Point]) -> str:
    text = (
        f"Physical risk from {method.SCALE_MIN} to {method.SCALE_MAX} across, high from "
        f"{method.HIGH_PHYSICAL_RISK}; highest political risk accepted from 0 to "
        f"{method.SCALE_MAX} up, high from {method.HIGH_POLITICAL_RISK}."
    )
    for number, point in enumerate(points, start=1):
        if point.physical_risk is None:
            text += f" {number}. {point.caption}: not placed, physical risk not rated."
        else:
            text += (
                f" {number}. {point.caption}: physical risk {point.physical_risk}, "
                f"political risk accepted {point.risk_accepted}, {point.quadrant_label}."
            )
    return text


def quadrant_chart(points: list[Point]) -> QuadrantChart:
    """Physical risk (x) against the highest political risk accepted (y), points in order."""
    x_mid = _physical_x(method.HIGH_PHYSICAL_RISK - 0.5)
    y_mid = _accepted_y(method.HIGH_POLITICAL_RISK - 0.5)
    lo, hi = method.SCALE_MIN, method.SCALE_MAX
    return QuadrantChart(
        width=QUADRANT_WIDTH,
        height=QUADRANT_HEIGHT,
        plot=QUADRANT_PLOT,
        areas=_areas(x_mid, y_mid),
        x_ticks=tuple(Tick(_physical_x(v), str(v)) for v in range(lo, hi + 1)),
        y_ticks=tuple(Tick(_accepted_y(v), str(v)) for v in range(0, hi + 1)),
        x_threshold=x_mid,
        y_threshold=y_mid,
        markers=_markers(points),
        unplaced=tuple(p for p in points if p.physical_risk is None),
        title="Commitment quadrant: physical risk against political risk accepted",
        description=_quadrant_description(points),
    )


# --- Trend chart -------------------------------------------------------------------------

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
    demonstrated: Value | None  # None = not yet observable
    stated: Value | None  # None = not fully rated


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
    def centre_y(self) -> float:
        return _r((self.plot.top + self.plot.bottom) / 2)

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
    return _scale(value, 0, 100, TREND_PLOT.bottom, TREND_PLOT.top)


def _column_xs(count: int) -> list[float]:
    left, right = TREND_PLOT.left + TREND_INSET, TREND_PLOT.right - TREND_INSET
    if count == 1:
        return [_r((left + right) / 2)]
    step = (right - left) / (count - 1)
    return [_r(left + i * step) for i in range(count)]


def _values(point: Point) -> tuple[Value | None, Value | None]:
    """Both figures of a point; the higher one is labelled above, the lower below."""
    demonstrated, stated = point.demonstrated, point.stated_willingness
    both = demonstrated is not None and stated is not None

    def value(v: int | None, below: bool) -> Value | None:
        if v is None:
            return None
        y = _score_y(v)
        return Value(v, y, _r(y + LABEL_OFFSET + 8 if below else y - LABEL_OFFSET))

    stated_below = both and stated < demonstrated  # type: ignore[operator]
    demonstrated_below = both and not stated_below
    return value(demonstrated, demonstrated_below), value(stated, stated_below)


def _runs(columns: list[TrendColumn], pick: str) -> tuple[str, ...]:
    """Polylines through consecutive columns that have the figure; a gap breaks the line."""
    runs: list[list[str]] = [[]]
    for column in columns:
        value = getattr(column, pick)
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{column.x:g},{value.y:g}")
    return tuple(" ".join(run) for run in runs if len(run) > 1)


def _trend_description(points: list[Point]) -> str:
    parts = []
    for point in points:
        shown = "not yet observable" if point.demonstrated is None else f"{point.demonstrated}"
        stated = "not rated" if point.stated_willingness is None else f"{point.stated_willingness}"
        parts.append(f"{point.caption}: demonstrated {shown}, stated willingness {stated}.")
    return "Demonstrated commitment and stated willingness, 0 to 100. " + " ".join(parts)


def trend_chart(points: list[Point]) -> TrendChart:
    """Demonstrated commitment (and stated willingness) across assessments, in order."""
    spacing = (TREND_PLOT.width - 2 * TREND_INSET) / max(len(points) - 1, 1)
    band_width = _r(min(spacing * 0.6, 72))
    columns = []
    for x, point in zip(_column_xs(len(points)), points, strict=True):
        demonstrated, stated = _values(point)
        columns.append(TrendColumn(x, _r(x - band_width / 2), point, demonstrated, stated))
    return TrendChart(
        width=TREND_WIDTH,
        height=TREND_HEIGHT,
        plot=TREND_PLOT,
        y_ticks=tuple(Tick(_score_y(v), str(v)) for v in TREND_TICKS),
        columns=tuple(columns),
        band_width=band_width,
        demonstrated_lines=_runs(columns, "demonstrated"),
        stated_lines=_runs(columns, "stated"),
        title="Trend of demonstrated commitment across assessments",
        description=_trend_description(points),
    )
