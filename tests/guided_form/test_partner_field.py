"""The partner is typed by name, with suggestions, so pages with a partner field do not
grow with the number of partners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from idd.models import Initiative
from tests import factories
from tests.guided_form.forms import page_fields, submit

pytestmark = pytest.mark.django_db


def basics(initiative) -> str:
    return reverse("wizard_step", args=[initiative.pk, "basics"])


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def norland(db):
    partner = factories.PartnerFactory(country="Norland")
    factories.PartnerUnitFactory(partner=partner, name="Norland navy")
    return partner


def test_the_partner_typed_in_any_case_is_saved(planner_client, initiative, norland):
    response = submit(planner_client, basics(initiative), {"partner": "  norLAND "})
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).partner == norland


def test_an_unknown_partner_is_refused_with_close_names_and_the_typing_kept(
    planner_client, initiative, norland
):
    factories.PartnerFactory(country="Norlandia")
    response = submit(planner_client, basics(initiative), {"partner": "Norl", "title": "Kept"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "“Norl” starts the names of several partners: Norland; Norlandia. Which one? Type "
        "more of its name." in html
    )
    fields = page_fields(html)
    assert fields["partner"] == ["Norl"]
    assert fields["title"] == ["Kept"]
    assert Initiative.objects.get(pk=initiative.pk).partner != norland


def test_the_start_of_one_partners_name_in_any_case_chooses_it(planner_client, initiative):
    # Issue 24: the hint says type "Kestrela", which was refused with "Did you mean:
    # Kestrela (fictional)?".
    kestrela = factories.PartnerFactory(country="Kestrela (fictional)")
    factories.PartnerUnitFactory(partner=kestrela, name="2nd Coastal Patrol Co")
    factories.PartnerFactory(country="Norland")
    response = submit(planner_client, basics(initiative), {"partner": "kestrela"})
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).partner == kestrela
    # Sent back for another field, the page shows the matched partner's units to tick.
    html = submit(
        planner_client, basics(initiative), {"partner": "KESTR", "title": ""}
    ).content.decode()
    assert "2nd Coastal Patrol Co" in html


def test_the_basics_step_shows_the_saved_partner_by_name_and_only_its_units(
    planner_client, initiative, norland
):
    factories.PartnerUnitFactory(partner=initiative.partner, name="Old flotilla")
    html = planner_client.get(basics(initiative)).content.decode()
    assert page_fields(html)["partner"] == [initiative.partner.country]
    assert "Old flotilla" in html
    assert "Norland navy" not in html


def test_the_basics_step_runs_the_same_queries_however_many_partners_there_are(
    planner_client, initiative
):
    planner_client.get(basics(initiative))
    with CaptureQueriesContext(connection) as few:
        planner_client.get(basics(initiative))
    for n in range(30):
        factories.PartnerUnitFactory(partner=factories.PartnerFactory(country=f"Partner {n}"))
    with CaptureQueriesContext(connection) as many:
        html = planner_client.get(basics(initiative)).content.decode()
    assert len(many) == len(few)
    assert "Partner 7" not in html  # no select listing every partner


def test_suggestions_list_names_containing_the_typing_those_starting_with_it_first(
    planner_client, norland
):
    factories.PartnerFactory(country="Great Norland")
    response = planner_client.get(reverse("partner_search"), {"q": "norl"})
    partners = response.json()["partners"]
    assert [p["name"] for p in partners] == ["Norland", "Great Norland"]
    assert partners[0]["units"] == [{"id": norland.units.get().pk, "label": "Norland navy"}]


def test_suggestions_are_at_most_ten_and_nothing_for_empty_typing(planner_client):
    for n in range(12):
        factories.PartnerFactory(country=f"Isle {n:02d}")
    search = reverse("partner_search")
    assert len(planner_client.get(search, {"q": "isle"}).json()["partners"]) == 10
    assert planner_client.get(search, {"q": "  "}).json() == {"partners": []}


def test_suggestions_need_a_role(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get(reverse("partner_search"), {"q": "a"}).status_code == 403


def test_the_initiative_list_filters_by_part_of_the_partners_name(
    planner_client, initiative, norland
):
    elsewhere = factories.InitiativeFactory(owner=initiative.owner, partner=norland)
    response = planner_client.get(reverse("initiative_list"), {"partner": "orla"})
    html = response.content.decode()
    assert elsewhere.title in html
    assert initiative.title not in html


def test_a_control_character_in_the_partner_is_refused_not_a_500(planner_client, initiative):
    """PostgreSQL refuses a NUL byte even in a query: the name is refused with a message."""
    response = submit(planner_client, basics(initiative), {"partner": "Kes\x00trela"})
    assert response.status_code == 200
    assert "name has no control characters" in response.content.decode()


def test_suggestions_for_a_control_character_are_none(planner_client, norland):
    response = planner_client.get(reverse("partner_search"), {"q": "Nor\x00"})
    assert response.json() == {"partners": []}


def test_a_name_longer_than_any_partner_is_refused_without_searching(planner_client, initiative):
    """SQLite refused to search for suggestions of a pasted page ("pattern too complex")."""
    response = submit(planner_client, basics(initiative), {"partner": "Kestrela " * 200})
    assert response.status_code == 200
    assert "name is at most 100 characters" in response.content.decode()


def test_a_pasted_page_in_the_partner_is_refused_not_searched(planner_client, initiative):
    """Past 50,000 characters SQLite refuses an exact-but-any-case search as too complex a
    pattern: the step must refuse the name before any query (the fuzz found a 500)."""
    response = submit(planner_client, basics(initiative), {"partner": "x" * 60_000})
    assert response.status_code == 200
    assert "name is at most 100 characters" in response.content.decode()
