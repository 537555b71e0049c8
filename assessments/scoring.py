"""Commitment assessment: the pure scoring core (method version 4).

`assess(inputs)` applies the method documented in `assessments.method` to one plan on one
date and returns every figure with the plain-English reason for it. No Django and no I/O:
the caller builds the inputs from its records and stores `to_dict()` of inputs and result.
The parts: inputs (assessments.inputs), figures (assessments.figures), flags
(assessments.flags), the U.S. delivery record (assessments.us_record), the stored result
(assessments.results); the plan checks for the guided form are
assessments.plan_checks.plan_checks.
"""

from assessments import figures, flags, method
from assessments.inputs import AssessmentInputs, Deliverable, PlannerRatings, Rating, USInput
from assessments.results import CommitmentResult, Flag

__all__ = [
    "AssessmentInputs",
    "CommitmentResult",
    "Deliverable",
    "Flag",
    "PlannerRatings",
    "Rating",
    "USInput",
    "assess",
]


def assess(inputs: AssessmentInputs) -> CommitmentResult:
    """Apply the commitment assessment method to one plan on one date."""
    as_of = inputs.as_of
    ev = flags.evidence(inputs)
    shown = ev.demonstrated
    record = figures.delivery_record(inputs.deliverables, as_of)
    accepted = figures.risk_accepted(inputs.deliverables, as_of)
    physical = inputs.ratings.physical_risk.score
    quadrant = figures.quadrant(physical, accepted.highest, shown)
    return CommitmentResult(
        as_of=as_of,
        method_version=method.METHOD_VERSION,
        demonstrated=shown.score,
        demonstrated_state=shown.state,
        demonstrated_explanation=shown.explanation,
        due_count=shown.counted,
        delivered_count=shown.delivered,
        partial_count=shown.partial,
        delivery_record=record.score,
        delivery_record_state=record.state,
        delivery_record_explanation="Reliability, not commitment: " + record.explanation,
        delivery_due_count=record.counted,
        us_delivery_record=ev.us_record.score,
        us_delivery_record_state=ev.us_record.state,
        us_delivery_record_explanation=ev.us_record.explanation,
        us_due_count=ev.us_record.counted,
        us_overdue_count=len(ev.us_record.overdue),
        us_held_back_count=ev.us_record.held_back,
        risk_accepted_points=accepted.points,
        highest_risk_accepted=accepted.highest,
        risk_accepted_explanation=accepted.explanation,
        stated_willingness=ev.stated,
        absorptive_capacity=None if ev.capacity is None else float(ev.capacity),
        gap=ev.gap,
        gap_explanation=figures.gap(ev.stated, shown).explanation,
        physical_risk=physical,
        quadrant=quadrant.code,
        quadrant_label=quadrant.label,
        quadrant_explanation=quadrant.explanation,
        flags=flags.flags(ev),
    )
