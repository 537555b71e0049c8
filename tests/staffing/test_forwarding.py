"""Forwarding to DSCA is the next step after the command's approval (issue 27 follow-up):
said in the approval message, offered at the top of the route panel, on the initiative page
and on the dashboards of those who may (its planners, the approval authority who approved
it); where it is not available, its team reads why."""

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from idd.models import Initiative, Route, RouteTemplate
from idd.models.access import may
from idd.reference import roles
from idd.services import route_screens, staffing
from tests.staffing.conftest import person

pytestmark = pytest.mark.django_db


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


def approve(client, c) -> str:
    """The command's route to its end, the director approving on the page; the message."""
    staffing.submit(c.initiative, c.planner)
    for officer, office in ((c.j4_officer, c.j4), (c.j8_officer, c.j8), (c.sja_officer, c.sja)):
        route = Route.objects.get()
        staffing.decide(fresh(c.initiative), officer, office, "concur", round_=route.round)
    client.force_login(c.director)
    response = client.post(
        reverse("route_approve", args=[c.initiative.pk]),
        {"route-approval-remarks": "Good."},
        follow=True,
    )
    return response.content.decode()


def page(client, user, name, initiative) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def route_panel(html: str) -> str:
    return html.split('id="route"')[1].split("</section>")[0]


def test_after_approval_forwarding_is_offered_first_to_those_who_may(client, command):
    c = command
    message = approve(client, c)
    assert "Next step: “Forward to DSCA…”, at the top of the staffing route." in message
    for user in (c.planner, c.director):
        assert may(user, "forward", fresh(c.initiative))
        # At the top of the route panel, before the route's table.
        panel = route_panel(page(client, user, "initiative_review", c.initiative))
        assert panel.index("Forward to DSCA…") < panel.index("<table")
        assert "Forward to DSCA…" in page(client, user, "initiative_detail", c.initiative)
        client.force_login(user)
        dashboard = client.get(reverse("dashboard")).content.decode()
        assert "Approved: forward to DSCA" in dashboard
        assert reverse("route_forward", args=[c.initiative.pk]) in dashboard
    # A coordinator who concurred reads the IDD, and is offered nothing.
    assert not may(c.j4_officer, "forward", fresh(c.initiative))
    assert "Forward to DSCA" not in page(client, c.j4_officer, "initiative_detail", c.initiative)
    # The director forwards it.
    client.force_login(c.director)
    client.post(reverse("route_forward", args=[c.initiative.pk]), {"route": c.dsca_template.pk})
    forwarded = Route.objects.get(forwarded=True)
    assert forwarded.started_by == c.director
    # Then the team reads that it was forwarded, as a fact (not a refusal), and the
    # dashboard item is gone.
    today = dateformat.format(timezone.localdate(), "j M Y")
    panel = route_panel(page(client, c.planner, "initiative_review", c.initiative))
    assert "Forward to DSCA…" not in panel and "already forwarded" not in panel
    assert f"Forwarded to DSCA on {today}: its route is below." in panel
    detail = page(client, c.planner, "initiative_detail", c.initiative)
    assert f"Forwarded to DSCA on {today}. " in detail and "already forwarded" not in detail
    assert route_screens.to_forward(c.planner) == []
    assert route_screens.to_forward(c.director) == []
    # DSCA's office concurs; DSCA's approval authority approves, told for whom.
    staffing.decide(fresh(c.initiative), c.dsca_officer, c.dsca_sa, "concur", round_=1)
    client.force_login(c.dsca_director)
    approved = client.post(reverse("route_approve", args=[c.initiative.pk]), {}, follow=True)
    assert "Approved for DSCA: every office on its route concurred." in approved.content.decode()
    # Once approved there, the initiative page says so.
    detail = page(client, c.planner, "initiative_detail", c.initiative)
    assert f"Forwarded to DSCA on {today} and approved there on {today}." in detail


def test_another_offices_approval_authority_may_not_forward(client, command):
    c = command
    approve(client, c)
    j4_director = person("j4dir", roles.APPROVAL_AUTHORITY, c.j4)  # reads it: J4 coordinated
    assert may(j4_director, "read", fresh(c.initiative))
    assert not may(j4_director, "forward", fresh(c.initiative))
    assert route_screens.to_forward(j4_director) == []


def test_without_a_route_at_dsca_the_team_reads_why_it_cannot_be_forwarded(client, command):
    c = command
    RouteTemplate.objects.filter(pk=c.dsca_template.pk).update(is_default=False)
    message = approve(client, c)
    assert "Next step" not in message
    panel = route_panel(page(client, c.planner, "initiative_review", c.initiative))
    assert "No organization outside the command (DSCA) keeps a route" in panel
    assert route_screens.to_forward(c.planner) == []
