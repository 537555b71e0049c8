"""Filters of the portfolio page: who sees it, how its stored figures read, its sorting."""

from __future__ import annotations

from datetime import date

from django import template

from assessments import method
from assessments.fiscal import format_date
from idd.reference import roles
from idd.services import portfolio as service

register = template.Library()


@register.filter
def reads_portfolio(user: roles.User) -> bool:
    """Planners, reviewers and administrators (anyone who reads initiatives)."""
    return roles.has_any_role(user)


@register.filter
def demonstrated(row: dict) -> str:
    """The demonstrated commitment, or why it is not a number."""
    if row["summary__demonstrated"] is not None:
        return str(row["summary__demonstrated"])
    return service.state_label(
        {
            "as_of": row["summary__as_of"],
            **{"demonstrated_state": row["summary__demonstrated_state"]},
        }
    )


@register.filter
def or_dash(value: object) -> str:
    """A figure, or an en dash where there is none (unrated, nothing due, nothing delivered)."""
    return "–" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


@register.filter
def flag_titles(codes: str | None) -> list[str]:
    return service.flag_titles(codes)


@register.filter
def status_label(value: str) -> str:
    return service.STATUS_LABELS.get(value, value)


@register.filter
def quadrant_label(code: str | None) -> str:
    return method.QUADRANT_LABELS.get(code or "", method.UNPLACED_LABEL)


@register.filter
def day(value: date | None) -> str:
    return format_date(value) if value else "Never"


@register.simple_tag
def next_sort(column: service.Column, sort: service.Sort) -> str:
    """The ?sort= value of a column's header link: the sorted column flips its direction;
    another starts with the highest figure first, or A to Z for text."""
    if sort.column == column:
        return column.key if sort.descending else f"-{column.key}"
    return f"-{column.key}" if column.numeric else column.key
