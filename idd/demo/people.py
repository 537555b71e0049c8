"""The demo's users, one of each role, with the passwords the README lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, User

from idd import roles


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    name: str


DEMO_USERS = (
    DemoUser("planner", "planner-demo-2026", roles.PLANNER, "Dana Ortiz"),
    DemoUser("teammate", "teammate-demo-2026", roles.PLANNER, "Sam Whitfield"),
    DemoUser("reviewer", "reviewer-demo-2026", roles.REVIEWER, "Col. Morgan Hale"),
    DemoUser("admin", "admin-demo-2026", roles.ADMINISTRATOR, "Alex Reyes"),
)


def demo_user(spec: DemoUser) -> User:
    """The user of this spec, created with its password and role the first time."""
    first, _, last = spec.name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=spec.username,
        defaults={"first_name": first, "last_name": last, "email": f"{spec.username}@example.mil"},
    )
    if created:
        user.set_password(spec.password)
        user.is_staff = spec.role == roles.ADMINISTRATOR
        user.is_superuser = spec.role == roles.ADMINISTRATOR
        user.save()
    # get_or_create: the groups come from a data migration, but a flushed test database lacks them.
    user.groups.add(Group.objects.get_or_create(name=spec.role)[0])
    return user
