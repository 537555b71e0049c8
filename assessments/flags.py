"""The flag rules of the method: each names the records that raise it, or passes.

Plan rules look at the plan as written and attach each record to the row it is about, so
the same findings serve the assessment's flags and the guided form's plan checks
(assessments.plan_checks). Record rules look at what the partner did by the date.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from assessments import figures, method
from assessments.figures import Share
from assessments.fiscal import format_date, format_quarter
from assessments.inputs import AssessmentInputs
from assessments.results import Flag
from assessments.timing import first_gate_ahead, input_when
from assessments.us_record import USRecord, us_delivery_record
from assessments.wording import (
    count,
    deliverable_record,
    lateness,
    number,
    round_half_up,
    us_input_record,
)

DELIVERABLE = "deliverable"
US_INPUT = "us_input"


@dataclass(frozen=True)
class Finding:
    """One record a rule names: the row it is about (None: the plan as a whole)."""

    record: str  # as listed in the flag
    row_kind: str | None = None  # DELIVERABLE or US_INPUT
    row_id: int | None = None
    detail: str = ""  # what is wrong with this row, for the plan check beside it


@dataclass(frozen=True)
class Evidence:
    """What the flag rules look at."""

    inputs: AssessmentInputs
    capacity: Fraction | None
    stated: int | None
    demonstrated: Share
    gap: int | None
    us_record: USRecord


Findings = tuple[Finding, ...]


def evidence(inputs: AssessmentInputs) -> Evidence:
    ratings = inputs.ratings
    stated = figures.stated_willingness(ratings)
    shown = figures.demonstrated(inputs.deliverables, inputs.as_of)
    return Evidence(
        inputs=inputs,
        capacity=figures.mean_score(ratings, method.CAPACITY_RATINGS),
        stated=stated,
        demonstrated=shown,
        gap=figures.gap(stated, shown).value,
        us_record=us_delivery_record(inputs),
    )


def _no_costly_deliverable(ev: Evidence) -> Findings:
    plan = ev.inputs.plan
    if any(d.costly for d in plan):
        return ()
    return tuple(Finding(deliverable_record(d, with_risk=True)) for d in plan)


def _unverifiable_deliverable(ev: Evidence) -> Findings:
    return tuple(
        Finding(deliverable_record(d), DELIVERABLE, d.id, "No verification method is written.")
        for d in ev.inputs.plan
        if not d.has_verification
    )


def _unmatched_us_input(ev: Evidence) -> Findings:
    return tuple(
        Finding(us_input_record(u), US_INPUT, u.id, "Matched to no partner deliverable.")
        for u in ev.inputs.us_inputs
        if not u.matched_deliverable_ids
    )


def _us_input_ahead_of_partner(ev: Evidence) -> Findings:
    ahead = []
    for u in ev.inputs.us_inputs:
        first = first_gate_ahead(u, ev.inputs)
        if first is None:
            continue
        if u.fiscal_quarter is None:  # the year alone: compared by year
            due = f"FY{first.fiscal_year}"
        else:
            due = format_quarter(first.fiscal_year, first.quarter)
        detail = f"Planned {input_when(u)}; its first partner deliverable is due {due}."
        record = f"{us_input_record(u)}: its first partner deliverable is due {due}"
        ahead.append(Finding(record, US_INPUT, u.id, detail))
    return tuple(ahead)


def _equipment_without_sustainment(ev: Evidence) -> Findings:
    if any(d.category == method.SUSTAINMENT_CATEGORY for d in ev.inputs.plan):
        return ()
    return tuple(
        Finding(us_input_record(u), US_INPUT, u.id, "No partner deliverable funds its upkeep.")
        for u in ev.inputs.us_inputs
        if u.category == method.EQUIPMENT_CATEGORY
    )


def _early_reform(ev: Evidence) -> Findings:
    first_year = ev.inputs.first_fiscal_year
    return tuple(
        Finding(
            deliverable_record(d, with_risk=True),
            DELIVERABLE,
            d.id,
            f"Political risk {d.political_risk}, due in the first year (FY{first_year}).",
        )
        for d in ev.inputs.plan
        if d.political_risk >= method.REFORM_RISK and d.fiscal_year == first_year
    )


def conditions_limit(capacity: Fraction) -> int:
    """Deliverables a year the partner can absorb."""
    return round_half_up(capacity * method.CONDITIONS_PER_CAPACITY_POINT)


def _conditions_exceed_capacity(ev: Evidence) -> Findings:
    if ev.capacity is None:
        return ()
    limit = conditions_limit(ev.capacity)
    per_year = Counter(d.fiscal_year for d in ev.inputs.plan)
    over = tuple(
        Finding(f"FY{year}: {count(n, 'deliverable')} due")
        for year, n in sorted(per_year.items())
        if n > limit
    )
    if not over:
        return ()
    per_point = method.CONDITIONS_PER_CAPACITY_POINT
    basis = (
        f"Absorptive capacity {number(ev.capacity)} x {per_point} = "
        f"{number(ev.capacity * per_point)}: at most {limit} deliverables a year"
    )
    return (Finding(basis), *over)


def _rhetorical_commitment(ev: Evidence) -> Findings:
    stated = f"Stated willingness: {ev.stated} of 100"
    if ev.gap is not None and ev.gap >= method.RHETORIC_GAP:
        return tuple(
            Finding(record)
            for record in (
                stated,
                f"Demonstrated commitment: {ev.demonstrated.score} of 100",
                f"Gap: {ev.gap} points",
            )
        )
    if ev.stated is None or ev.stated < method.HIGH_STATED_WILLINGNESS:
        return ()
    high = f"{stated}, high ({method.HIGH_STATED_WILLINGNESS} or more)"
    if ev.demonstrated.state == method.FigureState.CANNOT_BE_DEMONSTRATED:
        return (Finding(high), Finding("Nothing costly in the plan could test it"))
    as_of = ev.inputs.as_of
    undelivered = [
        d for d in ev.inputs.deliverables if d.costly and d.due <= as_of and not d.credit_on(as_of)
    ]
    if not undelivered:
        return ()
    return (
        Finding(high),
        *(
            Finding(f"{deliverable_record(d, with_risk=True)}: due, not delivered")
            for d in undelivered
        ),
    )


def _slipping_timeline(ev: Evidence) -> Findings:
    as_of = ev.inputs.as_of
    slipped = [d for d in ev.inputs.deliverables if d.slipped(as_of)]
    if len(slipped) < method.SLIPPED_FOR_REPLAN:
        return ()
    return tuple(
        Finding(f"{deliverable_record(d)}: {lateness(d, as_of)}", DELIVERABLE, d.id)
        for d in slipped
    )


def _abandonment_risk(ev: Evidence) -> Findings:
    record = ev.us_record
    found = [
        Finding(
            f"{us_input_record(u)}: overdue since {format_date(u.due)}, and the partner "
            f"delivered {' and '.join(g.refs)}"
            + ("" if g.last_delivered_on is None else f" (by {format_date(g.last_delivered_on)})"),
            US_INPUT,
            u.id,
        )
        for u, g in record.abandoned
    ]
    low = (
        record.score is not None
        and record.score < method.US_RECORD_LOW
        and record.counted >= method.US_RECORD_LOW_MIN_DUE
    )
    if low:
        found.append(
            Finding(
                f"U.S. delivery record: {record.score} of 100, over "
                f"{count(record.counted, 'U.S. input')} due"
            )
        )
        named = {u.id for u, _ in record.abandoned}
        found.extend(
            Finding(f"{us_input_record(u)}: overdue since {format_date(u.due)}", US_INPUT, u.id)
            for u in record.overdue
            if u.id not in named
        )
    return tuple(found)


# Each rule returns the records that raise its flag; none when the plan passes it.
RULES: dict[str, Callable[[Evidence], Findings]] = {
    method.NO_COSTLY_DELIVERABLE: _no_costly_deliverable,
    method.UNVERIFIABLE_DELIVERABLE: _unverifiable_deliverable,
    method.UNMATCHED_US_INPUT: _unmatched_us_input,
    method.US_INPUT_AHEAD_OF_PARTNER: _us_input_ahead_of_partner,
    method.EQUIPMENT_WITHOUT_SUSTAINMENT: _equipment_without_sustainment,
    method.EARLY_REFORM: _early_reform,
    method.CONDITIONS_EXCEED_CAPACITY: _conditions_exceed_capacity,
    method.RHETORICAL_COMMITMENT: _rhetorical_commitment,
    method.SLIPPING_TIMELINE: _slipping_timeline,
    method.ABANDONMENT_RISK: _abandonment_risk,
}


def flags(ev: Evidence) -> tuple[Flag, ...]:
    """Raised flags, in the order of method.FLAG_RULES."""
    raised = []
    for code, rule in method.FLAG_RULES.items():
        findings = RULES[code](ev)
        if findings:
            raised.append(
                Flag(
                    rule=code,
                    title=rule.title,
                    rule_text=rule.rule_text,
                    records=tuple(f.record for f in findings),
                    action=rule.action,
                    severity=rule.severity,
                )
            )
    return tuple(raised)
