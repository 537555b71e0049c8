"""Commitment assessment: the pure scoring core.

`assess(inputs)` applies the method documented in `assessments.method` to one plan on one
date and returns every figure with the plain-English reason for it. No Django and no I/O:
the caller builds the inputs from its records and stores `to_dict()` of inputs and result.
"""

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Self

from assessments import method
from assessments.fiscal import format_date, format_quarter, quarter_end

# Deliverable statuses, re-exported so callers need one import.
PLANNED = method.PLANNED
VERBAL_ONLY = method.VERBAL_ONLY
DELIVERED = method.DELIVERED
PARTIAL = method.PARTIAL
LATE = method.LATE
MISSED = method.MISSED
CANCELLED = method.CANCELLED


def _require_scale(name: str, value: int) -> None:
    if not method.SCALE_MIN <= value <= method.SCALE_MAX:
        raise ValueError(f"{name} must be {method.SCALE_MIN} to {method.SCALE_MAX}, not {value!r}")


# --- Inputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deliverable:
    """A partner deliverable: the evidence commitment is judged on."""

    id: int
    title: str
    category: str  # e.g. a value of method.DELIVERABLE_CATEGORIES
    political_risk: int  # 1..5, method.POLITICAL_RISK_SCALE
    status: str  # a value of method.DELIVERABLE_STATUSES
    fiscal_year: int
    quarter: int  # 1..4
    has_verification: bool  # a verification method was written

    def __post_init__(self) -> None:
        _require_scale("political_risk", self.political_risk)
        if self.status not in method.CREDIT:
            raise ValueError(f"unknown deliverable status {self.status!r}")
        quarter_end(self.fiscal_year, self.quarter)  # rejects a quarter outside 1..4

    @property
    def due(self) -> date:
        """Last day of the fiscal quarter it is due in."""
        return quarter_end(self.fiscal_year, self.quarter)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**data)


@dataclass(frozen=True)
class USInput:
    """Something the U.S. provides, gated on the partner deliverables it is matched to."""

    id: int
    title: str
    category: str  # e.g. a value of method.US_INPUT_CATEGORIES
    fiscal_year: int
    estimated_cost: Decimal | None
    matched_deliverable_ids: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        cost = self.estimated_cost
        return asdict(self) | {
            "estimated_cost": None if cost is None else str(cost),
            "matched_deliverable_ids": list(self.matched_deliverable_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        cost = data["estimated_cost"]
        return cls(
            **(
                data
                | {
                    "estimated_cost": None if cost is None else Decimal(cost),
                    "matched_deliverable_ids": tuple(data["matched_deliverable_ids"]),
                }
            )
        )


@dataclass(frozen=True)
class Rating:
    """One planner rating on the 1-5 scale, with the reason for it."""

    score: int | None  # 1..5, None = not rated yet
    justification: str = ""

    def __post_init__(self) -> None:
        if self.score is not None:
            _require_scale("rating", self.score)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**data)


@dataclass(frozen=True)
class PlannerRatings:
    """The planner's judgements: threat, stated willingness and absorptive capacity."""

    physical_risk: Rating
    # Stated willingness (method.WILLINGNESS_RATINGS).
    motivation: Rating
    intensity: Rating
    salience: Rating
    # Absorptive capacity (method.CAPACITY_RATINGS).
    personnel: Rating
    budget: Rating
    maintenance: Rating
    institutions: Rating

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name).to_dict() for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**{name: Rating.from_dict(rating) for name, rating in data.items()})


@dataclass(frozen=True)
class AssessmentInputs:
    """Everything one dated assessment is computed from; stored with it."""

    as_of: date
    first_fiscal_year: int
    last_fiscal_year: int
    deliverables: tuple[Deliverable, ...]
    us_inputs: tuple[USInput, ...]
    ratings: PlannerRatings

    def __post_init__(self) -> None:
        if self.first_fiscal_year > self.last_fiscal_year:
            raise ValueError("first_fiscal_year is after last_fiscal_year")

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "first_fiscal_year": self.first_fiscal_year,
            "last_fiscal_year": self.last_fiscal_year,
            "deliverables": [d.to_dict() for d in self.deliverables],
            "us_inputs": [u.to_dict() for u in self.us_inputs],
            "ratings": self.ratings.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(
            as_of=date.fromisoformat(data["as_of"]),
            first_fiscal_year=data["first_fiscal_year"],
            last_fiscal_year=data["last_fiscal_year"],
            deliverables=tuple(Deliverable.from_dict(d) for d in data["deliverables"]),
            us_inputs=tuple(USInput.from_dict(u) for u in data["us_inputs"]),
            ratings=PlannerRatings.from_dict(data["ratings"]),
        )


# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """A concern raised by one rule of the method, with what to do about it."""

    rule: str  # stable code, a key of method.FLAG_RULES
    title: str
    rule_text: str  # the rule that raised it, stated plainly
    records: tuple[str, ...]  # the records involved, human-readable
    action: str  # what the planner can do
    severity: str  # method.WARNING or method.INFO

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"records": list(self.records)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**(data | {"records": tuple(data["records"])}))


@dataclass(frozen=True)
class CommitmentResult:
    """Every figure of one assessment, each with its explanation."""

    as_of: date
    demonstrated: int | None  # 0..100, None = not yet observable
    demonstrated_explanation: str
    due_count: int  # deliverables counted: due by as_of, plus any delivered early
    delivered_count: int  # of those, delivered in full
    partial_count: int  # of those, delivered in part
    risk_accepted_points: float  # sum of political risk x credit, delivered fully or in part
    highest_risk_accepted: int  # highest political risk delivered fully or in part; 0 if none
    risk_accepted_explanation: str
    stated_willingness: int | None  # 0..100, None while any part is unrated
    absorptive_capacity: float | None  # 1..5 mean, None while any part is unrated
    gap: int | None  # stated_willingness - demonstrated
    gap_explanation: str
    physical_risk: int | None
    quadrant: str | None  # a key of method.QUADRANT_LABELS, None while physical risk unrated
    quadrant_label: str
    quadrant_explanation: str
    flags: tuple[Flag, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form for storage; from_dict reverses it exactly."""
        capacity = self.absorptive_capacity
        places = method.FLOAT_PLACES
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return data | {
            "as_of": self.as_of.isoformat(),
            "risk_accepted_points": round(self.risk_accepted_points, places),
            "absorptive_capacity": None if capacity is None else round(capacity, places),
            "flags": [flag.to_dict() for flag in self.flags],
            "method_version": method.METHOD_VERSION,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        values = {f.name: data[f.name] for f in fields(cls)}
        capacity = data["absorptive_capacity"]
        return cls(
            **(
                values
                | {
                    "as_of": date.fromisoformat(data["as_of"]),
                    "risk_accepted_points": float(data["risk_accepted_points"]),
                    "absorptive_capacity": None if capacity is None else float(capacity),
                    "flags": tuple(Flag.from_dict(flag) for flag in data["flags"]),
                }
            )
        )


# --- Helpers -----------------------------------------------------------------------------


def _round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves up (12.5 -> 13); exact, no float error."""
    return math.floor(value + Fraction(1, 2))


def _number(value: float | Fraction) -> str:
    """A figure as planners read it: 12.0 -> "12", 12.5 -> "12.5"."""
    return f"{float(value):g}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _high_or_low(value: int, threshold: int) -> str:
    return f"high ({threshold} or more)" if value >= threshold else f"low (below {threshold})"


def _deliverable_record(d: Deliverable, with_risk: bool = False) -> str:
    due = format_quarter(d.fiscal_year, d.quarter)
    detail = f"{due}, political risk {d.political_risk}" if with_risk else due
    return f"Deliverable: {d.title} ({detail})"


def _us_input_record(u: USInput) -> str:
    return f"U.S. input: {u.title} (FY{u.fiscal_year})"


# --- Demonstrated commitment -------------------------------------------------------------


@dataclass(frozen=True)
class _Demonstrated:
    score: int | None
    explanation: str
    counted: int
    delivered: int
    partial: int


def _is_counted(d: Deliverable, as_of: date) -> bool:
    """Due by as_of, or delivered in full ahead of time."""
    return d.due <= as_of or d.status in method.COUNTED_EARLY


def _partial_early_note(deliverables: Iterable[Deliverable], as_of: date) -> str:
    waiting = sum(d.status == PARTIAL and d.due > as_of for d in deliverables)
    if not waiting:
        return ""
    return (
        f" {_count(waiting, 'deliverable')} delivered in part ahead of the due date "
        "will count when due."
    )


def _demonstrated(deliverables: tuple[Deliverable, ...], as_of: date) -> _Demonstrated:
    counted = [d for d in deliverables if _is_counted(d, as_of)]
    note = _partial_early_note(deliverables, as_of)
    if not counted:
        text = f"Not yet observable: no partner deliverable is due by {format_date(as_of)}."
        upcoming = [d.due for d in deliverables if d.status != CANCELLED]
        if upcoming:
            text += f" The first falls due on {format_date(min(upcoming))}."
        return _Demonstrated(None, text + note, 0, 0, 0)

    earned = sum(
        (Fraction(method.CREDIT[d.status]) * d.political_risk for d in counted), Fraction()
    )
    weight = sum(d.political_risk for d in counted)
    score = _round_half_up(100 * earned / weight)
    delivered = sum(d.status == DELIVERED for d in counted)
    partial = sum(d.status == PARTIAL for d in counted)
    early = sum(d.due > as_of for d in counted)

    if early == len(counted):
        verb = "counts" if early == 1 else "count"
        text = (
            f"No partner deliverable is due by {format_date(as_of)}; "
            f"{_count(early, 'deliverable')} delivered in full ahead of time {verb} at once"
        )
    else:
        counted_text = _count(len(counted), "partner deliverable")
        text = f"{delivered} of {counted_text} due by {format_date(as_of)}"
        if early:
            text += f" (including {early} delivered early)"
        text += " delivered"
        if partial:
            text += f", {partial} partially"
    text += f"; risk-weighted {score}% ({_number(earned)} of {weight} political-risk points)."
    return _Demonstrated(score, text + note, len(counted), delivered, partial)


# --- Political risk accepted -------------------------------------------------------------


@dataclass(frozen=True)
class _RiskAccepted:
    points: float
    highest: int
    explanation: str


def _named(titles: list[str]) -> str:
    """One or two titles quoted (titles may contain commas), or how many and the first."""
    if len(titles) <= 2:
        return " and ".join(f"“{title}”" for title in titles)
    return f"{len(titles)} deliverables, the first “{titles[0]}”"


def _risk_accepted(deliverables: tuple[Deliverable, ...]) -> _RiskAccepted:
    taken = [d for d in deliverables if d.status in method.RISK_TAKEN]
    if not taken:
        text = (
            "No partner deliverable has been delivered, in full or in part: "
            f"no political risk accepted yet, {_high_or_low(0, method.HIGH_POLITICAL_RISK)}."
        )
        return _RiskAccepted(0.0, 0, text)

    points = sum(method.CREDIT[d.status] * d.political_risk for d in taken)
    highest = max(d.political_risk for d in taken)
    through = _named([d.title for d in taken if d.political_risk == highest])
    text = (
        f"Highest political risk accepted: {highest} "
        f"({method.POLITICAL_RISK_LABELS[highest]}), through {through}; "
        f"{_high_or_low(highest, method.HIGH_POLITICAL_RISK)}. "
        f"{_number(points)} political-risk points accepted over "
        f"{_count(len(taken), 'deliverable')} delivered in full or in part."
    )
    return _RiskAccepted(points, highest, text)


# --- Willingness, capacity and the gap ---------------------------------------------------


def _mean_score(ratings: PlannerRatings, parts: tuple[tuple[str, str], ...]) -> Fraction | None:
    """Mean of the named ratings, or None while any is unrated."""
    scores = [getattr(ratings, name).score for name, _ in parts]
    rated = [score for score in scores if score is not None]
    if len(rated) < len(scores):
        return None
    return Fraction(sum(rated), len(rated))


def _stated_willingness(ratings: PlannerRatings) -> int | None:
    """Mean of motivation, intensity and salience, rescaled from 1..5 to 0..100."""
    mean = _mean_score(ratings, method.WILLINGNESS_RATINGS)
    if mean is None:
        return None
    span = method.SCALE_MAX - method.SCALE_MIN
    return _round_half_up((mean - method.SCALE_MIN) / span * 100)


@dataclass(frozen=True)
class _Gap:
    value: int | None
    explanation: str


def _gap(stated: int | None, demonstrated: int | None) -> _Gap:
    missing = []
    if stated is None:
        missing.append("stated willingness is not fully rated (motivation, intensity, salience)")
    if demonstrated is None:
        missing.append("demonstrated commitment is not yet observable")
    if stated is None or demonstrated is None:
        return _Gap(None, "No gap computed: " + " and ".join(missing) + ".")
    gap = stated - demonstrated
    side = "at or above" if gap >= method.RHETORIC_GAP else "below"
    return _Gap(
        gap,
        f"Stated willingness {stated} minus demonstrated commitment {demonstrated}: "
        f"gap of {gap} points, {side} the {method.RHETORIC_GAP}-point threshold "
        "for rhetorical commitment.",
    )


# --- Quadrant ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Quadrant:
    code: str | None
    label: str
    explanation: str


def _quadrant(physical_risk: int | None, risk_accepted: int) -> _Quadrant:
    if physical_risk is None:
        return _Quadrant(None, method.UNPLACED_LABEL, "Not placed: physical risk is not rated yet.")
    physical_high = physical_risk >= method.HIGH_PHYSICAL_RISK
    political_high = risk_accepted >= method.HIGH_POLITICAL_RISK
    code = method.QUADRANT_OF[(physical_high, political_high)]
    label = method.QUADRANT_LABELS[code]
    text = (
        f"Physical risk {physical_risk} is {_high_or_low(physical_risk, method.HIGH_PHYSICAL_RISK)}"
        f" and the highest political risk accepted, {risk_accepted}, is "
        f"{_high_or_low(risk_accepted, method.HIGH_POLITICAL_RISK)}: {label}. "
        f"{method.QUADRANT_DESCRIPTIONS[code]}"
    )
    return _Quadrant(code, label, text)


# --- Flags -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Evidence:
    """What the flag rules look at."""

    inputs: AssessmentInputs
    plan: tuple[Deliverable, ...]  # deliverables not cancelled
    capacity: Fraction | None
    stated: int | None
    demonstrated: int | None
    gap: int | None


Records = tuple[str, ...]


def _raised(records: Records) -> Records | None:
    """A rule that lists offending records is raised when there are any."""
    return records or None


def _no_costly_deliverable(ev: _Evidence) -> Records | None:
    if any(d.political_risk >= method.HIGH_POLITICAL_RISK for d in ev.plan):
        return None
    return tuple(_deliverable_record(d, with_risk=True) for d in ev.plan)


def _unverifiable_deliverable(ev: _Evidence) -> Records | None:
    return _raised(tuple(_deliverable_record(d) for d in ev.plan if not d.has_verification))


def _unmatched_us_input(ev: _Evidence) -> Records | None:
    unmatched = (u for u in ev.inputs.us_inputs if not u.matched_deliverable_ids)
    return _raised(tuple(_us_input_record(u) for u in unmatched))


def _us_input_ahead_of_partner(ev: _Evidence) -> Records | None:
    plan = {d.id: d for d in ev.plan}
    ahead = []
    for u in ev.inputs.us_inputs:
        gates = [plan[i] for i in u.matched_deliverable_ids if i in plan]
        if any(d.status in method.RISK_TAKEN for d in gates):
            continue  # the partner has acted already, ahead of time
        first_due = min((d.fiscal_year for d in gates), default=None)
        if first_due is not None and u.fiscal_year < first_due:
            ahead.append(
                f"{_us_input_record(u)}: its first partner deliverable is due FY{first_due}"
            )
    return _raised(tuple(ahead))


def _equipment_without_sustainment(ev: _Evidence) -> Records | None:
    if any(d.category == method.SUSTAINMENT_CATEGORY for d in ev.plan):
        return None
    equipment = (u for u in ev.inputs.us_inputs if u.category == method.EQUIPMENT_CATEGORY)
    return _raised(tuple(_us_input_record(u) for u in equipment))


def _early_reform(ev: _Evidence) -> Records | None:
    first_year = ev.inputs.first_fiscal_year
    reform = (
        d for d in ev.plan if d.political_risk >= method.REFORM_RISK and d.fiscal_year == first_year
    )
    return _raised(tuple(_deliverable_record(d, with_risk=True) for d in reform))


def _conditions_limit(capacity: Fraction) -> int:
    """Deliverables a year the partner can absorb."""
    return _round_half_up(capacity * method.CONDITIONS_PER_CAPACITY_POINT)


def _conditions_exceed_capacity(ev: _Evidence) -> Records | None:
    if ev.capacity is None:
        return None
    limit = _conditions_limit(ev.capacity)
    per_year = Counter(d.fiscal_year for d in ev.plan)
    over = tuple(
        f"FY{year}: {_count(n, 'deliverable')} due"
        for year, n in sorted(per_year.items())
        if n > limit
    )
    if not over:
        return None
    per_point = method.CONDITIONS_PER_CAPACITY_POINT
    basis = (
        f"Absorptive capacity {_number(ev.capacity)} x {per_point} = "
        f"{_number(ev.capacity * per_point)}: at most {limit} deliverables a year"
    )
    return (basis, *over)


def _rhetorical_commitment(ev: _Evidence) -> Records | None:
    if ev.gap is None or ev.gap < method.RHETORIC_GAP:
        return None
    return (
        f"Stated willingness: {ev.stated} of 100",
        f"Demonstrated commitment: {ev.demonstrated} of 100",
        f"Gap: {ev.gap} points",
    )


# Each rule returns the records that raise its flag, or None when the plan passes it.
_RULES: dict[str, Callable[[_Evidence], Records | None]] = {
    method.NO_COSTLY_DELIVERABLE: _no_costly_deliverable,
    method.UNVERIFIABLE_DELIVERABLE: _unverifiable_deliverable,
    method.UNMATCHED_US_INPUT: _unmatched_us_input,
    method.US_INPUT_AHEAD_OF_PARTNER: _us_input_ahead_of_partner,
    method.EQUIPMENT_WITHOUT_SUSTAINMENT: _equipment_without_sustainment,
    method.EARLY_REFORM: _early_reform,
    method.CONDITIONS_EXCEED_CAPACITY: _conditions_exceed_capacity,
    method.RHETORICAL_COMMITMENT: _rhetorical_commitment,
}


def _flags(ev: _Evidence) -> tuple[Flag, ...]:
    """Raised flags, in the order of method.FLAG_RULES."""
    flags = []
    for code, rule in method.FLAG_RULES.items():
        records = _RULES[code](ev)
        if records is not None:
            flags.append(
                Flag(
                    rule=code,
                    title=rule.title,
                    rule_text=rule.rule_text,
                    records=records,
                    action=rule.action,
                    severity=rule.severity,
                )
            )
    return tuple(flags)


# --- Entry point -------------------------------------------------------------------------


def assess(inputs: AssessmentInputs) -> CommitmentResult:
    """Apply the commitment assessment method to one plan on one date."""
    ratings = inputs.ratings
    demonstrated = _demonstrated(inputs.deliverables, inputs.as_of)
    accepted = _risk_accepted(inputs.deliverables)
    stated = _stated_willingness(ratings)
    capacity = _mean_score(ratings, method.CAPACITY_RATINGS)
    gap = _gap(stated, demonstrated.score)
    quadrant = _quadrant(ratings.physical_risk.score, accepted.highest)
    evidence = _Evidence(
        inputs=inputs,
        plan=tuple(d for d in inputs.deliverables if d.status != CANCELLED),
        capacity=capacity,
        stated=stated,
        demonstrated=demonstrated.score,
        gap=gap.value,
    )
    return CommitmentResult(
        as_of=inputs.as_of,
        demonstrated=demonstrated.score,
        demonstrated_explanation=demonstrated.explanation,
        due_count=demonstrated.counted,
        delivered_count=demonstrated.delivered,
        partial_count=demonstrated.partial,
        risk_accepted_points=accepted.points,
        highest_risk_accepted=accepted.highest,
        risk_accepted_explanation=accepted.explanation,
        stated_willingness=stated,
        absorptive_capacity=None if capacity is None else float(capacity),
        gap=gap.value,
        gap_explanation=gap.explanation,
        physical_risk=ratings.physical_risk.score,
        quadrant=quadrant.code,
        quadrant_label=quadrant.label,
        quadrant_explanation=quadrant.explanation,
        flags=_flags(evidence),
    )
