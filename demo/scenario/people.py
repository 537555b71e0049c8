"""The demo's users, one of each role, with the passwords the README lists, and their
profiles (rank or grade, title, office) as the printed IDD names them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, User

from demo.scenario.organizations import (
    AFRICOM,
    AFRICOM_J5_SC,
    DSCA,
    DSCA_REGIONAL,
    EUCOM,
    EUCOM_J5_SC,
    organization,
)
from idd.models import Profile
from idd.reference import roles
from idd.services import password_rules
from idd.sign_in.passwords import changed_by_owner


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    name: str
    # rank or grade, title, office symbol, organization, phone
    profile: tuple[str, str, str, str, str] = ("", "", "", "", "")
    # The organization they belong to (its path of names): what they have a need to know.
    belongs_to: tuple[str, ...] = AFRICOM_J5_SC


DEMO_USERS = (
    DemoUser(
        "planner",
        "Planner-demo-2026",
        roles.PLANNER,
        "Dana Ortiz",
        ("MAJ", "Security Cooperation Planner", "J5-SC", AFRICOM, "DSN 314-421-4567"),
    ),
    DemoUser(
        "teammate",
        "Teammate-demo-2026",
        roles.PLANNER,
        "Sam Whitfield",
        ("GS-13", "Security Cooperation Analyst", "J5-SC", AFRICOM, "DSN 314-421-4580"),
    ),
    DemoUser(
        "reviewer",
        "Reviewer-demo-2026",
        roles.REVIEWER,
        "Morgan Hale",
        ("COL", "Chief, Security Cooperation Division", "J5-SC", AFRICOM, "DSN 314-421-4501"),
    ),
    DemoUser(
        "admin",
        "Admin-demo-2026",
        roles.ADMINISTRATOR,
        "Alex Reyes",
        ("GS-12", "IDD Workbench Administrator", "J6-K", AFRICOM, "DSN 314-421-4610"),
        belongs_to=(AFRICOM,),  # manages the command's whole tree
    ),
    # Another command's planner: their initiative is outside AFRICOM's need to know.
    DemoUser(
        "eucom",
        "Eucom-demo-2026",
        roles.PLANNER,
        "Kim Lindqvist",
        ("LTC", "Security Cooperation Planner", "J5-SC", EUCOM, "DSN 314-430-2210"),
        belongs_to=EUCOM_J5_SC,
    ),
    # Staffing (issue 27): the action officers who coordinate for their directorates, the
    # J5 director who approves at the end of the command's route.
    DemoUser(
        "j4",
        "J4-Officer-demo-2026",
        roles.COORDINATOR,
        "Chris Okafor",
        ("LTC", "Logistics Plans Officer", "J4", AFRICOM, "DSN 314-421-4720"),
        belongs_to=(AFRICOM, "J4"),
    ),
    DemoUser(
        "j8",
        "J8-Officer-demo-2026",
        roles.COORDINATOR,
        "Pat Lindgren",
        ("GS-13", "Resource Analyst", "J8", AFRICOM, "DSN 314-421-4810"),
        belongs_to=(AFRICOM, "J8"),
    ),
    DemoUser(
        "sja",
        "Sja-Officer-demo-2026",
        roles.COORDINATOR,
        "Rene Castillo",
        ("MAJ", "Operational Law Attorney", "SJA", AFRICOM, "DSN 314-421-4905"),
        belongs_to=(AFRICOM, "SJA"),
    ),
    DemoUser(
        "polad",
        "Polad-demo-2026",
        roles.COORDINATOR,
        "Jordan Mbeki",
        ("FS-01", "Deputy Political Advisor", "POLAD", AFRICOM, "DSN 314-421-4950"),
        belongs_to=(AFRICOM, "POLAD"),
    ),
    DemoUser(
        "director",
        "Director-demo-2026",
        roles.APPROVAL_AUTHORITY,
        "Taylor Brandt",
        ("Brig Gen", "Director, Strategy, Plans and Programs", "J5", AFRICOM, "DSN 314-421-4000"),
        belongs_to=(AFRICOM, "J5"),
    ),
    # DSCA, for IDDs the command forwards after approval: the regional directorate's
    # action officer coordinates, DSCA's approval authority approves.
    DemoUser(
        "dsca",
        "Dsca-Officer-demo-2026",
        roles.COORDINATOR,
        "Avery Nakamura",
        ("GS-14", "Country Program Director", "IOPS/REX", "DSCA", "703-697-9000"),
        belongs_to=DSCA_REGIONAL,
    ),
    DemoUser(
        "dscadirector",
        "Dsca-Director-demo-2026",
        roles.APPROVAL_AUTHORITY,
        "Robin Achebe",
        ("SES", "Director, International Operations", "IOPS", "DSCA", "703-697-9100"),
        belongs_to=(DSCA,),
    ),
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
        changed_by_owner(user)  # the published password is the demo user's own: not temporary
        user.is_staff = spec.role == roles.ADMINISTRATOR
        user.is_superuser = spec.role == roles.ADMINISTRATOR
        user.save()
    elif user.check_password(spec.password):
        password_rules.renew(user)  # a demo older than PASSWORD_MAX_AGE_DAYS: seed again
    rank, title, office, command, phone = spec.profile
    profile, _ = Profile.objects.get_or_create(
        user=user,
        defaults={
            "rank_or_grade": rank,
            "job_title": title,
            "office_symbol": office,
            "organization": command,
            "phone": phone,
        },
    )
    profile.member_of = organization(spec.belongs_to)
    profile.save(update_fields=["member_of"])
    # get_or_create: the groups come from a data migration, but a flushed test database lacks them.
    user.groups.add(Group.objects.get_or_create(name=spec.role)[0])
    return user
