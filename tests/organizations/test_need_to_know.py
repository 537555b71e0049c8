"""Need to know (issue 27): a person reads the initiatives owned within their
organization's subtree, and nothing else is listed, counted, searched, suggested or
exported to them. The access matrix (tests/test_access_matrix.py) covers every URL; these
follow the lists across a command and its offices, and their query counts."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from idd.models import Initiative, Organization
from idd.models.access import may, may_read, routed_to_office
from idd.reference import roles
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests import factories

pytestmark = pytest.mark.django_db
SECRET = "EUCOM-only Baltic exercise"


@pytest.fixture
def tree():
    """U.S. Africa Command > J5 > J5-SC and J5 > J5-SP; U.S. European Command > J5-SC."""
    africom = Organization.add("U.S. Africa Command")
    j5 = Organization.add("J5", africom)
    eucom = Organization.add("U.S. European Command")
    return {
        "africom": africom,
        "j5": j5,
        "j5-sc": Organization.add("J5-SC", j5),
        "j5-sp": Organization.add("J5-SP", j5),
        "eucom": eucom,
        "eucom-sc": Organization.add("J5-SC", eucom),
    }


@pytest.fixture
def people(tree):
    def person(name, where, *extra):
        user = factories.planner(username=name, organization=tree[where])
        for role in extra:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return {
        "planner": person("sc", "j5-sc"),
        "chief": person("chief", "j5", roles.REVIEWER),
        "sibling": person("sp", "j5-sp", roles.REVIEWER),
        "eucom": person("eu", "eucom-sc"),
    }


@pytest.fixture
def initiatives(people):
    ours = factories.InitiativeFactory(owner=people["planner"], title="Coastal patrol")
    theirs = factories.InitiativeFactory(owner=people["eucom"], title=SECRET)
    return ours, theirs


def test_the_path_puts_everything_under_an_organization_in_one_prefix(tree):
    keys = [tree[name].pk for name in ("africom", "j5", "j5-sc")]
    assert tree["j5-sc"].path == "".join(f"{key:06d}." for key in keys)
    assert set(Organization.objects.within(tree["j5"])) == {
        tree["j5"],
        tree["j5-sc"],
        tree["j5-sp"],
    }
    assert tree["j5"].contains(tree["j5-sc"]) and not tree["j5-sc"].contains(tree["j5"])
    assert tree["j5-sc"].full_name() == "U.S. Africa Command > J5 > J5-SC"


def test_a_person_reads_their_subtree_and_nothing_beside_or_above(people, initiatives):
    ours, theirs = initiatives
    readers = {name for name, user in people.items() if may_read(user, ours)}
    assert readers == {"planner", "chief"}  # not the sibling office, not EUCOM
    assert {n for n, u in people.items() if may_read(u, theirs)} == {"eucom"}
    for name, user in people.items():
        listed = set(Initiative.objects.visible_to(user))
        assert listed == {i for i in initiatives if may_read(user, i)}, name


def test_outside_the_need_to_know_every_action_is_refused(people, initiatives):
    ours, _ = initiatives
    Initiative.objects.filter(pk=ours.pk).update(status=S.SUBMITTED)
    ours.refresh_from_db()
    assert may(people["chief"], "review", ours)
    assert not may(people["sibling"], "review", ours)  # a reviewer, but no need to know
    assert not may(people["sibling"], "copy", ours)


def test_nobody_without_an_organization_reads_anything(initiatives):
    stranger = factories.planner(organization=False)
    assert not Initiative.objects.visible_to(stranger).exists()
    assert not may_read(stranger, initiatives[0])


def test_the_routing_hook_adds_nothing_until_routes_exist(tree):
    assert not Initiative.objects.filter(routed_to_office(tree["j5"])).exists()


@pytest.mark.parametrize(
    "name", ["initiative_list", "dashboard", "portfolio", "portfolio_csv", "portfolio_print"]
)
def test_no_list_tells_another_commands_initiative(client, people, initiatives, name):
    client.force_login(people["planner"])
    response = client.get(reverse(name))
    text = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert SECRET.encode() not in text
    client.force_login(people["eucom"])
    response = client.get(reverse(name))
    text = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET.encode() in text or name == "dashboard"  # the dashboard: own drafts


def test_another_commands_initiative_is_not_found(client, people, initiatives):
    client.force_login(people["planner"])
    theirs = initiatives[1]
    for name in ("initiative_detail", "initiative_history", "initiative_data_json"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_partners_known_only_from_another_command_are_not_suggested(client, people, initiatives):
    ours, theirs = initiatives
    factories.PartnerFactory(country="Zarovia")  # reference data: no initiative yet
    client.force_login(people["planner"])
    suggested = {
        p["name"] for p in client.get(reverse("partner_search"), {"q": "a"}).json()["partners"]
    }
    assert ours.partner.country in suggested or "a" not in ours.partner.country.lower()
    assert "Zarovia" in suggested
    assert theirs.partner.country not in suggested


def test_the_review_queue_is_the_reviewers_subtree(client, people, initiatives):
    ours, theirs = initiatives
    Initiative.objects.filter(pk__in=[ours.pk, theirs.pk]).update(status=S.SUBMITTED)
    client.force_login(people["chief"])
    assert ours.title.encode() in client.get(reverse("review_queue")).content
    client.force_login(people["sibling"])
    assert ours.title.encode() not in client.get(reverse("review_queue")).content


def test_the_lists_cost_the_same_queries_however_many_organizations(
    client, tree, people, django_assert_max_num_queries
):
    """Reading the subtree is one prefix match, never a walk per organization or row."""
    reviewer = people["chief"]
    reviewer.groups.add(Group.objects.get(name=roles.PLANNER))

    numbers = itertools.count()

    def grow(parent):
        for _ in range(3):
            office = Organization.add(f"Office {next(numbers)}", parent)
            planner = factories.planner(organization=office)
            made = factories.InitiativeFactory(owner=planner)
            Initiative.objects.filter(pk=made.pk).update(status=S.SUBMITTED)
            parent = office

    def queries():
        counts = []
        for name in ("initiative_list", "dashboard", "portfolio", "review_queue"):
            client.force_login(reviewer)
            with django_assert_max_num_queries(80) as captured:
                assert client.get(reverse(name)).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    grow(tree["j5"])
    few = queries()
    for _ in range(3):
        grow(tree["j5-sc"])
    assert queries() == few


def test_only_reviewers_with_a_need_to_know_are_told_of_a_submission(
    people, initiatives, mailoutbox, django_capture_on_commit_callbacks
):
    for user in people.values():
        user.email = f"{user.username}@example.mil"
        user.save()

    with django_capture_on_commit_callbacks(execute=True):
        review.submit(factories.complete_initiative(people["planner"]), people["planner"])
    told = {address for message in mailoutbox for address in message.to}
    assert "chief@example.mil" in told
    assert "sp@example.mil" not in told and "eu@example.mil" not in told


def test_the_team_is_chosen_among_planners_who_may_read_it(client, people, initiatives):
    ours, _ = initiatives
    for name, user in people.items():
        user.first_name, user.last_name = "Pat", f"{name.capitalize()}person"
        user.save()
    client.force_login(people["planner"])
    page = client.get(reverse("wizard_step", args=[ours.pk, "basics"])).content.decode()
    assert "Chiefperson" in page  # at J5, above J5-SC: reads it
    assert "Siblingperson" not in page and "Eucomperson" not in page
