"""The demo's coastal patrol IDD is halfway along AFRICOM's staffing route: tests that need
it approved take it to the end, as its offices and the J5 director would."""

from django.contrib.auth.models import User

from idd.models import Initiative, Organization, Revision, Route
from idd.services import staffing

STILL_TO_CONCUR = (("j8", "J8"), ("sja", "SJA"), ("polad", "POLAD"))
APPROVER = "Brig Gen Taylor Brandt"  # the demo's J5 director, as printed


def director() -> User:
    return User.objects.get(username="director")


def concur_to_the_end(initiative: Initiative) -> Initiative:
    """Every office still to decide concurs: the route awaits the director's approval."""
    for username, office in STILL_TO_CONCUR:
        route = Route.objects.get(initiative=initiative, forwarded=False)
        staffing.decide(
            initiative,
            User.objects.get(username=username),
            Organization.objects.get(name=office),
            "concur",
            round_=route.round,
        )
    return initiative


def approve_on_the_route(initiative: Initiative, remarks: str = "Ready for DSCA.") -> Revision:
    concur_to_the_end(initiative)
    revision = staffing.approve(initiative, director(), remarks)
    initiative.refresh_from_db()
    assert revision is not None
    return revision
