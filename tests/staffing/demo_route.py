"""The demo's coastal patrol IDD is halfway along AFRICOM's staffing route: tests that need
it approved take it to the end, as its offices and the J5 director would."""

from django.contrib.auth.models import User

from idd.models import Initiative, Organization, Route
from idd.services import staffing

STILL_TO_CONCUR = (("j8", "J8"), ("sja", "SJA"), ("polad", "POLAD"))
APPROVER = "Brig Gen Taylor Brandt"  # the demo's J5 director, as printed


def approve_on_the_route(initiative: Initiative, remarks: str = "Ready for DSCA.") -> None:
    for username, office in STILL_TO_CONCUR:
        route = Route.objects.get(initiative=initiative, forwarded=False)
        staffing.decide(
            initiative,
            User.objects.get(username=username),
            Organization.objects.get(name=office),
            "concur",
            round_=route.round,
        )
    staffing.approve(initiative, User.objects.get(username="director"), remarks)
    initiative.refresh_from_db()
