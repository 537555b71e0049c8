"""Organizations: the tree people and initiatives belong to (issue 27, ADR 0025).

A combatant command and its directorates (U.S. Africa Command > J5 > J5-SC), a security
cooperation office, DSCA. Each organization stores its materialized `path` ("000001.
000004.", its ancestors' keys and its own): everything under an organization is one
indexed prefix match, whatever the depth, never a walk up or down the tree per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models, transaction

from config.fields import LineField

if TYPE_CHECKING:
    from idd.reference.roles import User

STEP = 6  # digits of each key in a path: a million organizations
PATH_LENGTH = 255  # forty levels deep


def step_of(pk: int) -> str:
    return f"{pk:0{STEP}d}."


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def within(self, organization: Organization) -> OrganizationQuerySet:
        """The organization and everything under it."""
        return self.filter(path__startswith=organization.path)


class Organization(models.Model):
    name = LineField(max_length=100, help_text="For example J5-SC or U.S. Africa Command.")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Written once, when the organization is added (`add`); renaming never changes it.
    path = models.CharField(max_length=PATH_LENGTH, unique=True, editable=False)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        indexes = [
            # LIKE 'prefix%' uses a btree index only with the pattern operator class.
            models.Index(
                fields=["path"], name="organization_path_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                name="organization_name_unique_among_siblings",
                violation_error_message="Another organization here already has this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def add(cls, name: str, parent: Organization | None = None) -> Organization:
        """A new organization under `parent` (a root without one), its path written."""
        with transaction.atomic():
            made = cls.objects.create(name=name, parent=parent, path=f"new-{name}"[:PATH_LENGTH])
            made.path = (parent.path if parent else "") + step_of(made.pk)
            cls.objects.filter(pk=made.pk).update(path=made.path)
        return made

    @property
    def depth(self) -> int:
        return self.path.count(".") - 1

    def contains(self, other: Organization) -> bool:
        """`other` is this organization or under it."""
        return other.path.startswith(self.path)

    def ancestor_keys(self) -> list[int]:
        return [int(step) for step in self.path.split(".") if step]

    def command(self) -> Organization:
        """The top of the tree it sits in: its command (or DSCA)."""
        return Organization.objects.get(pk=self.ancestor_keys()[0])

    def full_name(self) -> str:
        """ "U.S. Africa Command > J5 > J5-SC": one query, whatever the depth."""
        return full_names([self])[self.pk]


def full_names(organizations: Iterable[Organization]) -> dict[int, str]:
    """Each organization's full name by its key: one query for all their ancestors."""
    organizations = list(organizations)
    keys = {pk for o in organizations for pk in o.ancestor_keys()}
    names = dict(Organization.objects.filter(pk__in=keys).values_list("pk", "name"))
    return {
        o.pk: " > ".join(names[pk] for pk in o.ancestor_keys() if pk in names)
        for o in organizations
    }


def organization_of(user: User) -> Organization | None:
    """The organization a person belongs to (on their profile), or None. One query per
    request: kept on the user object like their role names."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_organization"):
        found = Organization.objects.filter(members__user_id=user.pk).first()
        user._organization = found  # type: ignore[attr-defined]
    known: Organization | None = user._organization  # type: ignore[attr-defined]
    return known
