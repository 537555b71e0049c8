"""Copy as a new initiative: any planner who reads it gets a new draft of their own,
opened at its first step with a message; other readers are refused."""

import pytest
from django.urls import reverse

from idd.guided_form.steps import FIRST_STEP
from idd.models import Initiative
from idd.services import review
from tests.responses import messages_of

pytestmark = pytest.mark.django_db


def url(initiative) -> str:
    return reverse("initiative_copy", args=[initiative.pk])


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider"])
def test_a_planner_gets_a_new_draft_of_their_own_at_its_first_step(client, draft, user_of, role):
    user = user_of(role)
    client.force_login(user)
    response = client.post(url(draft))
    copy = Initiative.objects.exclude(pk=draft.pk).get()
    assert copy.owner == user
    assert response["Location"] == reverse("wizard_step", args=[copy.pk, FIRST_STEP.slug])
    assert messages_of(response) == [
        f"This is a new draft copied from “{draft.title}”, with its rows. Deliveries are "
        "planned again; assessments, comments and revisions were not copied. "
        "Give it its own title."
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Copy of Kestrela coastal patrol capability" in page


def test_a_submitted_idd_can_be_copied_and_stays_as_it_was(client, draft, owner, outsider):
    submitted = review.submit(draft, owner)
    client.force_login(outsider)
    client.post(url(draft))
    assert Initiative.objects.count() == 2
    assert Initiative.objects.get(pk=draft.pk).status == submitted.status


def test_a_reviewer_may_not_copy(client, draft, reviewer):
    client.force_login(reviewer)
    response = client.post(url(draft))
    assert response.status_code == 403
    assert "Only planners can start an initiative" in response.content.decode()
    assert Initiative.objects.count() == 1


def test_a_user_without_a_role_is_not_told_it_exists(client, draft, no_role_user):
    client.force_login(no_role_user)
    response = client.post(url(draft))
    assert response.status_code == 404
    assert draft.title not in response.content.decode()
    assert Initiative.objects.count() == 1


def test_copying_is_post_only(client, draft, owner):
    client.force_login(owner)
    assert client.get(url(draft)).status_code == 405
    assert Initiative.objects.count() == 1


def test_the_initiative_page_offers_copy_to_planners_only(client, draft, outsider, reviewer):
    page = reverse("initiative_detail", args=[draft.pk])
    client.force_login(outsider)
    assert f'action="{url(draft)}"' in client.get(page).content.decode()
    client.force_login(reviewer)
    assert f'action="{url(draft)}"' not in client.get(page).content.decode()
