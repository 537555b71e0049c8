"""Geometry of the commitment quadrant: physical risk against political risk accepted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assessments import method
from assessments.charts import AroundThePlot, Box, Point, Tick, r, scale

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
# in grayscale print, the tint only helps on screen.
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
class QuadrantChart(AroundThePlot):
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
    def unplaced_note(self) -> str:
        return f"{len(self.unplaced)} not placed: physical risk not rated" if self.unplaced else ""

    @property
    def unplaced_box(self) -> Box:
        """White background behind the note, centered in the plot."""
        half = len(self.unplaced_note) * NOTE_CHAR_WIDTH / 2 + 6
        x, y = self.center_x, self.center_y - 24
        return Box(r(x - half), y - 15, r(x + half), y + 6)


def _physical_x(value: float) -> float:
    return scale(value, *PHYSICAL_DOMAIN, QUADRANT_PLOT.left, QUADRANT_PLOT.right)


def _accepted_y(value: float) -> float:
    return scale(value, *ACCEPTED_DOMAIN, QUADRANT_PLOT.bottom, QUADRANT_PLOT.top)


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
        x = r(box.right - pad if physical_high else box.left + pad)
        y = r(box.top + 20 if political_high else box.bottom - 10)
        width = r(len(label) * LABEL_CHAR_WIDTH + 8)
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
                label_box=Box(r(left), r(y - 14), r(left + width), r(y + 5)),
            )
        )
    return tuple(areas)


def plotted_accepted(point: Point) -> int:
    """Where a point sits on the political axis. From version 3 the axis is low unless
    demonstrated commitment is high too, so a point counted low sits below the line."""
    low = point.quadrant in (method.DEPENDENT, method.FALSE_COMMITMENT_RISK)
    if low and point.risk_accepted >= method.HIGH_POLITICAL_RISK:
        return method.HIGH_POLITICAL_RISK - 1
    return point.risk_accepted


def _markers(points: list[Point]) -> tuple[Marker, ...]:
    """Numbered markers; assessments at the same place are spread side by side."""
    placed: dict[tuple[int, int], list[tuple[int, Point]]] = defaultdict(list)
    for number, point in enumerate(points, start=1):
        if point.physical_risk is not None:
            placed[(point.physical_risk, plotted_accepted(point))].append((number, point))
    markers = []
    for (physical, accepted), group in placed.items():
        center_x, y = _physical_x(physical), _accepted_y(accepted)
        first = center_x - MARKER_SPACING * (len(group) - 1) / 2
        for i, (number, point) in enumerate(group):
            markers.append(Marker(number, r(first + i * MARKER_SPACING), y, point))
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
                f"political risk accepted {point.risk_accepted}"
                + (" (counted low)" if plotted_accepted(point) != point.risk_accepted else "")
                + f", {point.quadrant_label}."
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
