"""The read-only initiative page shows the whole IDD from the snapshot, in fixed queries."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from idd.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def maritime():
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    return Initiative.objects.get(title="Kestrela coastal patrol capability")


@pytest.mark.parametrize("who", ["planner", "reviewer"])
def test_the_page_shows_every_section(client, maritime, who):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username=who))
    page = client.get(reverse("initiative_detail", args=[maritime.pk])).content.decode()
    for heading in (
        "1. Basics",
        "2. Strategic context",
        "3. Partner deliverables",
        "4. U.S. inputs matched to partner deliverables",
        "5. Yearly objectives and indicators",
        "6. Absorptive capacity and sustainment",
        "7. Commitment assessment",
        "8. Risks",
    ):
        assert heading in page
    assert "Designate the 2nd Coastal Patrol Company as the receiving unit" in page
    assert "Four 12-meter patrol boats with outboard engines" in page
    assert "Partner deliverables and U.S. inputs by fiscal year" in page  # the timeline
    assert "Patrols in waters claimed by a neighbor" in page
    assert "$310,000" in page


def test_editors_get_edit_links_and_readers_do_not(client, initiative, owner, reviewer):
    edit_link = reverse("wizard_step", args=[initiative.pk, "deliverables"])
    client.force_login(owner)
    assert (
        edit_link in client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    )
    client.force_login(reviewer)
    page = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert edit_link not in page
    assert "Continue drafting" not in page


def test_query_count_does_not_grow_with_rows(
    client, initiative, owner, django_assert_max_num_queries
):
    def add_rows(count: int) -> None:
        deliverables = factories.PartnerDeliverableFactory.create_batch(
            2 * count, initiative=initiative
        )
        for n in range(count):
            us_input = factories.USInputFactory(initiative=initiative)
            us_input.matched_deliverables.set(deliverables[n : n + 2])
            objective = factories.YearlyObjectiveFactory(initiative=initiative)
            factories.IndicatorFactory.create_batch(2, objective=objective)
            factories.RiskFactory(initiative=initiative)

    client.force_login(owner)
    url = reverse("initiative_detail", args=[initiative.pk])
    add_rows(1)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    add_rows(10)
    with django_assert_max_num_queries(len(few)):
        client.get(url)
