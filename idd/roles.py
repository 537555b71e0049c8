"""The three roles, as Django groups created by a data migration."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

PLANNER = "Planner"
REVIEWER = "Reviewer"
ADMINISTRATOR = "Administrator"
ALL_ROLES = (PLANNER, REVIEWER, ADMINISTRATOR)

User = AbstractBaseUser | AnonymousUser


def has_role(user: User, role: str) -> bool:
    if not user.is_authenticated:
        return False
    # Group names are cached on the user object for the request: one query, not one per check.
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))  # type: ignore[union-attr]
    return role in user._role_names or (role == ADMINISTRATOR and user.is_superuser)  # type: ignore[union-attr]


def is_planner(user: User) -> bool:
    return has_role(user, PLANNER)


def is_reviewer(user: User) -> bool:
    return has_role(user, REVIEWER)


def has_any_role(user: User) -> bool:
    return any(has_role(user, role) for role in ALL_ROLES)


def display_name(user, *, nobody: str = "") -> str:
    """How people are named on screens, e-mails and the printed IDD."""
    if user is None:
        return nobody
    return user.get_full_name() or user.get_username()
