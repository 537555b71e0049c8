"""Steps the staffing tests take on the command's route (tests/staffing/conftest.py)."""

from idd.models import Initiative, Route
from idd.services import staffing

REASON = "No budget line for fuel."


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


def decide(c, officer, office, outcome="concur", comment=""):
    """An office decides at the command's route's stage in hand."""
    route = Route.objects.get(initiative=c.initiative, forwarded=False)
    staffing.decide(fresh(c.initiative), officer, office, outcome, comment, round_=route.round)


def resubmit(c):
    """The planners change the sustainment plan and resubmit."""
    initiative = fresh(c.initiative)
    initiative.sustainment_plan += " The navy budgets fuel from FY2028."
    initiative.save()
    staffing.resubmit(fresh(c.initiative), c.planner)
