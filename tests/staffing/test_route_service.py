"""The staffing route through its services: two stages with parallel offices, a
non-concurrence returns the IDD, resubmission restarts that stage, the approval authority
freezes the revision, and forwarding makes it DSCA's to read (issue 27, items 4 and 6)."""

import pytest

from idd.models import Initiative, OfficeDecision, ReviewDecision, Revision, Route
from idd.models.access import offices_routed
from idd.reference.choices import InitiativeStatus as S
from idd.services import review, route_screens, staffing
from idd.services.review import RefusedTransition

pytestmark = pytest.mark.django_db
CONCUR = OfficeDecision.Outcome.CONCUR
WITH_COMMENT = OfficeDecision.Outcome.CONCUR_WITH_COMMENT
NON_CONCUR = OfficeDecision.Outcome.NON_CONCUR


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


def the_route(initiative) -> Route:
    return Route.objects.filter(initiative=initiative).latest("started_at")


def decide(c, officer, office, outcome=CONCUR, comment=""):
    route = the_route(c.initiative)
    return staffing.decide(
        fresh(c.initiative), officer, office, outcome, comment, round_=route.round
    )


def visible(user, initiative) -> bool:
    return Initiative.objects.visible_to(user).filter(pk=initiative.pk).exists()


def test_submit_starts_the_default_route_at_its_first_stage(command):
    c = command
    staffing.submit(c.initiative, c.planner)
    route = the_route(c.initiative)
    assert fresh(c.initiative).status == S.IN_REVIEW
    assert route.template == c.template and route.stage.position == 1
    assert route.suspense is not None
    assert {o.name for o in route.pending_offices()} == {"J4", "J8"}
    # The offices reached read it; SJA, not reached yet, does not.
    assert visible(c.j4_officer, c.initiative) and visible(c.j8_officer, c.initiative)
    assert not visible(c.sja_officer, c.initiative)


def test_the_whole_route_parallel_offices_return_restart_approve_and_forward(command):
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    assert the_route(c.initiative).stage.position == 1  # J8 still to decide
    decide(c, c.j8_officer, c.j8, WITH_COMMENT, "Fuel costs are understated.")
    route = the_route(c.initiative)
    assert route.stage.position == 2 and route.round == 2
    assert visible(c.sja_officer, c.initiative)

    # SJA non-concurs: back to the planners with the reason.
    decide(c, c.sja_officer, c.sja, NON_CONCUR, "The 333 authority does not cover boats.")
    initiative = fresh(c.initiative)
    assert initiative.status == S.CHANGES_REQUESTED
    assert the_route(initiative).status == Route.Status.RETURNED
    returned = review.latest_reason(initiative)
    # The reason as SJA wrote it: the screens name the office (`office_decision`).
    assert returned.reason == "The 333 authority does not cover boats."
    assert returned.office_decision.office == c.sja

    # Resubmitted: the route restarts at SJA's stage, not from the start.
    staffing.resubmit(initiative, c.planner)
    route = the_route(c.initiative)
    assert fresh(c.initiative).status == S.IN_REVIEW
    assert route.stage.position == 2 and route.round == 3
    assert Route.objects.filter(initiative=c.initiative).count() == 1
    # J4 concurred on the first submission: it sees what changed since.
    assert route_screens.changed_since_concurred(route, c.j4_officer)
    decide(c, c.sja_officer, c.sja)
    assert the_route(c.initiative).status == Route.Status.AWAITING_APPROVAL

    revision = staffing.approve(fresh(c.initiative), c.director, "Approved for FY2027.")
    assert isinstance(revision, Revision)
    assert fresh(c.initiative).status == S.APPROVED
    assert revision.approved_by == c.director
    approval = ReviewDecision.objects.get(
        initiative=c.initiative, outcome=ReviewDecision.Outcome.APPROVED
    )
    assert approval.reviewer == c.director
    # The frozen revision lists every office's decision.
    offices = [d["office"] for d in revision.snapshot["coordination"]]
    assert offices == ["J4", "J8", "SJA", "SJA"]

    # Forwarded: DSCA's people read it through the route.
    assert not visible(c.dsca_officer, c.initiative)
    staffing.forward(fresh(c.initiative), c.planner)
    assert visible(c.dsca_officer, c.initiative)
    assert not visible(c.dsca_director, c.initiative)  # approval not reached yet
    forwarded = the_route(c.initiative)
    assert forwarded.forwarded and forwarded.template == c.dsca_template
    staffing.decide(fresh(c.initiative), c.dsca_officer, c.dsca_sa, CONCUR, round_=forwarded.round)
    assert staffing.approve(fresh(c.initiative), c.dsca_director) is None
    assert the_route(c.initiative).status == Route.Status.APPROVED
    assert fresh(c.initiative).status == S.APPROVED
    assert visible(c.dsca_director, c.initiative)
    # Seen from the initiative (whom e-mails may name it to): every office it reached.
    reached = {c.j4.pk, c.j8.pk, c.sja.pk, c.j5.pk, c.dsca_sa.pk, c.dsca.pk}
    assert set(offices_routed(fresh(c.initiative))) == reached


def test_an_organization_without_routes_keeps_the_reviewer(owner, reviewer, draft):
    staffing.submit(draft, owner)
    assert fresh(draft).status == S.SUBMITTED
    assert not Route.objects.exists()
    review.start_review(fresh(draft), reviewer)
    review.approve(fresh(draft), reviewer)
    assert fresh(draft).status == S.APPROVED


def test_a_reviewer_cannot_bypass_the_route(command):
    c = command
    from tests import factories

    outside_reviewer = factories.reviewer(organization=c.africom)
    staffing.submit(c.initiative, c.planner)
    with pytest.raises(RefusedTransition, match="being staffed on a route"):
        review.approve(fresh(c.initiative), outside_reviewer)
    assert not review.awaiting_review(outside_reviewer).filter(pk=c.initiative.pk).exists()


def test_withdrawing_stops_the_route(command):
    c = command
    staffing.submit(c.initiative, c.planner)
    review.withdraw(fresh(c.initiative), c.planner)
    assert the_route(c.initiative).status == Route.Status.STOPPED
    assert route_screens.awaiting_office(c.j4_officer) == []
