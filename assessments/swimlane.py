"""Geometry of the swimlane timeline: what the partner does, what the U.S. gives, and when.

Fiscal years and quarters run across. The top lane holds the partner deliverables, each a
marker in its due quarter showing its political risk as a digit; its state (delivered, in
part, overdue, missed, planned, canceled) is the marker's shape and is named in words in
the legend, in each marker's tooltip and in the table. The lane below holds the U.S.
inputs in their fiscal quarter (in the middle of their fiscal year while the quarter is not
known), with a line to each deliverable it is gated on; a dashed line means the U.S. gives
before the partner acts, by the same rule as the plan checks (assessments.timing).
Pure: plain data in, shapes out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from assessments import method, references
from assessments.charts import Box, r
from assessments.fiscal import format_date, format_quarter
from assessments.inputs import AssessmentInputs, Deliverable, USInput
from assessments.timing import first_gate_ahead, input_when, provided_before
from assessments.wording import months

WIDTH = 680  # fits A4 and Letter portrait at print size
LABEL_WIDTH = 112  # lane names on the left ("digit: political risk" at 11 units)
RIGHT_PAD = 8
HEADER = 44  # fiscal-year and quarter labels
STEP = 22  # vertical distance between stacked markers
LANE_PAD = 14
MARKER_R = 9
LEGEND_HEIGHT = 64

# Marker shapes by state; the words are the legend's, the tooltips' and the table's.
DELIVERED, PARTIAL, OVERDUE, MISSED, PLANNED, CANCELLED = (
    "delivered",
    "partial",
    "overdue",
    "missed",
    "planned",
    "cancelled",
)
STATE_WORDS: dict[str, str] = {
    DELIVERED: "Delivered (filled circle)",
    PARTIAL: "Delivered in part (gray circle)",
    OVERDUE: "Overdue: due, not delivered (triangle)",
    MISSED: "Missed (diamond)",
    PLANNED: "Planned (open circle)",
    CANCELLED: "Canceled (dashed circle)",
}


def state_of(d: Deliverable, as_of: date) -> str:
    status = d.status_on(as_of)
    if status == method.DELIVERED:
        return DELIVERED
    if status == method.PARTIAL:
        return PARTIAL
    if status == method.MISSED:
        return MISSED
    if status == method.CANCELLED:
        return CANCELLED
    return OVERDUE if d.overdue(as_of) else PLANNED


@dataclass(frozen=True)
class LaneMarker:
    number: int  # the row's reference number (assessments.references), as in its table
    x: float
    y: float
    shape: str  # a state above, or "input" for a U.S. input
    label: str  # drawn inside: the political risk, or the input's reference ("U2")
    costly: bool
    tooltip: str


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    ahead: bool  # the U.S. input comes before the deliverable is due


@dataclass(frozen=True)
class Column:
    x: float  # center of the quarter
    label: str  # "Q1"


@dataclass(frozen=True)
class YearBand:
    box: Box
    label: str  # "FY2027"
    shaded: bool  # alternate years are shaded, for reading across in print


@dataclass(frozen=True)
class DeliverableRow:
    number: int
    ref: str  # "D3" (assessments.references)
    title: str
    due: str
    political_risk: str
    state: str
    gated_inputs: str


@dataclass(frozen=True)
class InputRow:
    number: int
    ref: str  # "U2" (assessments.references)
    title: str
    when: str  # "FY2027 Q4", or "FY2027" while the quarter is not set
    gated_on: str
    ahead: bool


@dataclass(frozen=True)
class SwimlaneChart:
    width: int
    height: int
    years: tuple[YearBand, ...]
    columns: tuple[Column, ...]
    partner_lane: Box
    us_lane: Box
    deliverables: tuple[LaneMarker, ...]
    inputs: tuple[LaneMarker, ...]
    links: tuple[Link, ...]
    legend: tuple[tuple[str, str], ...]  # (shape, words)
    legend_y: float
    title: str
    description: str
    deliverable_rows: tuple[DeliverableRow, ...]
    input_rows: tuple[InputRow, ...]

    @property
    def label_x(self) -> float:
        return 6


def _state_text(d: Deliverable, as_of: date) -> str:
    state = state_of(d, as_of)
    words = STATE_WORDS[state].split(" (")[0]
    late = d.months_late(as_of)
    if late:
        words += f", {months(late)} late"
    if state == OVERDUE:
        words += f" since {format_date(d.due)}"
    return words


def swimlane_chart(inputs: AssessmentInputs) -> SwimlaneChart:
    """The timeline of one plan as of inputs.as_of, for the screen, the print and the PDF."""
    grid = _Grid.of(inputs)
    stacks, input_stacks = _stacks(inputs, grid)
    partner_rows = max((len(s) for s in stacks.values()), default=1)
    us_rows = max((len(s) for s in input_stacks.values()), default=1)
    partner_lane = Box(0, HEADER, WIDTH, HEADER + partner_rows * STEP + 2 * LANE_PAD)
    us_top = partner_lane.bottom
    us_lane = Box(0, us_top, WIDTH, us_top + us_rows * STEP + 2 * LANE_PAD)

    numbers = references.numbers(inputs.deliverables)
    markers, placed = _deliverable_markers(inputs, grid, stacks, partner_lane, numbers)
    input_markers, links, input_rows = _input_markers(
        inputs, grid, input_stacks, us_lane, numbers, placed
    )
    return SwimlaneChart(
        width=WIDTH,
        height=int(us_lane.bottom + LEGEND_HEIGHT),
        years=_year_bands(grid, us_lane.bottom),
        columns=tuple(Column(grid.x_of[fq], f"Q{fq[1]}") for fq in grid.quarters),
        partner_lane=partner_lane,
        us_lane=us_lane,
        deliverables=tuple(markers),
        inputs=tuple(input_markers),
        links=tuple(links),
        legend=tuple((shape, words) for shape, words in STATE_WORDS.items()),
        legend_y=us_lane.bottom + 20,
        title="Timeline: partner deliverables and the U.S. inputs gated on them",
        description=_description(inputs, markers, input_rows),
        deliverable_rows=_deliverable_rows(inputs, numbers),
        input_rows=tuple(input_rows),
    )


Quarter = tuple[int, int]  # (fiscal year, quarter)


@dataclass(frozen=True)
class _Grid:
    """The columns across: one per quarter of the plan's fiscal years."""

    first: int
    last: int
    quarters: list[Quarter]
    col_width: float
    x_of: dict[Quarter, float]

    @classmethod
    def of(cls, inputs: AssessmentInputs) -> _Grid:
        first, last = inputs.first_fiscal_year, inputs.last_fiscal_year
        quarters = [(fy, q) for fy in range(first, last + 1) for q in range(1, 5)]
        col_width = (WIDTH - LABEL_WIDTH - RIGHT_PAD) / len(quarters)
        x_of = {fq: r(LABEL_WIDTH + (i + 0.5) * col_width) for i, fq in enumerate(quarters)}
        return cls(first, last, quarters, col_width, x_of)

    def column_of(self, fy: int, q: int) -> Quarter:
        """The quarter's column; outside the span, the column at its edge."""
        return min(max((fy, q), self.quarters[0]), self.quarters[-1])

    def input_x(self, u: USInput) -> float:
        """Where a U.S. input is drawn: its quarter's column, or with the quarter not known
        the middle of its fiscal year (between Q2 and Q3, read as no quarter)."""
        if u.fiscal_quarter is not None:
            return self.x_of[self.column_of(u.fiscal_year, u.fiscal_quarter)]
        fy = min(max(u.fiscal_year, self.first), self.last)
        return r((self.x_of[(fy, 2)] + self.x_of[(fy, 3)]) / 2)


def _stacks(
    inputs: AssessmentInputs, grid: _Grid
) -> tuple[dict[Quarter, list[Deliverable]], dict[int, list[int]]]:
    """The deliverables stacked in their quarter, the U.S. inputs (by index) in their year."""
    stacks: dict[Quarter, list[Deliverable]] = defaultdict(list)
    for d in inputs.deliverables:
        stacks[grid.column_of(d.fiscal_year, d.quarter)].append(d)
    input_stacks: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(inputs.us_inputs):
        input_stacks[min(max(u.fiscal_year, grid.first), grid.last)].append(i)
    return stacks, input_stacks


def _deliverable_markers(
    inputs: AssessmentInputs,
    grid: _Grid,
    stacks: dict[Quarter, list[Deliverable]],
    lane: Box,
    numbers: dict[int, int],
) -> tuple[list[LaneMarker], dict[int, tuple[float, float]]]:
    """The partner lane's markers in the plan's order (by due date), and where each
    deliverable was placed."""
    as_of = inputs.as_of
    placed: dict[int, tuple[float, float]] = {}
    order = {d.id: n for n, d in enumerate(inputs.deliverables)}
    markers: list[tuple[int, LaneMarker]] = []
    for fq, stack in stacks.items():
        for row, d in enumerate(stack):
            x, y = grid.x_of[fq], r(lane.top + LANE_PAD + (row + 0.5) * STEP)
            placed[d.id] = (x, y)
            due = format_quarter(d.fiscal_year, d.quarter)
            ref = references.deliverable_ref(numbers[d.id])
            marker = LaneMarker(
                numbers[d.id],
                x,
                y,
                state_of(d, as_of),
                str(d.political_risk),
                d.costly,
                f"{ref}. {d.title}: due {due}, political risk {d.political_risk}, "
                f"{_state_text(d, as_of).lower()}",
            )
            markers.append((order[d.id], marker))
    return [m for _, m in sorted(markers, key=lambda pair: pair[0])], placed


def _input_markers(
    inputs: AssessmentInputs,
    grid: _Grid,
    input_stacks: dict[int, list[int]],
    lane: Box,
    numbers: dict[int, int],
    placed: dict[int, tuple[float, float]],
) -> tuple[list[LaneMarker], list[Link], list[InputRow]]:
    """The U.S. lane's markers, the lines to the deliverables each is gated on, its table."""
    links: list[Link] = []
    input_rows: list[tuple[int, InputRow]] = []
    placed_inputs: list[tuple[int, LaneMarker]] = []
    own = references.numbers(inputs.us_inputs)
    for in_year in input_stacks.values():
        for row, i in enumerate(in_year):
            u = inputs.us_inputs[i]
            x = grid.input_x(u)
            y = r(lane.top + LANE_PAD + (row + 0.5) * STEP)
            gates = [d for d in inputs.deliverables if d.id in u.matched_deliverable_ids]
            ahead = first_gate_ahead(u, inputs) is not None
            for d in gates:
                gx, gy = placed[d.id]
                links.append(
                    Link(x, y - MARKER_R, gx, gy + MARKER_R, ahead and provided_before(u, d))
                )
            gated = (
                ", ".join(references.deliverable_ref(numbers[d.id]) for d in gates)
                or "nothing: a gift"
            )
            number = own[u.id]
            ref = references.us_input_ref(number)
            when = input_when(u)  # the year alone while the quarter is not set
            said = when if u.fiscal_quarter is not None else f"{when}, quarter not set"
            marker = LaneMarker(
                number, x, y, "input", ref, False, f"{ref}. {u.title}: {said}, gated on {gated}"
            )
            placed_inputs.append((i, marker))
            input_rows.append((i, InputRow(number, ref, u.title, when, gated, ahead)))
    # In the plan's order (by when the U.S. provides them), as in the document's list.
    input_markers = [m for _, m in sorted(placed_inputs, key=lambda pair: pair[0])]
    return input_markers, links, [row for _, row in sorted(input_rows, key=lambda p: p[0])]


def _deliverable_rows(
    inputs: AssessmentInputs, numbers: dict[int, int]
) -> tuple[DeliverableRow, ...]:
    """The table of the partner deliverables, with the U.S. inputs gated on each."""
    gated_by: dict[int, list[str]] = defaultdict(list)
    own = references.numbers(inputs.us_inputs)
    for u in inputs.us_inputs:
        for did in u.matched_deliverable_ids:
            gated_by[did].append(references.us_input_ref(own[u.id]))
    return tuple(
        DeliverableRow(
            numbers[d.id],
            references.deliverable_ref(numbers[d.id]),
            d.title,
            format_quarter(d.fiscal_year, d.quarter),
            f"{d.political_risk} – {method.POLITICAL_RISK_LABELS[d.political_risk]}",
            _state_text(d, inputs.as_of),
            ", ".join(gated_by[d.id]) or "—",
        )
        for d in inputs.deliverables
    )


def _year_bands(grid: _Grid, bottom: float) -> tuple[YearBand, ...]:
    """One band per fiscal year, every other one shaded."""
    return tuple(
        YearBand(
            Box(
                r(LABEL_WIDTH + i * 4 * grid.col_width),
                0,
                r(LABEL_WIDTH + (i + 1) * 4 * grid.col_width),
                bottom,
            ),
            f"FY{fy}",
            i % 2 == 1,
        )
        for i, fy in enumerate(range(grid.first, grid.last + 1))
    )


def _description(
    inputs: AssessmentInputs, markers: list[LaneMarker], input_rows: list[InputRow]
) -> str:
    """The chart in one paragraph, for a screen reader."""
    counts: dict[str, int] = defaultdict(int)
    for m in markers:
        counts[m.shape] += 1
    ahead_count = sum(row.ahead for row in input_rows)
    return (
        f"Timeline FY{inputs.first_fiscal_year} to FY{inputs.last_fiscal_year}, "
        f"as of {format_date(inputs.as_of)}. "
        f"{len(markers)} partner deliverables: "
        + ", ".join(
            f"{counts[s]} {STATE_WORDS[s].split(' (')[0].lower()}" for s in STATE_WORDS if counts[s]
        )
        + f". {len(input_rows)} U.S. inputs, {ahead_count} planned before the partner "
        "deliverables they are gated on. The tables below list every marker."
    )
