"""Bad input on a route: each is refused with a message and changes nothing, or is
handled so that the IDD is never left with nobody able to act (issue 27, items 4-5)."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from idd.models import Initiative, OfficeDecision, Route, RouteTemplate
from idd.reference.choices import InitiativeStatus as S
from idd.services import review, staffing
from idd.services.review import RefusedTransition
from tests import factories
from tests.staffing.conftest import person

pytestmark = pytest.mark.django_db
CONCUR = OfficeDecision.Outcome.CONCUR
NON_CONCUR = OfficeDecision.Outcome.NON_CONCUR


def fresh(initiative):
    return Initiative.objects.get(pk=initiative.pk)


def on_route(c) -> Route:
    staffing.submit(c.initiative, c.planner)
    return Route.objects.get(initiative=c.initiative)


def test_acting_twice_on_one_stage_from_two_tabs_is_refused(command):
    c = command
    route = on_route(c)
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, CONCUR, round_=route.round)
    with pytest.raises(RefusedTransition, match="J4 has already decided at this stage"):
        staffing.decide(
            fresh(c.initiative), c.j4_officer, c.j4, NON_CONCUR, "No.", round_=route.round
        )
    assert OfficeDecision.objects.filter(office=c.j4).count() == 1
    assert fresh(c.initiative).status == S.IN_REVIEW


def test_the_database_refuses_a_second_decision_of_one_office_in_one_round(command):
    c = command
    route = on_route(c)
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, CONCUR, round_=route.round)
    first = OfficeDecision.objects.get()
    first.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


def test_a_page_opened_before_the_stage_moved_on_is_refused_as_stale(command):
    c = command
    route = on_route(c)
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, CONCUR, round_=route.round)
    staffing.decide(fresh(c.initiative), c.j8_officer, c.j8, CONCUR, round_=route.round)
    # The SJA officer's page still carries stage 1's round.
    with pytest.raises(RefusedTransition, match="moved on since you opened the page"):
        staffing.decide(fresh(c.initiative), c.sja_officer, c.sja, CONCUR, round_=route.round)


def test_acting_for_an_office_one_does_not_belong_to_is_refused(command):
    c = command
    route = on_route(c)
    with pytest.raises(RefusedTransition, match="only for the office you belong to: not for J8"):
        staffing.decide(fresh(c.initiative), c.j4_officer, c.j8, CONCUR, round_=route.round)
    with pytest.raises(RefusedTransition, match="SJA does not coordinate at this stage"):
        staffing.decide(fresh(c.initiative), c.sja_officer, c.sja, CONCUR, round_=route.round)
    assert not OfficeDecision.objects.exists()


def test_a_planner_of_the_team_cannot_coordinate_even_in_the_office(command):
    c = command
    route = on_route(c)
    c.initiative.team_members.add(c.j4_officer)
    with pytest.raises(RefusedTransition, match="not on the IDD's team"):
        staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, CONCUR, round_=route.round)


def test_a_non_concurrence_needs_a_reason_and_a_comment_its_text(command):
    c = command
    route = on_route(c)
    with pytest.raises(RefusedTransition, match="Say why your office does not concur"):
        staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, NON_CONCUR, " ", round_=1)
    with pytest.raises(RefusedTransition, match="Write your comment"):
        staffing.decide(
            fresh(c.initiative),
            c.j4_officer,
            c.j4,
            OfficeDecision.Outcome.CONCUR_WITH_COMMENT,
            round_=route.round,
        )
    assert not OfficeDecision.objects.exists()


def test_a_route_with_no_approval_authority_is_refused_at_submission(command):
    c = command
    c.template.approval_authority = None
    c.template.save()
    with pytest.raises(RefusedTransition, match="has no approval authority"):
        staffing.submit(fresh(c.initiative), c.planner)
    assert fresh(c.initiative).status == S.DRAFT
    assert not Route.objects.exists()


def test_a_route_with_an_empty_stage_is_refused_at_submission(command):
    c = command
    c.template.stages.get(position=2).offices.all().delete()
    with pytest.raises(RefusedTransition, match=r"a stage with no office: Stage 2"):
        staffing.submit(fresh(c.initiative), c.planner)
    assert fresh(c.initiative).status == S.DRAFT


def test_a_route_of_another_organization_cannot_be_picked(command):
    c = command
    with pytest.raises(RefusedTransition, match="not one this IDD's organization keeps"):
        staffing.submit(fresh(c.initiative), c.planner, template_id=str(c.dsca_template.pk))
    assert fresh(c.initiative).status == S.DRAFT


def test_only_the_routes_approval_authority_approves(command):
    c = command
    route = on_route(c)
    for officer, office in ((c.j4_officer, c.j4), (c.j8_officer, c.j8)):
        staffing.decide(fresh(c.initiative), officer, office, CONCUR, round_=route.round)
    with pytest.raises(RefusedTransition, match="not waiting for an approval authority"):
        staffing.approve(fresh(c.initiative), c.director)
    staffing.decide(fresh(c.initiative), c.sja_officer, c.sja, CONCUR, round_=route.round + 1)
    with pytest.raises(RefusedTransition, match="Only the approval authority of J5"):
        staffing.approve(fresh(c.initiative), c.dsca_director)
    coordinator_in_j5 = person("j5ao", "Coordinator", c.j5)
    with pytest.raises(RefusedTransition, match="approval authority role in J5"):
        staffing.approve(fresh(c.initiative), coordinator_in_j5)
    assert fresh(c.initiative).status == S.IN_REVIEW


def test_deleting_an_office_with_idds_in_its_hands_is_refused(command):
    c = command
    on_route(c)
    assert list(staffing.in_hands_of(c.j8)) == [Route.objects.get()]
    with pytest.raises(ProtectedError):
        c.j8.delete()
    assert Route.objects.get().pending_offices() == [c.j4, c.j8]


def test_a_person_moved_to_another_office_mid_route_acts_only_for_the_new_one(command):
    c = command
    route = on_route(c)
    profile = c.j8_officer.profile
    profile.member_of = c.sja
    profile.save()
    moved = type(c.j8_officer).objects.get(pk=c.j8_officer.pk)  # a new request
    with pytest.raises(RefusedTransition, match="not for J8"):
        staffing.decide(fresh(c.initiative), moved, c.j8, CONCUR, round_=route.round)
    # J8 is left with nobody: the route says so, and whoever joins J8 can act.
    assert staffing.unstaffed(Route.objects.get()) == [c.j8]
    newcomer = person("j8b", "Coordinator", c.j8)
    staffing.decide(fresh(c.initiative), newcomer, c.j8, CONCUR, round_=route.round)
    assert staffing.unstaffed(Route.objects.get()) == []


def test_a_decision_keeps_who_the_officer_was_when_they_decided(command):
    c = command
    route = on_route(c)
    staffing.decide(fresh(c.initiative), c.j4_officer, c.j4, CONCUR, round_=route.round)
    c.j4_officer.last_name = "Renamed"
    c.j4_officer.save()
    assert OfficeDecision.objects.get().signed_as == "Jo Four"


def test_forwarding_is_refused_before_approval_and_twice(command):
    c = command
    with pytest.raises(RefusedTransition, match="Only an approved IDD is forwarded"):
        staffing.forward(fresh(c.initiative), c.planner)
    approved = factories.complete_initiative(
        owner=c.planner, status=S.APPROVED, title="Approved one"
    )
    staffing.forward(approved, c.planner)
    with pytest.raises(RefusedTransition, match="Revision 1 was already forwarded to DSCA on"):
        staffing.forward(fresh(approved), c.planner)


@pytest.mark.django_db(transaction=True)
def test_two_offices_concurring_at_the_same_moment_both_land(command):
    c = command
    route = on_route(c)
    barrier = threading.Barrier(2)
    errors = []

    def concur(officer, office):
        try:
            barrier.wait(timeout=10)
            staffing.decide(fresh(c.initiative), officer, office, CONCUR, round_=route.round)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=concur, args=(c.j4_officer, c.j4)),
        threading.Thread(target=concur, args=(c.j8_officer, c.j8)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert OfficeDecision.objects.count() == 2
    route.refresh_from_db()
    assert route.stage.position == 2  # the second saw the first and completed the stage


def test_a_template_an_idd_travelled_is_read_only_in_the_admin(client, admin_user, command):
    c = command
    client.force_login(admin_user)
    change = reverse("admin:idd_routetemplate_change", args=[c.template.pk])
    assert client.post(change, {"name": "Renamed"}).status_code == 200  # not in use: a form
    on_route(c)
    assert client.get(change).status_code == 200  # still shown
    assert client.post(change, {"name": "Renamed"}).status_code == 403
    delete = reverse("admin:idd_routetemplate_delete", args=[c.template.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert RouteTemplate.objects.get(pk=c.template.pk).name == "AFRICOM staffing"


def test_a_forwarded_route_blocks_the_next_revision_until_decided_and_a_non_concurrence_closes_it(
    command,
):
    c = command
    approved = factories.complete_initiative(owner=c.planner, status=S.APPROVED, title="Done")
    route = staffing.forward(approved, c.planner)
    with pytest.raises(RefusedTransition, match="start the next revision once it is decided"):
        review.start_revision(fresh(approved), c.planner)
    staffing.decide(
        fresh(approved), c.dsca_officer, c.dsca_sa, NON_CONCUR, "No FMS case.", round_=route.round
    )
    assert Route.objects.get(pk=route.pk).status == Route.Status.NOT_CONCURRED
    assert fresh(approved).status == S.APPROVED
    review.start_revision(fresh(approved), c.planner)
    assert fresh(approved).status == S.DRAFT
