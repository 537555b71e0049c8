"""Who may act on a route now (issue 27 follow-up): one rule, `access.offices_to_decide`
and `access.may_approve`, which "Awaiting my office", the route panel and the services all
ask. An approval is listed only to a person who may approve; a coordinator of the approving
office reads that it awaits approval and never gets a button that would be refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from idd.models import Initiative, Route
from idd.models.access import may_approve, offices_to_decide
from idd.reference import roles
from idd.services import route_screens, staffing
from idd.services.review import RefusedTransition
from tests import factories
from tests.staffing.conftest import person

pytestmark = pytest.mark.django_db


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


@pytest.fixture
def awaiting_approval(command) -> Route:
    """Every office concurred: the route awaits the J5 director."""
    c = command
    staffing.submit(c.initiative, c.planner)
    for officer, office in ((c.j4_officer, c.j4), (c.j8_officer, c.j8), (c.sja_officer, c.sja)):
        route = Route.objects.get()
        staffing.decide(fresh(c.initiative), officer, office, "concur", round_=route.round)
    return Route.objects.get()


def office_section(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("dashboard")).content.decode()
    return html.split('id="awaiting-my-office"')[1].split("</section>")[0]


def test_an_approval_is_awaiting_only_for_who_may_approve(client, command, awaiting_approval):
    c = command
    # A coordinator of J5, the approving office: it reads the IDD, but approves nothing.
    j5_officer = person("j5ao", roles.COORDINATOR, c.j5)
    assert not may_approve(j5_officer, awaiting_approval)
    assert route_screens.awaiting_office(j5_officer) == []
    assert "Nothing is waiting for your office." in office_section(client, j5_officer)
    # The director is told, on the dashboard and by the panel's button.
    assert may_approve(c.director, awaiting_approval)
    assert "Your approval (J5)" in office_section(client, c.director)
    client.force_login(j5_officer)
    page = client.get(reverse("initiative_review", args=[c.initiative.pk])).content.decode()
    route_panel = page.split('id="route"')[1].split("</section>")[0]
    assert "the approval authority of J5 approves" in route_panel  # read as information
    assert "Approve…" not in route_panel


def test_an_approval_authority_on_the_team_is_not_asked_to_approve(command, awaiting_approval):
    c = command
    deputy = person("deputy", roles.APPROVAL_AUTHORITY, c.j5)
    c.initiative.team_members.add(deputy)
    assert not may_approve(deputy, awaiting_approval)
    assert route_screens.awaiting_office(deputy) == []
    with pytest.raises(RefusedTransition, match="not on the IDD's team"):
        staffing.approve(fresh(c.initiative), deputy)


def test_an_office_is_listed_to_its_coordinator_only_while_they_may_decide(command):
    c = command
    staffing.submit(c.initiative, c.planner)
    route = Route.objects.get()
    # A coordinator of J8 on the IDD's team: J8 waits, not on them (nobody reviews their own).
    j8_teammate = person("j8team", roles.COORDINATOR, c.j8)
    c.initiative.team_members.add(j8_teammate)
    assert offices_to_decide(j8_teammate, route) == []
    assert route_screens.awaiting_office(j8_teammate) == []
    assert [o.name for o in offices_to_decide(c.j8_officer, route)] == ["J8"]
    assert [i["initiative"] for i in route_screens.awaiting_office(c.j8_officer)] == [c.initiative]


def test_the_administrators_dashboard_says_a_route_waits_on_nobody(client, command):
    """The route panel warns when nobody can act for the office in hand; so does the
    dashboard of the administrators of the IDD's organization."""
    c = command
    africom_admin = person("admin", roles.ADMINISTRATOR, c.africom)
    staffing.submit(c.initiative, c.planner)
    client.force_login(africom_admin)
    assert "Routes waiting on nobody" not in client.get(reverse("dashboard")).content.decode()
    c.j8_officer.is_active = False  # left J8: nobody acts for it now
    c.j8_officer.save()
    html = client.get(reverse("dashboard")).content.decode()
    section = html.split('id="waiting-on-nobody"')[1].split("</section>")[0]
    assert "Kestrela coastal patrol" in section
    assert "Stage 1 waits on a coordinator of" in section
    assert reverse("organization_page", args=[c.j8.pk]) in section
    # Another organization's administrator (DSCA's) is not told of the command's route.
    dsca_admin = person("dscaadmin", roles.ADMINISTRATOR, c.dsca)
    assert route_screens.waiting_on_nobody(dsca_admin) == []


def test_routes_waiting_on_nobody_cost_the_same_queries_however_many(client, command):
    c = command
    africom_admin = person("admin", roles.ADMINISTRATOR, c.africom)
    c.j8_officer.is_active = False
    c.j8_officer.save()
    client.force_login(africom_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("dashboard")).status_code == 200
        return len(captured)

    staffing.submit(c.initiative, c.planner)
    one = queries()
    for n in range(3):
        more = factories.complete_initiative(owner=c.planner, title=f"Another IDD {n}")
        staffing.submit(more, c.planner)
    assert len(route_screens.waiting_on_nobody(africom_admin)) == 4
    assert queries() == one
