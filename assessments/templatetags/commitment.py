"""Template tags that turn the snapshot's commitment data into what the templates draw."""

from typing import Any

from django import template

from assessments import presentation

register = template.Library()


@register.simple_tag
def commitment_view(commitment: dict[str, Any], name: str = presentation.CURRENT):
    """{% commitment_view doc.commitment as view %}: figures, flags, ratings, charts."""
    return presentation.commitment_view(commitment, name)


@register.simple_tag
def commitment_method() -> dict[str, Any]:
    """{% commitment_method as method %}: every weight and threshold, for the help text."""
    return presentation.method_facts()
