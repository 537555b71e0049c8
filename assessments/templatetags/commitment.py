"""Template tags that turn the snapshot's commitment data into what the templates draw."""

from typing import Any

from django import template

from assessments import plan_checks, presentation, swimlane
from assessments.inputs import AssessmentInputs

register = template.Library()


@register.simple_tag
def commitment_view(
    commitment: dict[str, Any], name: str = presentation.CURRENT
) -> presentation.CommitmentView:
    """{% commitment_view doc.commitment as view %}: figures, flags, ratings, charts."""
    return presentation.commitment_view(commitment, name)


@register.simple_tag
def commitment_headline(result: dict[str, Any]) -> presentation.Headline:
    """{% commitment_headline doc.commitment.result as shares %}: demonstrated commitment
    and the delivery record, in the words of the result's method version."""
    return presentation.headline(result)


@register.simple_tag
def commitment_method() -> dict[str, Any]:
    """{% commitment_method as method %}: every weight and threshold, for the help text."""
    return presentation.method_facts()


@register.simple_tag
def commitment_swimlane(inputs: dict[str, Any]) -> swimlane.SwimlaneChart:
    """{% commitment_swimlane doc.commitment.inputs as chart %}: the timeline, for
    templates/assessments/swimlane_figure.html."""
    return swimlane.swimlane_chart(AssessmentInputs.from_dict(inputs))


@register.simple_tag
def row_plan_checks(
    checks: tuple[plan_checks.PlanFinding, ...], row_kind: str, row_id: int | None
) -> tuple[plan_checks.PlanFinding, ...]:
    """{% row_plan_checks checks "deliverable" form.instance.pk as found %}: one saved row's
    findings; a row not saved yet (no id) has none."""
    if row_id is None:
        return ()
    return plan_checks.findings_for(checks, row_kind, row_id)


@register.simple_tag
def whole_plan_checks(
    checks: tuple[plan_checks.PlanFinding, ...], step: str
) -> tuple[plan_checks.PlanFinding, ...]:
    """{% whole_plan_checks checks "deliverables" as found %}: the findings about the plan as
    a whole that belong on this guided-form step, for the top of the step."""
    return tuple(f for f in checks if f.step == step and f.row_kind is None)


@register.simple_tag
def row_checks_on_step(
    checks: tuple[plan_checks.PlanFinding, ...], step: str
) -> tuple[plan_checks.PlanFinding, ...]:
    """The findings about single rows on this step, to say at its top how many there are."""
    return tuple(f for f in checks if f.step == step and f.row_kind is not None)
