"""Where the portfolio quadrant's names go: text widths, shortened names, and a greedy
placement that never lets a name overlap another name, a marker, a quadrant's label or
the edge of the marker's quadrant. Plain data (see assessments.portfolio_chart).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assessments import method
from assessments.charts import Box, r
from assessments.quadrant import QuadrantArea

FONT_SIZE = 14  # 13 px or more even when printed at 672 px wide
# Advance widths (em) of DejaVu Sans, the widest fallback, measured in Chromium and rounded
# up per group of characters; anything else counts as the widest. A flat width per
# character (quadrant.LABEL_CHAR_WIDTH, 0.6 em) is short for capitals ("NCO", "ISR"), and
# names must never overlap.
_REGULAR_EM = {
    " 'ijlIJ,.’": 0.32,
    "f/:;\\|-t()[]r!": 0.40,
    '"*_`–szc?L': 0.56,
    "kFvxyPTaoY«»eébdghnpquESÉ0123456789${}": 0.64,
    "KVBRXZCAUHNDG&OQ": 0.80,
}
_BOLD_EM = {
    " 'ijlIJ,.’/\\|": 0.38,
    ":;f-!()[]tr_`–": 0.50,
    '"*zc?s': 0.60,
    "LvxykaeEFSéÉo0123456789T$hnu{}bdgpqYCPZ«»": 0.73,
    "BAKRVXUGDHNOQ&#+<=>^~": 0.87,
}
_WIDEST = {False: 1.0, True: 1.1}
_EM = {
    bold: {c: em for chars, em in table.items() for c in chars}
    for bold, table in ((False, _REGULAR_EM), (True, _BOLD_EM))
}
LINE_HEIGHT = 17
LABEL_PAD = 3  # white margin inside a name's box
GAP = 3  # space kept between a marker and its names, and around every box
LABEL_CHARS = 24  # a name on one line is cut to this many characters
WRAP_CHARS = 16  # or, for a lone initiative, wrapped over two lines of this many
MARKER_CLEARANCE = 12  # a name stays this far from every marker but its own
MAX_LINES = 3  # a marker of up to this many initiatives can list their names


@dataclass(frozen=True)
class PortfolioPoint:
    key: int  # the initiative's id
    label: str  # its short name (the title)
    url: str  # where its row/initiative is
    physical_risk: int | None  # 1..5, None = not rated (not placed)
    political_risk_accepted: int | None  # highest political risk accepted 0..5, None = not placed
    quadrant: str | None  # a method quadrant code, None = not placed


@dataclass(frozen=True)
class PortfolioMarker:
    """The initiatives at one place: one circle, with their number when more than one."""

    physical_risk: int
    plotted_accepted: int  # where it sits on the political axis (portfolio_chart.plotted_accepted)
    x: float
    y: float
    radius: float
    points: tuple[PortfolioPoint, ...]  # by key

    @property
    def count(self) -> int:
        return len(self.points)

    @property
    def count_text(self) -> str:
        return f"{self.count:,}" if self.count > 1 else ""


@dataclass(frozen=True)
class LabelLine:
    y: float  # baseline
    text: str


@dataclass(frozen=True)
class PortfolioLabel:
    """The names of one marker's initiatives, in a white box beside it."""

    box: Box
    x: float  # where the lines start
    lines: tuple[LabelLine, ...]
    keys: tuple[int, ...]


def text_width(text: str, *, bold: bool = False, size: float = FONT_SIZE) -> float:
    """An upper bound of the width of `text` drawn at `size` units."""
    em, widest = _EM[bold], _WIDEST[bold]
    return r(sum(em.get(c, widest) for c in text) * size + 0.05)


def _words_within(text: str, limit: int) -> str:
    """The longest run of whole words of at most `limit` characters; cut mid-word when
    the words would leave less than half of it."""
    fit = text[:limit]
    if len(text) > limit and text[limit] != " " and " " in fit[limit // 2 :]:
        fit = fit[: fit.rindex(" ")]
    return fit.rstrip()


def short_label(label: str, limit: int = LABEL_CHARS) -> str:
    """The name cut at a word to fit `limit` characters, with an ellipsis when cut."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    return _words_within(label, limit - 1).rstrip(" ,;:-") + "…"


def wrapped_label(label: str, limit: int = WRAP_CHARS) -> list[str]:
    """The name over two lines of at most `limit` characters, the second cut if need be."""
    label = " ".join(label.split())
    first = label if len(label) <= limit else _words_within(label, limit)
    rest = label[len(first) :].strip()
    return [first, short_label(rest, limit)] if rest else [first]


def _texts(marker: PortfolioMarker) -> list[list[str]]:
    """The ways to write a marker's names, widest first: one line each, or for a lone
    initiative its name over two lines."""
    one_line = [short_label(p.label) for p in marker.points]
    if marker.count > 1:
        return [one_line]
    return [one_line, wrapped_label(marker.points[0].label)]


def overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _within(inner: Box, outer: Box) -> bool:
    return (
        outer.left <= inner.left
        and inner.right <= outer.right
        and outer.top <= inner.top
        and inner.bottom <= outer.bottom
    )


def _grown(box: Box, by: float) -> Box:
    return Box(box.left - by, box.top - by, box.right + by, box.bottom + by)


def _candidates(marker: PortfolioMarker, w: float, h: float) -> list[Box]:
    """Boxes of size w x h touching the marker: right, left, above, below, then corners."""
    x, y, d = marker.x, marker.y, marker.radius + GAP
    c = d * 0.71  # the marker's diagonal
    spots = [
        (x + d, y - h / 2),
        (x - d - w, y - h / 2),
        (x - w / 2, y - d - h),
        (x - w / 2, y + d),
        (x + c, y - c - h),
        (x - c - w, y - c - h),
        (x + c, y + c),
        (x - c - w, y + c),
    ]
    return [Box(r(left), r(top), r(left + w), r(top + h)) for left, top in spots]


def clearance(box: Box, marker: PortfolioMarker) -> float:
    """How far the box stays from the marker's circle (negative: it covers it)."""
    dx = max(box.left - marker.x, 0, marker.x - box.right)
    dy = max(box.top - marker.y, 0, marker.y - box.bottom)
    return math.hypot(dx, dy) - marker.radius


def marker_quadrant(marker: PortfolioMarker) -> str:
    return method.QUADRANT_OF[
        (
            marker.physical_risk >= method.HIGH_PHYSICAL_RISK,
            marker.plotted_accepted >= method.HIGH_POLITICAL_RISK,
        )
    ]


def _free(
    box: Box, own: PortfolioMarker, markers: Sequence[PortfolioMarker], taken: list[Box]
) -> bool:
    if any(overlaps(box, t) for t in taken):
        return False
    return all(clearance(box, m) >= (GAP - 0.5 if m is own else MARKER_CLEARANCE) for m in markers)


def _label(marker: PortfolioMarker, texts: list[str], box: Box) -> PortfolioLabel:
    lines = tuple(
        LabelLine(r(box.top + LABEL_PAD + 13 + i * LINE_HEIGHT), text)
        for i, text in enumerate(texts)
    )
    return PortfolioLabel(box, r(box.left + LABEL_PAD), lines, tuple(p.key for p in marker.points))


def place_labels(
    markers: Sequence[PortfolioMarker], areas: Sequence[QuadrantArea]
) -> tuple[PortfolioLabel, ...]:
    """Greedy: markers with fewest initiatives first; each takes the first free spot beside
    it, inside its own quadrant, clear of every marker, quadrant label and placed name,
    with the names cut shorter if they do not fit whole. Markers of more initiatives than
    MAX_LINES show only their number."""
    taken = [_grown(a.label_box, GAP) for a in areas]
    area_of = {a.code: _grown(a.box, -GAP) for a in areas}
    labels = []
    for marker in sorted(markers, key=lambda m: (m.count, -m.physical_risk, -m.plotted_accepted)):
        if marker.count > MAX_LINES:
            continue
        area = area_of[marker_quadrant(marker)]
        for texts in _texts(marker):
            w = r(max(text_width(t) for t in texts) + 2 * LABEL_PAD)
            h = len(texts) * LINE_HEIGHT + 2 * LABEL_PAD
            box = next(
                (
                    b
                    for b in _candidates(marker, w, h)
                    if _within(b, area) and _free(b, marker, markers, taken)
                ),
                None,
            )
            if box is not None:
                labels.append(_label(marker, texts, box))
                taken.append(_grown(box, GAP))
                break
    return tuple(sorted(labels, key=lambda label: label.keys))
