"""When a U.S. input is given, against the partner deliverables it is gated on.

One answer for the timeline chart, its tables and the plan checks: the input's fiscal
quarter when the planner gave it, else its fiscal year alone. An input counts as given
before a deliverable when its year is earlier, or, both quarters known, when it falls in
the deliverable's quarter or an earlier one of the same year (the partner may deliver as
late as its quarter's last day). With the quarter unknown, the same year is not "before".
"""

from assessments import method
from assessments.fiscal import format_quarter
from assessments.inputs import AssessmentInputs, Deliverable, USInput


def input_when(u: USInput) -> str:
    """ "FY2027 Q4" when the quarter is known, else "FY2027"."""
    if u.fiscal_quarter is None:
        return f"FY{u.fiscal_year}"
    return format_quarter(u.fiscal_year, u.fiscal_quarter)


def provided_before(u: USInput, d: Deliverable) -> bool:
    """Whether the U.S. would give `u` before the partner's deliverable `d` is due."""
    if u.fiscal_year != d.fiscal_year or u.fiscal_quarter is None:
        return u.fiscal_year < d.fiscal_year
    return u.fiscal_quarter <= d.quarter


def first_gate_ahead(u: USInput, inputs: AssessmentInputs) -> Deliverable | None:
    """The first partner deliverable (still in the plan) the input is planned before, when
    the U.S. would give ahead of the partner; None when the partner acts first, has acted
    already on one of them, or the input is gated on nothing."""
    plan = {d.id: d for d in inputs.plan}
    gates = [plan[i] for i in u.matched_deliverable_ids if i in plan]
    if any(d.status_on(inputs.as_of) in method.RISK_TAKEN for d in gates):
        return None  # the partner has acted already, ahead of time
    first = min(gates, key=lambda d: (d.fiscal_year, d.quarter), default=None)
    if first is None or not provided_before(u, first):
        return None
    return first
