"""The demo's maritime initiative reaches the reviewers through the real workflow."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from idd.models import Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import review

pytestmark = pytest.mark.django_db


def test_the_planner_submitted_the_maritime_initiative_and_seeding_again_changes_nothing():
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    assert maritime.status == S.SUBMITTED
    submissions = maritime.history.filter(history_change_reason=review.change_reason("submit"))
    assert [h.history_user.username for h in submissions] == ["planner"]
    reviewer = User.objects.get(username="reviewer")
    assert list(review.awaiting_review(reviewer)) == [maritime]
