"""The "Still to fill in on this step" box speaks of what is saved: it is shown on a page
read fresh, not on one that comes back with what was typed (a refused save), where it
would contradict the filled-in form below it."""

import pytest
from django.urls import reverse

from idd.models import Initiative
from idd.services.locking import CONFLICT_MESSAGE
from tests import factories
from tests.guided_form.forms import page_fields
from tests.guided_form.test_conflicts import saved_by_someone_else

pytestmark = pytest.mark.django_db

BOX = "Still to fill in on this step"
EMPTY_CONTEXT = {
    "problem_statement": "",
    "campaign_objective": "",
    "desired_end_state": "",
    "theory_of_change": "",
}


@pytest.fixture
def empty_context(owner, teammate):
    initiative = factories.InitiativeFactory(owner=owner, team_members=[teammate])
    Initiative.objects.filter(pk=initiative.pk).update(**EMPTY_CONTEXT)
    return initiative


def filled_in(html: str) -> dict:
    return page_fields(html) | {
        "problem_statement": ["Trawlers fish the zone unchallenged."],
        "campaign_objective": ["AFRICOM maritime security, line of effort 2."],
        "desired_end_state": ["The navy patrols the zone on its own."],
        "theory_of_change": ["x" * 5_001],  # refused: too long
        "action": ["continue"],
    }


def test_a_page_read_fresh_says_what_the_saved_step_lacks(client, owner, empty_context):
    client.force_login(owner)
    html = client.get(reverse("wizard_step", args=[empty_context.pk, "context"])).content
    assert BOX in html.decode()


def test_a_page_refused_for_its_errors_does_not_list_what_it_already_holds(
    client, owner, empty_context
):
    client.force_login(owner)
    url = reverse("wizard_step", args=[empty_context.pk, "context"])
    refused = client.post(url, filled_in(client.get(url).content.decode()))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Keep this to 5,000 characters or fewer" in html
    assert BOX not in html


def test_a_page_refused_for_a_conflict_does_not_list_what_it_already_holds(
    client, teammate, empty_context
):
    client.force_login(teammate)
    url = reverse("wizard_step", args=[empty_context.pk, "context"])
    page = filled_in(client.get(url).content.decode())
    page["theory_of_change"] = ["If the navy funds fuel, patrols continue."]
    stored = Initiative.objects.get(pk=empty_context.pk)
    saved_by_someone_else(empty_context, stored, title="Kestrela coastal patrol, renamed")
    refused = client.post(url, page)
    html = refused.content.decode()
    assert CONFLICT_MESSAGE in html
    assert BOX not in html
