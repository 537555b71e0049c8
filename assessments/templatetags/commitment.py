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
def commitment_plan_checks(inputs: dict[str, Any]) -> tuple[plan_checks.PlanFinding, ...]:
    """{% commitment_plan_checks doc.commitment.inputs as checks %}: the plan checks."""
    return plan_checks.plan_checks(AssessmentInputs.from_dict(inputs))
