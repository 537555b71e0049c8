"""Who may open the guided form's steps: planners on the team, while the IDD is a draft."""

import pytest
from django.urls import reverse

from idd.guided_form.steps import STEPS
from idd.models import Initiative
from idd.reference.choices import InitiativeStatus
from tests import factories

pytestmark = pytest.mark.django_db
SLUGS = [step.slug for step in STEPS]


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("who", ["owner", "teammate"])
def test_owner_and_teammate_open_every_step(client, initiative, request, who, slug):
    client.force_login(request.getfixturevalue(who))
    response = client.get(step_url(initiative, slug))
    assert response.status_code == 200
    assert initiative.title in response.content.decode()


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("outsider", "Only the owner (Olive Owner) and the team members edit this initiative."),
        ("reviewer", "Only planners draft initiatives."),
    ],
)
def test_others_get_a_clear_refusal(client, initiative, request, who, reason, slug):
    client.force_login(request.getfixturevalue(who))
    response = client.get(step_url(initiative, slug))
    assert response.status_code == 403
    assert reason in response.content.decode()


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_user_without_a_role_is_not_told_the_initiative_exists(
    client, initiative, no_role_user, method, slug
):
    """Not the refusal page, which names the initiative and its owner: not found."""
    client.force_login(no_role_user)
    response = getattr(client, method)(step_url(initiative, slug))
    assert response.status_code == 404
    page = response.content.decode()
    assert initiative.title not in page
    assert "Olive Owner" not in page


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_others_cannot_save_a_step_either(client, initiative, request, who):
    client.force_login(request.getfixturevalue(who))
    data = {"lock-version": initiative.version, "problem_statement": "Overwritten"}
    response = client.post(step_url(initiative, "context"), data)
    assert response.status_code == 403
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == ""


def test_a_submitted_initiative_cannot_be_edited(client, owner):
    submitted = factories.InitiativeFactory(owner=owner)
    Initiative.objects.filter(pk=submitted.pk).update(status=InitiativeStatus.SUBMITTED)
    client.force_login(owner)
    response = client.get(step_url(submitted, "basics"))
    assert response.status_code == 403
    assert "This initiative is submitted" in response.content.decode()


def test_an_unknown_step_is_not_found(client, initiative, owner):
    client.force_login(owner)
    assert client.get(step_url(initiative, "nonsense")).status_code == 404


def test_only_planners_create_initiatives(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("initiative_create"))
    assert response.status_code == 403
    assert "Only planners draft initiatives" in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_resume_sends_readers_to_the_initiative_page(client, initiative, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("initiative_resume", args=[initiative.pk]))
    assert response["Location"] == reverse("initiative_detail", args=[initiative.pk])


def test_resume_returns_the_planner_to_the_last_step(client, initiative, owner):
    Initiative.objects.filter(pk=initiative.pk).update(last_step="objectives")
    client.force_login(owner)
    response = client.get(reverse("initiative_resume", args=[initiative.pk]))
    assert response["Location"] == step_url(initiative, "objectives")
