"""The dashboards of the offices on a route cost the same queries however many IDDs are
on routes: "Awaiting my office" is read in a fixed number of queries, not one per route."""

from django.urls import reverse

from idd.models import Route
from idd.services import staffing
from tests import factories


def _on_the_route(command, count: int) -> None:
    for _ in range(count):
        staffing.submit(factories.complete_initiative(owner=command.planner), command.planner)


def _awaiting_approval(command, count: int) -> None:
    for _ in range(count):
        initiative = factories.complete_initiative(owner=command.planner)
        staffing.submit(initiative, command.planner)
        for stage_officers in (
            ((command.j4_officer, command.j4), (command.j8_officer, command.j8)),
            ((command.sja_officer, command.sja),),
        ):
            for officer, office in stage_officers:
                route = Route.objects.get(initiative=initiative)
                staffing.decide(initiative, officer, office, "concur", round_=route.round)


def _dashboard_queries(client, user, django_assert_max_num_queries) -> int:
    client.force_login(user)
    with django_assert_max_num_queries(80) as captured:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_a_coordinators_dashboard_costs_the_same_queries_as_routes_grow(
    client, command, django_assert_max_num_queries
):
    _on_the_route(command, 2)
    few = _dashboard_queries(client, command.j4_officer, django_assert_max_num_queries)
    _on_the_route(command, 6)
    assert _dashboard_queries(client, command.j4_officer, django_assert_max_num_queries) == few
    page = client.get(reverse("dashboard")).content.decode()
    assert page.count("Awaiting my office") >= 1


def test_an_approval_authoritys_dashboard_costs_the_same_queries_as_routes_grow(
    client, command, django_assert_max_num_queries
):
    _awaiting_approval(command, 1)
    few = _dashboard_queries(client, command.director, django_assert_max_num_queries)
    _awaiting_approval(command, 4)
    assert _dashboard_queries(client, command.director, django_assert_max_num_queries) == few
