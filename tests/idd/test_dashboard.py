import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from idd.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db


def test_owner_and_teammate_see_the_initiative_on_their_dashboard(
    client, initiative, owner, teammate
):
    for user in (owner, teammate):
        client.force_login(user)
        assert initiative.title in client.get(reverse("dashboard")).content.decode()


def test_outsider_does_not_see_others_initiatives(client, initiative, outsider):
    client.force_login(outsider)
    response = client.get(reverse("dashboard"))
    assert initiative.title not in response.content.decode()
    assert "You have no initiatives yet." in response.content.decode()


def test_a_user_without_a_role_sees_no_initiative_even_of_a_team_they_are_on(
    client, initiative, no_role_user
):
    initiative.team_members.add(no_role_user)
    client.force_login(no_role_user)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Your account has no role yet" in page
    assert initiative.title not in page


def test_every_page_carries_the_marking_top_and_bottom(client, owner, settings):
    settings.MARKING = "CUI // PRE-DECISIONAL"
    client.force_login(owner)
    assert client.get(reverse("dashboard")).content.decode().count("CUI // PRE-DECISIONAL") == 2


def test_recent_activity_says_who_did_what_to_which_initiative(client, owner, reviewer):
    initiative = factories.InitiativeFactory(owner=owner, title="Kestrela coastal patrol")
    initiative.history.create(  # as the review workflow records a transition
        id=initiative.pk,
        history_date=timezone.now(),
        history_type="~",
        history_user=reviewer,
        history_change_reason="Taken into review",
        **{
            f.attname: getattr(initiative, f.attname)
            for f in Initiative._meta.concrete_fields
            if f.attname != "id"
        },
    )
    client.force_login(owner)
    text = " ".join(client.get(reverse("dashboard")).content.decode().split())
    assert "Kestrela coastal patrol</a> taken into review by" in text
    assert ">just now</time></span>" in text  # never "0 minutes ago" (idd.reference.times.time_ago)


def test_dashboard_query_count_does_not_grow_with_initiatives(client, owner):
    """Drafts with their progress, initiatives and recent activity: a fixed number of queries."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("dashboard")).status_code == 200
        return len(captured)

    factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    few = queries()
    for _ in range(12):
        initiative = factories.InitiativeFactory(owner=owner)
        factories.PartnerDeliverableFactory.create_batch(3, initiative=initiative)
        factories.RiskFactory(initiative=initiative)
    assert queries() == few
    # 30, one for the drafts' unfinished input (idd/services/parking.py), one for the
    # planner's partner unit requests (idd/services/unit_requests.py), two for their
    # Section 333 program components and the U.S. inputs that deliver them, one for the
    # organization the user belongs to (need to know, idd.models.access), one for what
    # awaits the person's office on a staffing route (idd/services/staffing.py), one for
    # the approved IDDs they may forward to DSCA (idd/services/route_screens.py)
    assert few <= 37


def test_administrators_find_the_administration_site_in_the_navigation(client, owner):
    """Planners are told to ask an administrator for reference data; the administrator
    finds where to add it from any page."""
    admin = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    admin_link = f'href="{reverse("admin:index")}"'
    client.force_login(admin)
    assert admin_link in client.get(reverse("dashboard")).content.decode()
    client.force_login(owner)
    assert admin_link not in client.get(reverse("dashboard")).content.decode()
