"""The roles, as Django groups created by data migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import ObjectDoesNotExist

if TYPE_CHECKING:
    from idd.models import Profile

PLANNER = "Planner"
REVIEWER = "Reviewer"
ADMINISTRATOR = "Administrator"
# Staffing routes (idd.models.staffing): an action officer who concurs or non-concurs for
# the office they belong to, and the person who approves at the end of a route.
COORDINATOR = "Coordinator"
APPROVAL_AUTHORITY = "Approval authority"
ALL_ROLES = (PLANNER, REVIEWER, ADMINISTRATOR, COORDINATOR, APPROVAL_AUTHORITY)
# As an organization's administrator sets them (idd.services.people), in the order offered.
ROLES_OFFERED = (PLANNER, REVIEWER, COORDINATOR, APPROVAL_AUTHORITY, ADMINISTRATOR)

User = AbstractUser | AnonymousUser  # who makes a request, signed in or not
NOT_FOUND = "There is no such initiative."


def has_role(user: User, role: str) -> bool:
    if not user.is_authenticated:
        return False
    # Group names are cached on the user object for the request: one query, not one per check.
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    return role in user._role_names or (role == ADMINISTRATOR and user.is_superuser)  # type: ignore[attr-defined]


def is_planner(user: User) -> bool:
    return has_role(user, PLANNER)


def is_reviewer(user: User) -> bool:
    return has_role(user, REVIEWER)


def is_administrator(user: User) -> bool:
    """The one rule for what only administrators do in the product (deciding on unit
    requests): the Administrator role, or a superuser."""
    return has_role(user, ADMINISTRATOR)


def has_any_role(user: User) -> bool:
    return any(has_role(user, role) for role in ALL_ROLES)


def profile_of(user: AbstractUser | None) -> Profile | None:
    """The user's profile, or None while they have none (never an error). Load lists of
    people with select_related("profile") so this costs no query per person."""
    if user is None or not user.pk:
        return None
    try:
        return user.profile  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


def display_name(user: AbstractUser | None, *, nobody: str = "") -> str:
    """How people are named on screens, e-mails and the printed IDD: rank and name
    ("MAJ Dana Ortiz"), or the username while they have given no name."""
    if user is None:
        return nobody
    name = user.get_full_name()
    if not name:
        return user.get_username()
    profile = profile_of(user)
    rank = profile.rank_or_grade if profile else ""
    return f"{rank} {name}" if rank else name


def name_with_office(user: AbstractUser | None, *, nobody: str = "") -> str:
    """The fuller form for a review page or a decision: "MAJ Dana Ortiz, Security
    Cooperation Planner, J5-SC" (the parts they have filled in)."""
    if user is None:
        return nobody
    profile = profile_of(user)
    parts = [display_name(user)]
    if profile:
        parts += [part for part in (profile.job_title, profile.office_symbol) if part]
    return ", ".join(parts)
