"""The demo's staffing routes (issue 27): U.S. Africa Command staffs its IDDs through J4,
J8 and SJA in parallel, then POLAD, and its J5 director approves; DSCA keeps a route of its
own for what the command forwards: its Regional Execution Directorate coordinates, then
DSCA's approval authority approves. The coastal patrol IDD is halfway through stage 1: J4
concurred, J8 is pending and overdue, SJA pending."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import User
from django.utils import timezone

from demo.scenario.organizations import AFRICOM, DSCA, DSCA_REGIONAL, organization
from idd.models import Initiative, OfficeDecision, Route, RouteStage, RouteTemplate, StageOffice
from idd.services import staffing

COMMAND_ROUTE = "AFRICOM staffing"
DSCA_ROUTE = "DSCA review"
# Calendar days since the resubmission started stage 1: past its five-working-day suspense.
DAYS_ON_STAGE = 9


def seed_routes() -> None:
    """The command's default route and DSCA's, once."""
    j4, j8, sja, polad = (organization((AFRICOM, name)) for name in ("J4", "J8", "SJA", "POLAD"))
    _route(
        organization((AFRICOM,)),
        COMMAND_ROUTE,
        organization((AFRICOM, "J5")),
        (("Directorates", 5, (j4, j8, sja)), ("Political advisor", 3, (polad,))),
    )
    dsca = organization((DSCA,))
    _route(dsca, DSCA_ROUTE, dsca, (("Regional directorate", 10, (organization(DSCA_REGIONAL),)),))


def _route(owner, name, authority, stages) -> None:
    """The route, once; a demo seeded before keeps its route unless no IDD travelled it
    yet (then its stages are laid again, as this version of the demo has them)."""
    template = RouteTemplate.objects.filter(organization=owner, name=name).first()
    if template is not None and template.in_use:
        return
    if template is None:
        template = RouteTemplate.objects.create(
            organization=owner, name=name, is_default=True, approval_authority=authority
        )
    template.stages.all().delete()
    for position, (stage_name, days, offices) in enumerate(stages, start=1):
        stage = RouteStage.objects.create(
            template=template, position=position, name=stage_name, suspense_days=days
        )
        StageOffice.objects.bulk_create(StageOffice(stage=stage, organization=o) for o in offices)


@contextmanager
def as_of(days_ago: int) -> Iterator[None]:
    """Seed what people did some days ago as done that day: every record the services
    write (submissions, which are written once, decisions, the route, History) says that
    day, so no decision is dated before the submission it was recorded against."""
    moment = timezone.now() - timedelta(days=days_ago)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def stage_halfway(initiative: Initiative, j4_officer: User) -> None:
    """J4 concurred a few days after the resubmission (demo.scenario.maritime, seeded
    DAYS_ON_STAGE days ago), which started the stage long enough ago to be overdue."""
    route = Route.objects.get(initiative=initiative)
    if route.decisions.exists():
        return
    with as_of(DAYS_ON_STAGE - 3):
        staffing.decide(
            initiative,
            j4_officer,
            organization((AFRICOM, "J4")),
            OfficeDecision.Outcome.CONCUR,
            round_=route.round,
        )
