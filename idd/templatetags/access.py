"""What the access policy (idd.models.access) lets a person see in the navigation."""

from django import template

from idd.reference import roles

register = template.Library()


@register.filter
def manages_organizations(user: roles.User) -> bool:
    return roles.has_role(user, roles.ADMINISTRATOR)
