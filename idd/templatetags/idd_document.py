"""Filters for the printable IDD: money and dates from the snapshot's plain strings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template

from assessments.fiscal import format_date

register = template.Library()


@register.filter
def usd(value: str | int | Decimal | None) -> str:
    """ "2400000" -> "$2,400,000"; empty stays empty."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"${amount:,.0f}"


@register.filter
def iso_date(value: str | None) -> str:
    """An ISO date or timestamp from the snapshot as planners write it: "30 Sep 2027"."""
    if not value:
        return ""
    try:
        return format_date(datetime.fromisoformat(value).date())
    except ValueError:
        return value
