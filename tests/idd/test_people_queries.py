"""People are named with their profile (rank) at no cost per person: pages and the
snapshot that list many people load the profiles with them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from idd.document.snapshot import load, snapshot
from idd.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


def ranked_planner():
    user = factories.planner(first_name="Ana", last_name="Diaz")  # a name, so a rank
    Profile.objects.update_or_create(
        user=user, defaults={"rank_or_grade": "CPT", "office_symbol": "J5-SC"}
    )
    return user


def test_the_snapshot_names_any_number_of_team_members_in_the_same_queries(owner):
    Profile.objects.update_or_create(user=owner, defaults={"rank_or_grade": "MAJ"})
    initiative = factories.InitiativeFactory(owner=owner, team_members=[ranked_planner()])

    def queries() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            team = snapshot(load(initiative.pk))["meta"]["team"]
        return len(captured), team

    few, team = queries()
    assert team[0].startswith("CPT ")
    initiative.team_members.add(*(ranked_planner() for _ in range(4)))
    many, team = queries()
    assert many == few and len(team) == 5 and all(name.startswith("CPT ") for name in team)


def test_the_basics_step_lists_planners_with_their_rank_in_the_same_queries(client, owner):
    initiative = factories.InitiativeFactory(owner=owner)
    ranked_planner()
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "basics"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        assert "CPT " in page
        return len(captured)

    few = queries()
    for _ in range(4):
        ranked_planner()
    assert queries() == few
