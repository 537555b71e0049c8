"""Managing the organization tree (issue 27): an administrator adds and renames the
organizations of their own subtree (a superuser, any), each change in the security audit
log. Who may is `idd.models.access.may_manage`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest

from idd.models import Organization
from idd.models.access import managed_by, manages_all, may_manage
from idd.reference import roles
from idd.services import audit

NOT_AN_ADMINISTRATOR = "Only administrators manage organizations."
NO_SUCH = "There is no such organization among those you manage."


def managed_tree(user: roles.User) -> list[Organization]:
    """The organizations this administrator manages, in tree order (one query; each has
    `depth`), with how many people belong to each. PermissionDenied for others."""
    if manages_all(user):
        found = Organization.objects.all()
    elif (top := managed_by(user)) is not None:
        found = Organization.objects.within(top)
    else:
        raise PermissionDenied(NOT_AN_ADMINISTRATOR)
    return sorted(found, key=lambda o: o.path)


def managed(user: roles.User, pk: int) -> Organization:
    """One organization this administrator manages; 404 if it is outside what they do."""
    if not roles.has_role(user, roles.ADMINISTRATOR):
        raise PermissionDenied(NOT_AN_ADMINISTRATOR)
    found = Organization.objects.filter(pk=pk).first()
    if found is None or not may_manage(user, found):
        raise Http404(NO_SUCH)
    return found


def members(organization: Organization) -> list[tuple]:
    """The people who belong to it, each with the roles they hold (two queries)."""
    found = organization.members.select_related("user").prefetch_related("user__groups")
    return [
        (p.user, [r for r in roles.ROLES_OFFERED if r in {g.name for g in p.user.groups.all()}])
        for p in found.order_by("user__last_name", "user__username")
    ]


@transaction.atomic
def add(request: HttpRequest, parent: Organization, name: str) -> Organization:
    made = Organization.add(name, parent)
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=made,
        action="organization added",
        under=parent.full_name(),
    )
    return made


@transaction.atomic
def rename(request: HttpRequest, organization: Organization, name: str) -> Organization:
    before = organization.name
    Organization.objects.filter(pk=organization.pk).update(name=name)
    organization.name = name
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=organization,
        action="organization renamed",
        changed={"name": [before, name]},
    )
    return organization
