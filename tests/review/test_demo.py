"""The demo's maritime initiative reaches the reviewers through the real workflow."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from idd.models import Initiative, Route
from idd.models.organization import organization_of
from idd.reference.choices import InitiativeStatus as S
from idd.services import review, route_screens, staffing
from tests.staffing.demo_route import approve_on_the_route

pytestmark = pytest.mark.django_db


def test_the_planner_submitted_the_maritime_initiative_and_seeding_again_changes_nothing():
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    # Returned by the reviewer, resubmitted onto the command's staffing route (issue 27).
    assert maritime.status == S.IN_REVIEW
    submissions = maritime.history.filter(history_change_reason=review.change_reason("submit"))
    assert [h.history_user.username for h in submissions] == ["planner"]
    reviewer = User.objects.get(username="reviewer")
    assert list(review.awaiting_review(reviewer)) == []


def test_the_demo_route_is_halfway_j4_concurred_j8_overdue_sja_pending():
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    route = Route.objects.get(initiative__title="Kestrela coastal patrol capability")
    assert [d.office.name for d in route.decisions.all()] == ["J4"]
    assert [o.name for o in route.pending_offices()] == ["J8", "SJA"]
    assert route_screens.is_overdue(route.suspense)
    j8 = User.objects.get(username="j8")
    assert [item["initiative"] for item in route_screens.awaiting_office(j8)] == [route.initiative]


def test_the_demo_idd_travels_from_the_j5_director_to_dscas_approval():
    """DSCA's route in the demo: its regional directorate coordinates, then DSCA's approval
    authority approves; each step is awaited by the one person who may take it."""
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    approve_on_the_route(maritime)
    director, dsca, dsca_director = (
        User.objects.get(username=name) for name in ("director", "dsca", "dscadirector")
    )
    assert route_screens.to_forward(director) == [maritime]
    forwarded = staffing.forward(maritime, director)
    assert [s.offices.get().organization.name for s in forwarded.template.stages.all()] == [
        "Regional Execution Directorate"
    ]
    assert [i["initiative"] for i in route_screens.awaiting_office(dsca)] == [maritime]
    assert route_screens.awaiting_office(dsca_director) == []  # not its turn yet
    staffing.decide(maritime, dsca, organization_of(dsca), "concur", round_=forwarded.round)
    assert route_screens.awaiting_office(dsca) == []  # the coordinator approves nothing
    assert [i["approval"] for i in route_screens.awaiting_office(dsca_director)] == [True]
    staffing.approve(Initiative.objects.get(pk=maritime.pk), dsca_director)
    assert Route.objects.get(pk=forwarded.pk).status == Route.Status.APPROVED
