"""The portfolio quadrant: every initiative as a point, physical risk against the highest
political risk accepted, on the axes and quadrants of the single-initiative chart
(assessments.quadrant). Values are whole numbers, so initiatives at the same place share
one marker that shows how many they are; names are written only where they fit, never
over another name, a marker or a quadrant's label. The data table is the full record.

Plain data in, plain data out (no Django, no database): grouping first, so 15,000
initiatives cost one pass and at most 30 markers.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from assessments import method
from assessments.charts import AroundThePlot, Box, Tick, r, scale
from assessments.portfolio_layout import (
    FONT_SIZE,
    GAP,
    MAX_LINES,
    PortfolioLabel,
    PortfolioMarker,
    PortfolioPoint,
    marker_quadrant,
    place_labels,
    text_width,
)
from assessments.quadrant import (
    ACCEPTED_DOMAIN,
    PHYSICAL_DOMAIN,
    QUADRANT_TINTS,
    QuadrantArea,
)

WIDTH = 720  # drawn 1:1 on screen, and at 7 in (672 px) on a printed letter page
PLOT = Box(left=72, top=12, right=708, bottom=476)
SINGLE_RADIUS = 7
MAX_RADIUS = 28  # markers of neighbouring places (66 units apart) never touch
ID_PREFIX = "portfolio-quadrant"
LIST_EACH_UP_TO = 500  # initiatives; the table of a larger portfolio lists places
__all__ = [
    "PortfolioChart",
    "PortfolioLabel",
    "PortfolioMarker",
    "PortfolioPoint",
    "portfolio_quadrant",
]


class PortfolioRow(NamedTuple):  # a tuple: 15,000 of them are made in a few milliseconds
    """One placed initiative in the data table."""

    point: PortfolioPoint
    quadrant_label: str
    counted_low: bool  # political risk accepted drawn as low (demonstrated commitment low)
    marker_count: int  # initiatives sharing its marker
    labeled: bool  # its name is written on the chart

    @property
    def on_chart(self) -> str:
        if self.labeled:
            return "Named"
        if self.marker_count > 1:
            return f"In a marker of {self.marker_count:,}"
        return "Marker without its name"


@dataclass(frozen=True)
class PortfolioArea(QuadrantArea):
    text_length: float | None = None  # the label's drawn width, when fitted to its quadrant


@dataclass(frozen=True)
class PlaceRow:
    """One marker in the data table: a place on the chart and the initiatives there."""

    quadrant_label: str
    physical_risk: int
    plotted_accepted: int
    count: int
    counted_low: int  # of them, how many accepted more political risk but count low
    named: tuple[str, ...]  # the names written on the chart beside it


@dataclass(frozen=True)
class UnplacedPoint:
    point: PortfolioPoint
    reason: str


@dataclass(frozen=True)
class QuadrantCount:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class PortfolioChart(AroundThePlot):
    TICK_GAP = 20  # its 14-unit text sits a little lower than the single chart's
    TITLE_GAP = 46

    width: int
    height: int
    plot: Box
    areas: tuple[PortfolioArea, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_threshold: float
    y_threshold: float
    markers: tuple[PortfolioMarker, ...]
    labels: tuple[PortfolioLabel, ...]
    places: tuple[PlaceRow, ...]  # one per marker: by quadrant, then highest risks first
    unplaced: tuple[UnplacedPoint, ...]
    counts: tuple[QuadrantCount, ...]  # per quadrant, in the method's order
    title: str
    description: str
    id_prefix: str = ID_PREFIX
    font_size: int = FONT_SIZE
    x_axis_title: str = (
        f"Physical risk, {method.SCALE_MIN} to {method.SCALE_MAX} "
        f"(high from {method.HIGH_PHYSICAL_RISK})"
    )
    y_axis_title: str = (
        f"Political risk accepted, 0 to {method.SCALE_MAX} (high from {method.HIGH_POLITICAL_RISK})"
    )

    @property
    def total(self) -> int:
        return sum(m.count for m in self.markers) + len(self.unplaced)

    @property
    def lists_each(self) -> bool:
        """Whether the data table lists each initiative, or (for a large portfolio, whose
        15,000 rows would take seconds to render) only each place and its count."""
        return self.total <= LIST_EACH_UP_TO

    @cached_property
    def rows(self) -> tuple[PortfolioRow, ...]:
        """Each placed initiative, marker by marker as in places, by name within: made
        when the table lists them, not for a portfolio too large to list."""
        labeled = {key for label in self.labels for key in label.keys}
        rows = []
        for m in _table_order(self.markers):
            count, drawn = m.count, m.plotted_accepted
            rows += [
                PortfolioRow(
                    p,
                    method.QUADRANT_LABELS[p.quadrant or ""],
                    drawn != p.political_risk_accepted,
                    count,
                    p.key in labeled,
                )
                for p in _by_name(m)
            ]
        return tuple(rows)

    @property
    def unplaced_note(self) -> str:
        n = len(self.unplaced)
        if not n:
            return ""
        return f"{n:,} not placed" + (" (listed in the table)" if self.lists_each else "")

    @property
    def unplaced_note_y(self) -> float:
        return self.plot.bottom + 70


def _physical_x(value: float) -> float:
    return scale(value, *PHYSICAL_DOMAIN, PLOT.left, PLOT.right)


def _accepted_y(value: float) -> float:
    return scale(value, *ACCEPTED_DOMAIN, PLOT.bottom, PLOT.top)


def plotted_accepted(quadrant: str, accepted: int) -> int:
    """As quadrant.plotted_accepted: from version 3 a high political risk accepted counts
    low while demonstrated commitment is low, so the point sits below the line."""
    low = quadrant in (method.DEPENDENT, method.FALSE_COMMITMENT_RISK)
    if low and accepted >= method.HIGH_POLITICAL_RISK:
        return method.HIGH_POLITICAL_RISK - 1
    return accepted


def _unplaced_reason(point: PortfolioPoint) -> str | None:
    """Why a point cannot be drawn, or None when it can."""
    if point.physical_risk is None:
        return "physical risk not rated"
    if point.political_risk_accepted is None or point.quadrant is None:
        return "not assessed yet"
    if point.quadrant not in method.QUADRANT_LABELS:
        return "quadrant unknown"
    if not method.SCALE_MIN <= point.physical_risk <= method.SCALE_MAX or not (
        0 <= point.political_risk_accepted <= method.SCALE_MAX
    ):
        return "rating out of range"
    return None


def _radius(count: int, largest: int) -> float:
    """Area grows with the count, the largest marker at MAX_RADIUS; the number fits inside."""
    if count == 1:
        return SINGLE_RADIUS
    by_count = MAX_RADIUS * math.sqrt(count / largest)
    return r(max(by_count, text_width(f"{count:,}", bold=True) / 2 + 4, 12))


def _areas(counts: Counter[str]) -> tuple[PortfolioArea, ...]:
    """The four quadrants, their labels (with how many initiatives) in the outer corners."""
    x_mid = _physical_x(method.HIGH_PHYSICAL_RISK - 0.5)
    y_mid = _accepted_y(method.HIGH_POLITICAL_RISK - 0.5)
    plot, pad = PLOT, 8
    boxes = {
        (False, True): Box(plot.left, plot.top, x_mid, y_mid),
        (True, True): Box(x_mid, plot.top, plot.right, y_mid),
        (False, False): Box(plot.left, y_mid, x_mid, plot.bottom),
        (True, False): Box(x_mid, y_mid, plot.right, plot.bottom),
    }
    areas = []
    for (physical_high, political_high), box in boxes.items():
        code = method.QUADRANT_OF[(physical_high, political_high)]
        label = f"{method.QUADRANT_LABELS[code]} ({counts[code]:,})"
        x = r(box.right - pad if physical_high else box.left + pad)
        y = r(box.top + 21 if political_high else box.bottom - 10)
        # A label too wide for the widest font ("False-commitment risk (4,133)") is fitted
        # to its quadrant, so its box never crosses the threshold line.
        room = box.width - 4 - 2 * GAP  # the box starts 4 in from the plot's edge
        fitted = r(room - 8) if text_width(label, bold=True) + 8 > room else None
        width = r(min(text_width(label, bold=True) + 8, room))
        left = x - width + 4 if physical_high else x - 4
        label_box = Box(r(left), r(y - 15), r(left + width), r(y + 5))
        anchor = "end" if physical_high else "start"
        tint = QUADRANT_TINTS[code]
        areas.append(PortfolioArea(code, label, box, tint, x, y, anchor, label_box, fitted))
    return tuple(areas)


def _table_order(markers: Sequence[PortfolioMarker]) -> list[PortfolioMarker]:
    """By quadrant in the method's order, then highest physical and political risk first."""
    order = {code: i for i, code in enumerate(method.QUADRANT_LABELS)}
    return sorted(
        markers, key=lambda m: (order[marker_quadrant(m)], -m.physical_risk, -m.plotted_accepted)
    )


def _by_name(marker: PortfolioMarker) -> list[PortfolioPoint]:
    """Highest political risk accepted first (counted-low ones share a marker), then by name."""
    return sorted(
        marker.points, key=lambda p: (-(p.political_risk_accepted or 0), p.label.casefold(), p.key)
    )


def _description(counts: Counter[str], placed: int, unplaced: int, low: int) -> str:
    total = placed + unplaced
    parts = [f"{counts[code]:,} {label}" for code, label in method.QUADRANT_LABELS.items()]
    text = f"{total:,} initiative{'' if total == 1 else 's'}: " + ", ".join(parts)
    text += f"; {unplaced:,} not placed." if unplaced else "."
    if low:
        text += (
            f" {low:,} accepted high political risk but count low, demonstrated commitment "
            "being low, and sit below the line."
        )
    return text + (
        f" Physical risk from {method.SCALE_MIN} to {method.SCALE_MAX} across, high from "
        f"{method.HIGH_PHYSICAL_RISK}; highest political risk accepted from 0 to "
        f"{method.SCALE_MAX} up, high from {method.HIGH_POLITICAL_RISK}. Initiatives at the "
        "same place share one marker showing how many they are; the table lists them."
    )


def portfolio_quadrant(points: Sequence[PortfolioPoint]) -> PortfolioChart:
    """Every initiative on one quadrant: grouped by place, named where names fit."""
    cells: dict[tuple[int, int], list[PortfolioPoint]] = defaultdict(list)
    unplaced = []
    counts: Counter[str] = Counter()
    low = 0
    for point in points:
        if (reason := _unplaced_reason(point)) is not None:
            unplaced.append(UnplacedPoint(point, reason))
            continue
        assert point.physical_risk is not None and point.political_risk_accepted is not None
        assert point.quadrant is not None
        drawn = plotted_accepted(point.quadrant, point.political_risk_accepted)
        low += drawn != point.political_risk_accepted
        counts[point.quadrant] += 1
        cells[(point.physical_risk, drawn)].append(point)

    markers = []
    largest = max((len(group) for group in cells.values()), default=1)
    for (physical, accepted), group in sorted(cells.items()):
        group.sort(key=lambda p: p.key)
        x, y, radius = _physical_x(physical), _accepted_y(accepted), _radius(len(group), largest)
        markers.append(PortfolioMarker(physical, accepted, x, y, radius, tuple(group)))
    areas = _areas(counts)
    labels = place_labels(markers, areas)
    labeled = {key for label in labels for key in label.keys}
    places = [
        PlaceRow(
            method.QUADRANT_LABELS[marker_quadrant(m)],
            m.physical_risk,
            m.plotted_accepted,
            m.count,
            sum(m.plotted_accepted != p.political_risk_accepted for p in m.points),
            tuple(p.label for p in _by_name(m) if p.key in labeled) if m.count <= MAX_LINES else (),
        )
        for m in _table_order(markers)
    ]
    unplaced.sort(key=lambda u: (u.point.label.casefold(), u.point.key))
    lo, hi = method.SCALE_MIN, method.SCALE_MAX
    total = len(points)
    return PortfolioChart(
        width=WIDTH,
        height=int(PLOT.bottom + (84 if unplaced else 60)),
        plot=PLOT,
        areas=areas,
        x_ticks=tuple(Tick(_physical_x(v), str(v)) for v in range(lo, hi + 1)),
        y_ticks=tuple(Tick(_accepted_y(v), str(v)) for v in range(0, hi + 1)),
        x_threshold=_physical_x(method.HIGH_PHYSICAL_RISK - 0.5),
        y_threshold=_accepted_y(method.HIGH_POLITICAL_RISK - 0.5),
        markers=tuple(markers),
        labels=labels,
        places=tuple(places),
        unplaced=tuple(unplaced),
        counts=tuple(
            QuadrantCount(code, label, counts[code])
            for code, label in method.QUADRANT_LABELS.items()
        ),
        title=(
            f"Portfolio quadrant: physical risk against political risk accepted, "
            f"{total:,} initiative{'' if total == 1 else 's'}"
        ),
        description=_description(counts, sum(counts.values()), len(unplaced), low),
    )
