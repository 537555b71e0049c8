"""The demo's maritime initiative reaches the reviewers through the real workflow."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from idd.models import Initiative, Route
from idd.reference.choices import InitiativeStatus as S
from idd.services import review, route_screens

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
