"""Withdrawn initiatives leave "My initiatives" (the dashboard and the list's default);
"Show withdrawn initiatives", or the status filter, shows them."""

import pytest
from django.urls import reverse

from idd.services import review
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(owner):
    initiative = factories.InitiativeFactory(owner=owner, title="Abandoned radar upgrade")
    return review.withdraw(initiative, owner)


@pytest.fixture
def live(owner):
    return factories.InitiativeFactory(owner=owner, title="Coastal patrol company")


def listed(client, query: str = "") -> str:
    return client.get(reverse("initiative_list") + query).content.decode()


def test_the_list_leaves_withdrawn_out_by_default(client, owner, withdrawn, live):
    client.force_login(owner)
    page = listed(client)
    assert live.title in page
    assert withdrawn.title not in page
    assert 'role="status">1 initiative</p>' in page
    assert withdrawn.title not in listed(client, "?mine=on")


@pytest.mark.parametrize("query", ["?withdrawn=on", "?status=withdrawn", "?mine=on&withdrawn=on"])
def test_asking_for_withdrawn_shows_them(client, owner, withdrawn, live, query):
    client.force_login(owner)
    page = listed(client, query)
    assert withdrawn.title in page
    assert 'name="withdrawn"' in page


def test_only_withdrawn_with_the_status_filter(client, owner, withdrawn, live):
    client.force_login(owner)
    page = listed(client, "?status=withdrawn")
    assert live.title not in page


@pytest.mark.parametrize("role", ["owner", "reviewer"])
def test_the_checkbox_is_labelled(client, user_of, role):
    client.force_login(user_of(role))
    assert "Show withdrawn initiatives" in listed(client)


def test_the_dashboard_leaves_them_out_and_links_to_them(client, owner, withdrawn, live):
    client.force_login(owner)
    page = client.get(reverse("dashboard")).content.decode()
    mine = page.split('id="my-initiatives"')[1].split("</section>")[0]
    assert live.title in mine
    assert withdrawn.title not in mine
    link = reverse("initiative_list") + "?mine=on&amp;withdrawn=on&amp;status=withdrawn"
    assert f'href="{link}">1 withdrawn initiative not shown: see it</a>' in mine
    # The link's list shows them, its checkbox ticked; Clear goes back to the default list.
    shown = listed(client, "?mine=on&withdrawn=on&status=withdrawn")
    assert withdrawn.title in shown
    ticked = 'name="withdrawn" class="checkboxinput usa-checkbox__input" id="id_withdrawn" checked'
    assert ticked in shown
    assert f'href="{reverse("initiative_list")}">Clear</a>' in shown


def test_a_dashboard_without_withdrawn_ones_has_no_such_link(client, owner, live):
    client.force_login(owner)
    assert "withdrawn initiative" not in client.get(reverse("dashboard")).content.decode()
