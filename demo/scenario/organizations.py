"""The demo's organizations (issue 27): U.S. Africa Command and its directorates, a
security cooperation office, U.S. European Command's planners, DSCA and its regional
directorate. Each organization is
named by its path of names from the top."""

from __future__ import annotations

from django.contrib.auth.models import User

from idd.models import Organization
from idd.models.organization import organization_of

AFRICOM = "U.S. Africa Command"
EUCOM = "U.S. European Command"
DSCA = "Defense Security Cooperation Agency"
AFRICOM_J5_SC = (AFRICOM, "J5", "J5-SC")
EUCOM_J5_SC = (EUCOM, "J5", "J5-SC")
# DSCA's office that coordinates a command's forwarded IDD before DSCA's approval authority.
DSCA_REGIONAL = (DSCA, "Regional Execution Directorate")
TREE = (
    AFRICOM_J5_SC,
    (AFRICOM, "J4"),
    (AFRICOM, "J8"),
    (AFRICOM, "SJA"),
    (AFRICOM, "POLAD"),
    (AFRICOM, "Office of Security Cooperation Kestrela"),
    EUCOM_J5_SC,
    DSCA_REGIONAL,
)


def organization(names: tuple[str, ...]) -> Organization:
    """The organization at this path of names, added (with those above it) if missing."""
    found = None
    for name in names:
        here = Organization.objects.filter(parent=found, name=name).first()
        found = here or Organization.add(name, found)
    assert found is not None
    return found


def seed_tree() -> None:
    for names in TREE:
        organization(names)


def home_of(user: User) -> Organization:
    """Where the user's initiatives belong: their organization, else AFRICOM's J5-SC."""
    return organization_of(user) or organization(AFRICOM_J5_SC)
