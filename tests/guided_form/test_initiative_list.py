"""The list of all initiatives a user may read: filters, search, pagination, fixed queries."""

import pytest
from django.urls import reverse

from idd.models import Initiative
from idd.reference.choices import InitiativeStatus
from tests import factories

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]


@pytest.fixture
def spread(owner):
    """Three initiatives that differ in every filtered attribute."""
    kestrela = factories.PartnerFactory(country="Kestrela", ccmd="AFRICOM")
    norvia = factories.PartnerFactory(country="Norvia", ccmd="EUCOM")
    coastal = factories.InitiativeFactory(
        title="Coastal patrol", partner=kestrela, owner=owner, problem_statement="Smuggling"
    )
    logistics = factories.InitiativeFactory(
        title="Maintenance institution",
        partner=kestrela,
        funding_authority="332",
        first_fiscal_year=2029,
        last_fiscal_year=2031,
    )
    border = factories.InitiativeFactory(title="Border brigade", partner=norvia, ccmd="EUCOM")
    Initiative.objects.filter(pk=border.pk).update(status=InitiativeStatus.SUBMITTED)
    return coastal, logistics, border


def titles(client, **params) -> set[str]:
    response = client.get(reverse("initiative_list"), params)
    assert response.status_code == 200
    return {i.title for i in response.context["page"].object_list}


@pytest.mark.parametrize("who", ["owner", "outsider", "reviewer"])
def test_everyone_with_a_role_lists_every_initiative(client, spread, request, who):
    client.force_login(request.getfixturevalue(who))
    assert titles(client) == {"Coastal patrol", "Maintenance institution", "Border brigade"}


def test_a_user_without_a_role_is_refused(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get(reverse("initiative_list")).status_code == 403


def test_filters(client, spread, reviewer):
    coastal, logistics, border = spread
    client.force_login(reviewer)
    assert titles(client, partner=coastal.partner.country) == {
        "Coastal patrol",
        "Maintenance institution",
    }
    assert titles(client, ccmd="EUCOM") == {"Border brigade"}
    assert titles(client, status="submitted") == {"Border brigade"}
    assert titles(client, funding_authority="332") == {"Maintenance institution"}
    assert titles(client, fiscal_year=2028) == {"Coastal patrol", "Border brigade"}
    assert titles(client, q="smuggling") == {"Coastal patrol"}
    assert titles(client, q="kestrela brigade") == set()
    assert titles(client, q="norvia brigade") == {"Border brigade"}


def test_only_mine(client, spread, owner):
    client.force_login(owner)
    assert titles(client, mine="on") == {"Coastal patrol"}


def test_a_bad_filter_value_is_explained_not_a_crash(client, spread, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("initiative_list"), {"status": "bogus", "fiscal_year": "soon"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Enter a number" in page


def test_a_long_search_is_explained_and_only_its_first_words_count(client, spread, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("initiative_list"), {"q": "a " * 1000})
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    # Words after the eighth are not searched for.
    many = "norvia brigade " + " ".join(["border"] * 6) + " nowhere"
    assert titles(client, q=many) == {"Border brigade"}


def test_pagination_keeps_the_filters(client, owner):
    for n in range(30):
        factories.InitiativeFactory(title=f"Initiative {n:02d}", owner=owner)
    client.force_login(owner)
    first = client.get(reverse("initiative_list"), {"ccmd": "AFRICOM"})
    assert len(first.context["page"].object_list) == 25
    assert "?ccmd=AFRICOM&amp;page=2" in first.content.decode()
    second = client.get(reverse("initiative_list"), {"ccmd": "AFRICOM", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_query_count_does_not_grow_with_initiatives(client, owner, django_assert_max_num_queries):
    for _ in range(3):
        factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("initiative_list"))
    for _ in range(40):
        initiative = factories.InitiativeFactory(owner=factories.planner())
        factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("initiative_list"), {"q": "Initiative", "ccmd": "AFRICOM"})
