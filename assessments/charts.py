"""What the commitment charts share: boxes, ticks, the assessment points, scaling.

Each chart's geometry is its own module (assessments.quadrant, assessments.trend,
assessments.swimlane), from plain data: no Django, no drawing library. The templates in
templates/assessments/ draw the shapes as inline SVG, so one chart serves the screen and
the PDF. Coordinates are SVG user units (y grows downwards), rounded to one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


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
    quadrant: str | None = None  # a key of method.QUADRANT_LABELS
    method_version: int = 3
    demonstrated_state: str = ""  # a method.FigureState value (version 3 on)

    @property
    def caption(self) -> str:
        return f"{self.name}, {self.date_label}"

    @property
    def gap(self) -> int | None:
        """Stated willingness minus demonstrated commitment, when both are known."""
        if self.demonstrated is None or self.stated_willingness is None:
            return None
        return self.stated_willingness - self.demonstrated


def r(value: float) -> float:
    return round(value, 1)


def scale(value: float, lo: float, hi: float, start: float, end: float) -> float:
    """Map value from [lo, hi] onto [start, end]; a range of no width (two values equal
    once read as floats) puts every value in the middle."""
    if not lo < hi:
        return r((start + end) / 2)
    return r(start + (value - lo) / (hi - lo) * (end - start))


class AroundThePlot:
    """Where a quadrant chart's axis labels and titles go around its plot box. Mixed into
    a frozen dataclass with a `plot` field; TICK_GAP and TITLE_GAP say how far below."""

    plot: Box
    TICK_GAP: ClassVar[float] = 18
    TITLE_GAP: ClassVar[float] = 44

    @property
    def center_x(self) -> float:
        return r((self.plot.left + self.plot.right) / 2)

    @property
    def center_y(self) -> float:
        return r((self.plot.top + self.plot.bottom) / 2)

    @property
    def tick_label_y(self) -> float:
        return self.plot.bottom + self.TICK_GAP

    @property
    def axis_title_y(self) -> float:
        return self.plot.bottom + self.TITLE_GAP

    @property
    def tick_label_x(self) -> float:
        return self.plot.left - 10
