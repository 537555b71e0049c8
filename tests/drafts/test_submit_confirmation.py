"""The page before Submit (and Resubmit): what the reviewers will receive, what is still
missing; its button takes the workflow's own step (idd.services.review)."""

import pytest
from django.urls import reverse

from idd.models import Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests import factories
from tests.responses import messages_of

pytestmark = pytest.mark.django_db


def url(initiative) -> str:
    return reverse("initiative_submit_confirm", args=[initiative.pk])


@pytest.mark.parametrize("role", ["owner", "teammate"])
def test_the_team_sees_what_the_reviewers_will_receive(client, draft, user_of, role):
    client.force_login(user_of(role))
    page = client.get(url(draft)).content.decode()
    assert "What the reviewers will receive" in page
    assert "Revision 1 of the IDD" in page
    for section, count in [
        ("Yearly objectives", 5),
        ("Partner deliverables", 2),
        ("U.S. inputs", 1),
        ("Risks", 3),
    ]:
        assert f'<tr><th scope="row">{section}</th><td>{count}</td></tr>' in page
    assert "Demonstrated commitment" in page  # the commitment headline figures
    submit = reverse("initiative_submit", args=[draft.pk])
    assert f'action="{submit}"' in page
    assert "Submit for review</button>" in page


def test_the_button_submits_through_the_workflow(client, draft, owner):
    client.force_login(owner)
    response = client.post(reverse("initiative_submit", args=[draft.pk]))
    assert messages_of(response) == ["The IDD was submitted for review."]
    assert Initiative.objects.get(pk=draft.pk).status == S.SUBMITTED


def test_a_returned_idd_is_resubmitted_from_it(client, draft, owner, reviewer):
    returned = review.start_review(review.submit(draft, owner), reviewer)
    review.request_changes(returned, reviewer, "Fund the spare parts.")
    client.force_login(owner)
    page = client.get(url(draft)).content.decode()
    assert f'action="{reverse("initiative_resubmit", args=[draft.pk])}"' in page
    assert "Resubmit for review</button>" in page
    assert "Nothing has changed since it was returned." in page


def test_a_resubmission_names_the_sections_changed_since_it_was_returned(
    client, draft, owner, reviewer
):
    returned = review.start_review(review.submit(draft, owner), reviewer)
    review.request_changes(returned, reviewer, "Fund the spare parts.")
    Initiative.objects.filter(pk=draft.pk).update(sustainment_plan="Spare parts in the budget.")
    client.force_login(owner)
    page = client.get(url(draft)).content.decode()
    marked = "Changed since it was returned, and marked for the reviewers: Absorptive capacity"
    assert f"{marked} and sustainment." in page
    assert "Nothing has changed" not in page


def test_what_is_still_missing_is_listed_and_there_is_no_button(client, owner):
    incomplete = factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    page = client.get(url(incomplete)).content.decode()
    assert "Still to fill in before it can be sent" in page
    assert "at least one partner deliverable" in page
    deliverables = reverse("wizard_step", args=[incomplete.pk, "deliverables"])
    assert f'href="{deliverables}"' in page
    assert "Submit for review</button>" not in page


@pytest.mark.parametrize("role", ["outsider", "reviewer"])
def test_others_read_it_but_are_told_why_they_cannot_submit(client, draft, user_of, role):
    client.force_login(user_of(role))
    response = client.get(url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only planners on the initiative&#x27;s team can submit it." in page
    assert "Submit for review</button>" not in page


def test_a_submitted_idd_is_not_sent_twice(client, draft, owner):
    review.submit(draft, owner)
    client.force_login(owner)
    page = client.get(url(draft)).content.decode()
    assert "it cannot be resubmitted for review now" in page
    assert "for review</button>" not in page
    assert 'action="/initiatives/' not in page


def test_a_user_without_a_role_is_not_told_it_exists(client, draft, no_role_user):
    client.force_login(no_role_user)
    response = client.get(url(draft))
    assert response.status_code == 404
    assert draft.title not in response.content.decode()


@pytest.mark.parametrize(
    "page",
    [
        lambda pk: reverse("wizard_step", args=[pk, "review"]),
        lambda pk: reverse("initiative_review", args=[pk]),
    ],
)
def test_the_submit_buttons_lead_to_it(client, draft, owner, page):
    client.force_login(owner)
    text = client.get(page(draft.pk)).content.decode()
    # A primary button, not the warning style of steps hard to undo (Withdraw).
    assert f'<a class="usa-button" href="{url(draft)}">Submit for review…</a>' in text
    assert f'action="{reverse("initiative_submit", args=[draft.pk])}"' not in text
