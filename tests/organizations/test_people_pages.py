"""People, in the product (issue 27): an administrator adds an account to an organization
of their subtree, moves a person within it and sets their roles; anything outside is not
found; their own last administration, a stale page and a move that strands an IDD on a
route are refused or confirmed with words; every change is in the audit log."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from idd.models import AuditRecord, Initiative, OfficeDecision, Organization, Route
from idd.reference import roles
from idd.services import people, staffing
from tests import factories
from tests.staffing.conftest import command  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    africom = Organization.add("U.S. Africa Command")
    j5 = Organization.add("J5", africom)
    return {
        "africom": africom,
        "j5": j5,
        "j5-sc": Organization.add("J5-SC", j5),
        "j5-sp": Organization.add("J5-SP", j5),
        "j4": Organization.add("J4", africom),
    }


@pytest.fixture
def j5_admin(client, tree):
    admin = factories.UserFactory(
        username="j5admin", role=roles.ADMINISTRATOR, organization=tree["j5"]
    )
    client.force_login(admin)
    return admin


def person_url(user) -> str:
    return reverse("person_page", args=[user.pk])


def add_url(organization) -> str:
    return reverse("person_add", args=[organization.pk])


def token(user) -> str:
    return people.state_of(User.objects.get(pk=user.pk)).token


def held(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def belongs(user) -> Organization | None:
    return User.objects.get(pk=user.pk).profile.member_of


def test_the_organization_page_lists_people_with_their_roles_and_a_form_to_add(
    client, tree, j5_admin
):
    factories.planner(organization=tree["j5-sc"], first_name="Dana", last_name="Ortiz")
    factories.UserFactory(username="newcomer", organization=False)
    text = client.get(reverse("organization_page", args=[tree["j5-sc"].pk])).content.decode()
    assert "Dana Ortiz" in text and "Planner" in text
    assert "newcomer" in text  # offered to add: belongs nowhere yet


def test_adding_an_account_that_belongs_nowhere_sets_it_and_its_roles(client, tree, j5_admin):
    newcomer = factories.UserFactory(username="newcomer", organization=False)
    response = client.post(
        add_url(tree["j5-sc"]), {"person": newcomer.pk, "roles": [roles.PLANNER]}
    )
    assert response.status_code == 302
    assert belongs(newcomer) == tree["j5-sc"] and held(newcomer) == {roles.PLANNER}
    action = AuditRecord.objects.get(event=AuditRecord.Event.ADMIN_ACTION)
    assert action.username == "j5admin" and action.object_id == str(newcomer.pk)
    assert action.details["roles"] == [[], [roles.PLANNER]]
    assert AuditRecord.objects.filter(event=AuditRecord.Event.ORGANIZATION_CHANGED).exists()
    assert AuditRecord.objects.filter(event=AuditRecord.Event.ROLE_CHANGED).exists()


def test_only_accounts_with_no_organization_or_within_the_subtree_are_offered(
    client, tree, j5_admin
):
    j4_person = factories.planner(username="j4person", organization=tree["j4"])
    factories.UserFactory(username="root", organization=False, is_superuser=True)
    text = client.get(add_url(tree["j5-sc"])).content.decode()
    assert "j4person" not in text and "root" not in text
    response = client.post(add_url(tree["j5-sc"]), {"person": j4_person.pk})
    assert (
        response.status_code == 200
        and "Choose one of the people listed" in response.content.decode()
    )
    assert belongs(j4_person) == tree["j4"]


def test_people_and_organizations_outside_the_subtree_are_not_found(client, tree, j5_admin):
    outsider = factories.planner(organization=tree["j4"])
    assert client.get(person_url(outsider)).status_code == 404
    sc = factories.planner(organization=tree["j5-sc"])
    response = client.post(
        person_url(sc), {"organization": tree["j4"].pk, "roles": [], "seen": token(sc)}
    )
    assert response.status_code == 200  # a choice it does not offer: the form's error
    assert "Choose one of the organizations you manage" in response.content.decode()
    assert belongs(sc) == tree["j5-sc"]
    assert client.get(add_url(tree["j4"])).status_code == 404


def test_only_administrators_manage_people(client, tree):
    sc = factories.planner(organization=tree["j5-sc"])
    client.force_login(factories.planner(organization=tree["j5"]))
    assert client.get(person_url(sc)).status_code == 403
    assert client.post(add_url(tree["j5"]), {"person": sc.pk}).status_code == 403


def test_setting_roles_without_a_move_saves_at_once(client, tree, j5_admin):
    sc = factories.planner(organization=tree["j5-sc"])
    form = {"organization": tree["j5-sc"].pk, "roles": [roles.PLANNER, roles.REVIEWER]}
    response = client.post(person_url(sc), {**form, "seen": token(sc)})
    assert response.status_code == 302
    assert held(sc) == {roles.PLANNER, roles.REVIEWER}


def test_a_move_is_confirmed_first_then_made(client, tree, j5_admin):
    sc = factories.planner(organization=tree["j5-sc"], first_name="Dana", last_name="Ortiz")
    form = {"organization": tree["j5-sp"].pk, "roles": [roles.PLANNER], "seen": token(sc)}
    response = client.post(person_url(sc), form)
    assert response.status_code == 200
    assert "Move Dana Ortiz to J5-SP?" in response.content.decode()
    assert belongs(sc) == tree["j5-sc"], "nothing moves before the confirmation"
    response = client.post(person_url(sc), {**form, "confirmed": "True"})
    assert response.status_code == 302
    assert belongs(sc) == tree["j5-sp"]


def test_a_stale_page_is_refused_and_changes_nothing(client, tree, j5_admin):
    sc = factories.planner(organization=tree["j5-sc"])
    seen = token(sc)
    # Another tab gives the person the reviewer role meanwhile.
    form = {"organization": tree["j5-sc"].pk, "roles": [roles.PLANNER, roles.REVIEWER]}
    client.post(person_url(sc), {**form, "seen": seen})
    response = client.post(
        person_url(sc), {"organization": tree["j5-sc"].pk, "roles": [], "seen": seen}, follow=True
    )
    assert "changed by someone else after you opened this page" in response.content.decode()
    assert held(sc) == {roles.PLANNER, roles.REVIEWER}


def test_an_add_of_someone_added_elsewhere_meanwhile_becomes_a_move_to_confirm(
    client, tree, j5_admin
):
    newcomer = factories.UserFactory(username="newcomer", organization=False)
    people_form = {"person": newcomer.pk, "roles": [roles.PLANNER]}
    client.post(add_url(tree["j5-sp"]), people_form)  # the other tab, first
    response = client.post(add_url(tree["j5-sc"]), people_form)
    assert response.status_code == 200 and "to J5-SC?" in response.content.decode()
    assert belongs(newcomer) == tree["j5-sp"]


def test_an_administrator_cannot_remove_their_own_last_administration(client, tree, j5_admin):
    form = {"organization": tree["j5"].pk, "roles": [roles.PLANNER], "seen": token(j5_admin)}
    response = client.post(person_url(j5_admin), form, follow=True)
    assert "You are the only administrator of J5" in response.content.decode()
    assert roles.ADMINISTRATOR in held(j5_admin)
    # Nor move themselves down into J5-SC, which would leave J5 with none.
    form = {"organization": tree["j5-sc"].pk, "roles": [roles.ADMINISTRATOR],
            "seen": token(j5_admin), "confirmed": "True"}  # fmt: skip
    client.post(person_url(j5_admin), form)
    assert belongs(j5_admin) == tree["j5"]


def test_with_another_administrator_above_they_may(client, tree, j5_admin):
    factories.UserFactory(role=roles.ADMINISTRATOR, organization=tree["africom"])
    form = {"organization": tree["j5"].pk, "roles": [roles.PLANNER], "seen": token(j5_admin)}
    assert client.post(person_url(j5_admin), form).status_code == 302
    assert held(j5_admin) == {roles.PLANNER}


def test_a_superusers_account_is_not_an_organization_administrators_to_manage(
    client, tree, j5_admin
):
    root = factories.UserFactory(is_superuser=True, organization=tree["j5-sc"])
    assert client.get(person_url(root)).status_code == 404


# --- Moving a person mid-route -------------------------------------------------------------


def test_moving_the_only_coordinator_of_an_office_holding_an_idd_says_so_first(
    client,
    command,  # noqa: F811
):
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)
    admin = factories.UserFactory(role=roles.ADMINISTRATOR, organization=c.africom)
    client.force_login(admin)
    form = {"organization": c.j4.pk, "roles": [roles.COORDINATOR], "seen": token(c.j8_officer)}
    text = client.post(person_url(c.j8_officer), form).content.decode()
    assert "Nobody could act for J8 on “" + c.initiative.title in text
    assert belongs(c.j8_officer) == c.j8
    # Confirmed, the move is made and the audit record says what it left.
    client.post(person_url(c.j8_officer), {**form, "confirmed": "True"})
    assert belongs(c.j8_officer) == c.j4
    action = AuditRecord.objects.filter(event=AuditRecord.Event.ADMIN_ACTION).latest("at")
    assert (
        action.details["left_without_anyone"] and "J8" in action.details["left_without_anyone"][0]
    )


def test_removing_the_role_strands_too_but_not_while_another_can_act(client, command):  # noqa: F811
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)
    admin = factories.UserFactory(role=roles.ADMINISTRATOR, organization=c.africom)
    client.force_login(admin)
    form = {"organization": c.j8.pk, "roles": [], "seen": token(c.j8_officer)}
    response = client.post(person_url(c.j8_officer), form)
    assert response.status_code == 200 and "Nobody could act for J8" in response.content.decode()
    factories.UserFactory(role=roles.COORDINATOR, organization=c.j8)
    assert client.post(person_url(c.j8_officer), form).status_code == 302
    assert held(c.j8_officer) == set()


def test_the_confirmation_never_names_an_idd_the_administrator_may_not_read(
    client,
    command,  # noqa: F811
):
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)
    # A site administrator who belongs to no organization reads no initiative.
    client.force_login(factories.UserFactory(is_superuser=True, organization=False))
    form = {"organization": c.j4.pk, "roles": [roles.COORDINATOR], "seen": token(c.j8_officer)}
    text = client.post(person_url(c.j8_officer), form).content.decode()
    assert "Nobody could act for J8 on an IDD outside your need to know" in text
    assert c.initiative.title not in text


def test_removing_the_only_approval_authority_of_an_idd_awaiting_approval_says_so(
    client,
    command,  # noqa: F811
):
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)
    route = Route.objects.get(initiative=c.initiative)
    concur = OfficeDecision.Outcome.CONCUR
    for officer, office, round_ in (
        (c.j4_officer, c.j4, route.round),
        (c.j8_officer, c.j8, route.round),
        (c.sja_officer, c.sja, route.round + 1),
    ):
        staffing.decide(Initiative.objects.get(pk=c.initiative.pk), officer, office, concur,
                        round_=round_)  # fmt: skip
    assert Route.objects.get(pk=route.pk).status == Route.Status.AWAITING_APPROVAL
    client.force_login(factories.UserFactory(role=roles.ADMINISTRATOR, organization=c.africom))
    form = {"organization": c.j5.pk, "roles": [roles.PLANNER], "seen": token(c.director)}
    text = client.post(person_url(c.director), form).content.decode()
    assert "Change the roles of Dee Rector?" in text
    assert "Nobody could act for J5 on “" + c.initiative.title in text
    assert roles.APPROVAL_AUTHORITY in held(c.director)


def test_forged_choices_are_form_errors_never_a_500(client, tree, j5_admin):
    sc = factories.planner(organization=tree["j5-sc"])
    huge = "9" * 200
    for data in (
        {"organization": huge, "roles": [roles.PLANNER], "seen": token(sc)},
        {"organization": tree["j5"].pk, "roles": ["Superuser"], "seen": token(sc)},
        {"organization": tree["j5"].pk, "seen": "x" * 500},
    ):
        assert client.post(person_url(sc), data).status_code == 200
    assert client.post(add_url(tree["j5"]), {"person": huge}).status_code == 200
    assert belongs(sc) == tree["j5-sc"] and held(sc) == {roles.PLANNER}


def test_people_to_add_are_named_by_full_organization_own_command_first(
    client, tree, django_assert_max_num_queries
):
    admin = factories.UserFactory(
        username="root", role=roles.ADMINISTRATOR, organization=tree["africom"], is_superuser=True
    )
    client.force_login(admin)
    eucom = Organization.add("U.S. European Command")
    eucom_sc = Organization.add("J5-SC", Organization.add("J5", eucom))
    factories.UserFactory(username="newcomer", organization=False)
    factories.planner(username="eucomsc", organization=eucom_sc)
    factories.planner(username="africomsc", organization=tree["j5-sc"])
    text = client.get(add_url(tree["j4"])).content.decode()
    # Two J5-SCs told apart; the command's own people first, then the others, then nobody's.
    assert "(eucomsc, U.S. European Command &gt; J5 &gt; J5-SC)" in text
    assert "(africomsc, U.S. Africa Command &gt; J5 &gt; J5-SC)" in text
    groups = [text.index(f'<optgroup label="{g}">') for g in
              ("U.S. Africa Command", "Other commands", "No organization yet")]  # fmt: skip
    assert groups == sorted(groups)
    assert text.index("africomsc") < text.index("eucomsc") < text.index("newcomer")
    # The names cost the same few queries however many people there are.
    with CaptureQueriesContext(connection) as few:
        client.get(add_url(tree["j4"]))
    for n in range(5):
        factories.planner(username=f"more{n}", organization=[eucom_sc, tree["j5-sp"]][n % 2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(add_url(tree["j4"]))


def test_the_message_after_adding_says_where_and_as_what(client, tree, j5_admin):
    newcomer = factories.UserFactory(
        username="newcomer", organization=False, first_name="Sam", last_name="Whitfield"
    )
    roles_posted = [roles.COORDINATOR, roles.APPROVAL_AUTHORITY]
    response = client.post(
        add_url(tree["j5-sc"]), {"person": newcomer.pk, "roles": roles_posted}, follow=True
    )
    text = response.content.decode()
    assert "Sam Whitfield is now in J5-SC as a coordinator and an approval authority." in text
