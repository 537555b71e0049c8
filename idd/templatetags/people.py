"""People named on pages as the product names them everywhere (`idd.reference.roles`)."""

from __future__ import annotations

from django import template

from idd.reference import roles

register = template.Library()


@register.filter
def person(user) -> str:
    """Rank and name: "COL Morgan Hale"."""
    return roles.display_name(user)


@register.filter
def person_with_office(user) -> str:
    """Rank, name, title and office: "COL Morgan Hale, Chief, SC Division, J5-SC"."""
    return roles.name_with_office(user)
