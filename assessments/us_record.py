"""The U.S. side of the ledger (method version 4): does the U.S. do what it promised?

Each U.S. input is gated on partner deliverables. One whose gates are not all delivered is
held back (weak conditionality working), not a U.S. failure, and leaves the count; so does
a canceled one. Of the rest that are due (their planned quarter has ended) or delivered in
full early, the U.S. delivery record is the share delivered. None of it touches
demonstrated commitment, which is the partner's acts alone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from assessments import method, references
from assessments.fiscal import add_months, format_date
from assessments.inputs import AssessmentInputs, Deliverable, USInput
from assessments.wording import count, months, round_half_up

State = method.FigureState
NOUN = "U.S. input"


@dataclass(frozen=True)
class Gates:
    """The partner deliverables one U.S. input is gated on, as they stood on a date."""

    refs: tuple[str, ...]  # "D3", in the plan's order; canceled deliverables left out
    waiting_on: tuple[str, ...]  # of those, the ones not delivered in full
    last_delivered_on: date | None  # the latest day one of them was delivered

    @property
    def met(self) -> bool:
        return not self.waiting_on


def gates(u: USInput, deliverables: Sequence[Deliverable], as_of: date) -> Gates:
    """Which gating deliverables are delivered in full by as_of. A canceled one no longer
    gates anything; an input gated on nothing (a gift) is never held back."""
    refs, waiting, days = [], [], []
    number = references.numbers(deliverables)
    for d in deliverables:
        if d.id not in u.matched_deliverable_ids or d.status == method.CANCELLED:
            continue
        ref = references.deliverable_ref(number[d.id])
        refs.append(ref)
        if d.status_on(as_of) != method.DELIVERED:
            waiting.append(ref)
        elif d.delivered_on is not None:
            days.append(d.delivered_on)
    return Gates(tuple(refs), tuple(waiting), max(days, default=None))


def held_back(u: USInput, g: Gates, as_of: date) -> bool:
    """Not delivered in full (nor canceled) because the partner has not delivered yet."""
    return not g.met and u.status_on(as_of) in (method.PLANNED, method.PARTIAL)


def is_counted(u: USInput, g: Gates, as_of: date) -> bool:
    """Counted in the U.S. delivery record at as_of: due or delivered in full, not
    canceled, not held back."""
    status = u.status_on(as_of)
    if status == method.CANCELLED or held_back(u, g, as_of):
        return False
    return u.due <= as_of or status == method.DELIVERED


def overdue(u: USInput, g: Gates, as_of: date) -> bool:
    """Due, nothing delivered, and not held back by the partner: derived, never stored."""
    return u.due < as_of and u.status_on(as_of) == method.PLANNED and g.met


def waiting_since(u: USInput, g: Gates) -> date:
    """The day the partner's side was done and the U.S. input due: the later of the two."""
    if g.last_delivered_on is None or g.last_delivered_on < u.due:
        return u.due
    return g.last_delivered_on


def abandoned(u: USInput, g: Gates, as_of: date) -> bool:
    """The partner delivered every gating deliverable, and the U.S. input is overdue more
    than one quarter after both were due: abandonment risk."""
    if not g.refs or not overdue(u, g, as_of):
        return False
    return as_of > add_months(waiting_since(u, g), method.ABANDONMENT_GRACE_MONTHS)


@dataclass(frozen=True)
class USRecord:
    """The U.S. delivery record of one assessment, with the reason for it."""

    score: int | None
    state: str  # a method.FigureState value
    explanation: str
    counted: int
    overdue: tuple[USInput, ...]
    held_back: int
    abandoned: tuple[tuple[USInput, Gates], ...]


def _quoted(inputs: Sequence[USInput]) -> str:
    return "; ".join(f"“{u.title}”" for u in inputs)


def _notes(inputs: AssessmentInputs, counted: Sequence[USInput]) -> str:
    as_of = inputs.as_of
    notes = []
    late = [
        f"“{u.title}” delivered {months(u.months_late(as_of))} late"
        for u in counted
        if u.months_late(as_of)
    ]
    if late:
        notes.append(f"Counted as delivered: {'; '.join(late)}.")
    overdue_now = [
        f"“{u.title}” (since {format_date(u.due)})"
        for u in counted
        if overdue(u, gates(u, inputs.deliverables, as_of), as_of)
    ]
    if overdue_now:
        notes.append(f"Overdue: {'; '.join(overdue_now)}.")
    waiting = []
    for u in inputs.us_inputs:
        g = gates(u, inputs.deliverables, as_of)
        if held_back(u, g, as_of) and u.due <= as_of:
            waiting.append(f"“{u.title}” (waiting on {', '.join(g.waiting_on)})")
    if waiting:
        notes.append(
            "Held back, not counted against the U.S. (the partner has not delivered what "
            f"it is gated on): {'; '.join(waiting)}."
        )
    canceled = [
        f"“{u.title}” ({u.cancel_reason.strip() or 'no reason recorded'})"
        for u in inputs.us_inputs
        if u.status_on(as_of) == method.CANCELLED
    ]
    if canceled:
        notes.append(f"Canceled, not counted: {'; '.join(canceled)}.")
    return "".join(f" {note}" for note in notes)


def us_delivery_record(inputs: AssessmentInputs) -> USRecord:
    """Of the U.S. inputs counted at as_of, the share delivered (each input weighs one)."""
    as_of = inputs.as_of
    pairs = [(u, gates(u, inputs.deliverables, as_of)) for u in inputs.us_inputs]
    counted = [u for u, g in pairs if is_counted(u, g, as_of)]
    owed = tuple(u for u, g in pairs if overdue(u, g, as_of))
    back = sum(held_back(u, g, as_of) and u.due <= as_of for u, g in pairs)
    left = tuple((u, g) for u, g in pairs if abandoned(u, g, as_of))
    notes = _notes(inputs, counted)
    if not counted:
        text = f"Not yet observable: no {NOUN} is due by {format_date(as_of)}"
        text += " and not held back by the partner." if back else "."
        upcoming = [u.due for u, g in pairs if u.due > as_of and u.status != method.CANCELLED]
        if upcoming:
            text += f" The next falls due on {format_date(min(upcoming))}."
        return USRecord(None, State.NOT_YET_OBSERVABLE, text + notes, 0, owed, back, left)

    earned = sum((Fraction(method.US_CREDIT[u.status_on(as_of)]) for u in counted), Fraction())
    score = round_half_up(100 * earned / len(counted))
    delivered = sum(u.status_on(as_of) == method.DELIVERED for u in counted)
    partial = sum(u.status_on(as_of) == method.PARTIAL for u in counted)
    early = sum(u.due > as_of for u in counted)
    text = f"{delivered} of {count(len(counted), NOUN)} due by {format_date(as_of)}"
    if early:
        text += f" (including {early} delivered early)"
    text += " delivered"
    if partial:
        text += f", {partial} partially"
    text += f": {score}%."
    return USRecord(score, State.MEASURED, text + notes, len(counted), owed, back, left)


def standing(inputs: AssessmentInputs, u: USInput) -> str:
    """How one U.S. input stands on inputs.as_of, in words: "Held back: waiting on D3",
    "Overdue since 31 Mar 2027", "Delivered 2 months late", "Canceled: ..." or "" (on
    time, or not due yet)."""
    as_of = inputs.as_of
    g = gates(u, inputs.deliverables, as_of)
    status = u.status_on(as_of)
    if status == method.CANCELLED:
        return f"Canceled: {u.cancel_reason.strip() or 'no reason recorded'}"
    if held_back(u, g, as_of):
        return f"Held back: waiting on {', '.join(g.waiting_on)}"
    if overdue(u, g, as_of):
        return f"Overdue since {format_date(u.due)}"
    late = u.months_late(as_of)
    if late:
        what = "Delivered" if status == method.DELIVERED else "Partially delivered"
        return f"{what} {months(late)} late"
    return ""
