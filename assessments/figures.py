"""The figures of one assessment, each with the sentence that says where it came from."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from assessments import method
from assessments.fiscal import format_date
from assessments.inputs import Deliverable, PlannerRatings
from assessments.wording import count, high_or_low, months, named, number, round_half_up

State = method.FigureState
COSTLY = f"costly partner deliverable (political risk {method.HIGH_POLITICAL_RISK} or more)"
NOTHING_COSTLY = (
    "Cannot be demonstrated: nothing in the plan costs the partner anything (no partner "
    f"deliverable of political risk {method.HIGH_POLITICAL_RISK} or more). Accepting equipment, "
    "attending training or doing paperwork demonstrates no commitment."
)

# "Demonstrated commitment ..." when it is not a number, for the gap and the quadrant.
NOT_A_NUMBER: dict[str, str] = {
    State.NOT_YET_OBSERVABLE: "is not yet observable (no costly deliverable due yet)",
    State.CANNOT_BE_DEMONSTRATED: "cannot be demonstrated (nothing costly in the plan)",
}


@dataclass(frozen=True)
class Share:
    """A risk-weighted share delivered: demonstrated commitment or the delivery record."""

    score: int | None
    state: str  # a method.FigureState value
    explanation: str
    counted: int
    delivered: int
    partial: int


def is_counted(d: Deliverable, as_of: date) -> bool:
    """Due by as_of, or delivered in full ahead of time."""
    return d.due <= as_of or d.status_on(as_of) in method.COUNTED_EARLY


def _partial_early_note(deliverables: Sequence[Deliverable], as_of: date) -> str:
    waiting = sum(d.status_on(as_of) == method.PARTIAL and d.due > as_of for d in deliverables)
    if not waiting:
        return ""
    return (
        f" {count(waiting, 'deliverable')} delivered in part ahead of the due date "
        "will count when due."
    )


def _lateness_note(counted: Sequence[Deliverable], as_of: date) -> str:
    late = [(d.title, d.months_late(as_of)) for d in counted if d.months_late(as_of)]
    notes = [f"“{title}” delivered {months(n)} late" for title, n in late]
    return f" Counted as delivered: {'; '.join(notes)}." if notes else ""


def share(
    deliverables: Sequence[Deliverable], as_of: date, noun: str = "partner deliverable"
) -> Share:
    """Of the deliverables counted at as_of, the risk-weighted share delivered."""
    counted = [d for d in deliverables if is_counted(d, as_of)]
    note = _partial_early_note(deliverables, as_of)
    if not counted:
        text = f"Not yet observable: no {noun} is due by {format_date(as_of)}."
        upcoming = [d.due for d in deliverables if d.status != method.CANCELLED]
        if upcoming:
            text += f" The first falls due on {format_date(min(upcoming))}."
        return Share(None, State.NOT_YET_OBSERVABLE, text + note, 0, 0, 0)

    earned = sum((Fraction(d.credit_on(as_of)) * d.political_risk for d in counted), Fraction())
    weight = sum(d.political_risk for d in counted)
    score = round_half_up(100 * earned / weight)
    delivered = sum(d.status_on(as_of) == method.DELIVERED for d in counted)
    partial = sum(d.status_on(as_of) == method.PARTIAL for d in counted)
    early = sum(d.due > as_of for d in counted)

    if early == len(counted):
        verb = "counts" if early == 1 else "count"
        text = (
            f"No {noun} is due by {format_date(as_of)}; "
            f"{count(early, 'deliverable')} delivered in full ahead of time {verb} at once"
        )
    else:
        text = f"{delivered} of {count(len(counted), noun)} due by {format_date(as_of)}"
        if early:
            text += f" (including {early} delivered early)"
        text += " delivered"
        if partial:
            text += f", {partial} partially"
    text += f"; risk-weighted {score}% ({number(earned)} of {weight} political-risk points)."
    text += _lateness_note(counted, as_of)
    return Share(score, State.MEASURED, text + note, len(counted), delivered, partial)


def demonstrated(deliverables: Sequence[Deliverable], as_of: date) -> Share:
    """Costly acts only; not a number when the plan holds nothing costly or none is due."""
    costly = [d for d in deliverables if d.costly]
    in_plan = [d for d in costly if d.status != method.CANCELLED]
    if not any(is_counted(d, as_of) for d in costly) and not in_plan:
        return Share(None, State.CANNOT_BE_DEMONSTRATED, NOTHING_COSTLY, 0, 0, 0)
    return share(costly, as_of, COSTLY)


def delivery_record(deliverables: Sequence[Deliverable], as_of: date) -> Share:
    """Every due deliverable, costless ones included: reliability, not commitment."""
    return share(deliverables, as_of)


# --- Political risk accepted -------------------------------------------------------------


@dataclass(frozen=True)
class RiskAccepted:
    points: float
    highest: int
    explanation: str


def risk_accepted(deliverables: Sequence[Deliverable], as_of: date) -> RiskAccepted:
    taken = [d for d in deliverables if d.status_on(as_of) in method.RISK_TAKEN]
    if not taken:
        text = (
            "No partner deliverable has been delivered, in full or in part: "
            f"no political risk accepted yet, {high_or_low(0, method.HIGH_POLITICAL_RISK)}."
        )
        return RiskAccepted(0.0, 0, text)

    points = sum(d.credit_on(as_of) * d.political_risk for d in taken)
    highest = max(d.political_risk for d in taken)
    through = named([d.title for d in taken if d.political_risk == highest])
    text = (
        f"Highest political risk accepted: {highest} "
        f"({method.POLITICAL_RISK_LABELS[highest]}), through {through}; "
        f"{high_or_low(highest, method.HIGH_POLITICAL_RISK)}. "
        f"{number(points)} political-risk points accepted over "
        f"{count(len(taken), 'deliverable')} delivered in full or in part."
    )
    return RiskAccepted(points, highest, text)


# --- Willingness, capacity and the gap ---------------------------------------------------


def mean_score(ratings: PlannerRatings, parts: tuple[tuple[str, str], ...]) -> Fraction | None:
    """Mean of the named ratings, or None while any is unrated."""
    scores = [getattr(ratings, name).score for name, _ in parts]
    rated = [score for score in scores if score is not None]
    if len(rated) < len(scores):
        return None
    return Fraction(sum(rated), len(rated))


def stated_willingness(ratings: PlannerRatings) -> int | None:
    """Mean of motivation, intensity and salience, rescaled from 1..5 to 0..100."""
    mean = mean_score(ratings, method.WILLINGNESS_RATINGS)
    if mean is None:
        return None
    span = method.SCALE_MAX - method.SCALE_MIN
    return round_half_up((mean - method.SCALE_MIN) / span * 100)


@dataclass(frozen=True)
class Gap:
    value: int | None
    explanation: str


def gap(stated: int | None, shown: Share) -> Gap:
    missing = []
    if stated is None:
        missing.append("stated willingness is not fully rated (motivation, intensity, salience)")
    if shown.score is None:
        missing.append(f"demonstrated commitment {NOT_A_NUMBER[shown.state]}")
    if stated is None or shown.score is None:
        return Gap(None, "No gap computed: " + " and ".join(missing) + ".")
    value = stated - shown.score
    side = "at or above" if value >= method.RHETORIC_GAP else "below"
    return Gap(
        value,
        f"Stated willingness {stated} minus demonstrated commitment {shown.score}: "
        f"gap of {value} points, {side} the {method.RHETORIC_GAP}-point threshold "
        "for rhetorical commitment.",
    )


# --- Quadrant ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Quadrant:
    code: str | None
    label: str
    explanation: str


def _political_axis(highest: int, shown: Share) -> tuple[bool, str]:
    """Whether the partner accepted high political risk, and the reason, in words."""
    threshold = method.HIGH_POLITICAL_RISK
    if shown.score is None:
        return False, f"low: demonstrated commitment {NOT_A_NUMBER[shown.state]}"
    if highest < threshold:
        return False, f"low: the highest political risk accepted, {highest}, is below {threshold}"
    if shown.score < method.QUADRANT_DEMONSTRATED:
        return False, (
            f"low: political risk {highest} was accepted, but demonstrated commitment "
            f"{shown.score} is below {method.QUADRANT_DEMONSTRATED}"
        )
    return True, (
        f"high: political risk {highest} accepted and demonstrated commitment {shown.score} "
        f"({method.QUADRANT_DEMONSTRATED} or more)"
    )


def quadrant(physical_risk: int | None, highest: int, shown: Share) -> Quadrant:
    if physical_risk is None:
        return Quadrant(None, method.UNPLACED_LABEL, "Not placed: physical risk is not rated yet.")
    physical_high = physical_risk >= method.HIGH_PHYSICAL_RISK
    political_high, why = _political_axis(highest, shown)
    code = method.QUADRANT_OF[(physical_high, political_high)]
    label = method.QUADRANT_LABELS[code]
    text = (
        f"Physical risk {physical_risk} is {high_or_low(physical_risk, method.HIGH_PHYSICAL_RISK)}"
        f"; political risk accepted is {why}: {label}. {method.QUADRANT_DESCRIPTIONS[code]}"
    )
    return Quadrant(code, label, text)
