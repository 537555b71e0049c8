"""Filters for the printable IDD: money and dates from the snapshot's plain strings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template

from assessments.fiscal import format_date
from idd.document import coordination, costs, section_333
from idd.document.shape import Document

register = template.Library()


@register.filter
def usd(value: str | int | Decimal | None) -> str:
    """Format "2400000" as "$2,400,000"; empty stays empty."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"${amount:,.0f}"


register.filter("submission_read", coordination.submission_read)
register.filter("coordination_tables", coordination.tables)
register.filter("reviewers", coordination.reviewers)
register.filter("approved_on_route", coordination.approved_on_route)
register.filter("forwarded_outcomes", coordination.forwarded_outcomes)


@register.filter
def iso_date(value: str | None) -> str:
    """An ISO date or timestamp from the snapshot as planners write it: "30 Sep 2027"."""
    if not value:
        return ""
    try:
        return format_date(datetime.fromisoformat(value).date())
    except ValueError:
        return value


@register.filter
def css_string(value: str) -> str:
    """Text for inside a double-quoted CSS string: quotes, backslashes and line breaks
    escaped, so the value can never end the string or the rule."""
    return "".join(
        f"\\{ord(char):x} " if char in '"\\<>' or ord(char) < 0x20 else char for char in str(value)
    )


@register.simple_tag
def us_cost(doc: Document) -> costs.USCost:
    """{% us_cost doc as cost %}: the U.S. inputs' cost by fiscal year and in total."""
    return costs.us_cost(doc)


@register.filter
def construction_inputs(us_inputs: list) -> list:
    """The U.S. inputs of the construction kind (idd.document.section_333)."""
    return [u for u in us_inputs if section_333.is_construction(u)]
