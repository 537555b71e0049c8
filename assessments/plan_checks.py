"""The plan checks: the flags about the plan as written, per row, for the guided form.

`plan_checks(inputs)` applies the plan rules of the method (those of method.FLAG_RULES with
a step) and says, for each row involved, what is wrong, so the deliverables and U.S.
inputs steps can show each finding next to its row as soon as the step is saved. A rule
about the plan as a whole (no costly deliverable; too many conditions in a year) gives
one finding with no row, shown at the top of its step.
"""

from dataclasses import dataclass

from assessments import method
from assessments.flags import RULES, evidence
from assessments.inputs import AssessmentInputs


@dataclass(frozen=True)
class PlanFinding:
    rule: str  # a key of method.FLAG_RULES
    step: str  # method.DELIVERABLES_STEP or method.US_INPUTS_STEP
    row_kind: str | None  # flags.DELIVERABLE or flags.US_INPUT; None: the plan as a whole
    row_id: int | None  # the row's id (the database pk the inputs were built with)
    title: str  # the rule's title, e.g. "Deliverable cannot be verified"
    message: str  # what is wrong here, in the planner's words
    action: str  # what to do about it
    severity: str  # method.WARNING or method.INFO


def plan_checks(inputs: AssessmentInputs) -> tuple[PlanFinding, ...]:
    """Every plan check raised by these inputs, in the order of method.FLAG_RULES; rows in
    the order of the plan. Canceled deliverables are no longer part of the plan."""
    ev = evidence(inputs)
    found = []
    for code, rule in method.FLAG_RULES.items():
        if rule.step is None:
            continue
        findings = RULES[code](ev)
        whole = [f.record for f in findings if f.row_id is None]
        if whole:
            message = rule.rule_text if code == method.NO_COSTLY_DELIVERABLE else "; ".join(whole)
            found.append(
                PlanFinding(
                    code, rule.step, None, None, rule.title, message, rule.action, rule.severity
                )
            )
        found.extend(
            PlanFinding(
                code,
                rule.step,
                f.row_kind,
                f.row_id,
                rule.title,
                f.detail or f.record,
                rule.action,
                rule.severity,
            )
            for f in findings
            if f.row_id is not None
        )
    return tuple(found)


def findings_for(
    found: tuple[PlanFinding, ...], row_kind: str, row_id: int
) -> tuple[PlanFinding, ...]:
    """The findings next to one row, e.g. findings_for(checks, flags.DELIVERABLE, row.pk)."""
    return tuple(f for f in found if f.row_kind == row_kind and f.row_id == row_id)
