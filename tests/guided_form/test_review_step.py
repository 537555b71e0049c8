"""The review step: the whole IDD read-only, what is missing linked to its step, submit."""

import pytest
from django.urls import reverse

from idd.document.completeness import missing_parts
from idd.models import Initiative
from idd.reference.choices import InitiativeStatus
from tests.factories import complete_initiative

pytestmark = pytest.mark.django_db


def review_url(initiative) -> str:
    return reverse("wizard_step", args=[initiative.pk, "review"])


def test_incomplete_parts_are_named_with_a_link_to_their_step(client, initiative, owner):
    client.force_login(owner)
    page = client.get(review_url(initiative)).content.decode()
    deliverables = reverse("wizard_step", args=[initiative.pk, "deliverables"])
    assert (
        f'<a class="usa-link" href="{deliverables}">Partner deliverables</a>: at least one' in page
    )
    assert "Submit for review" not in page


def test_a_complete_idd_can_be_submitted_from_the_review_step(client, owner):
    initiative = complete_initiative(owner=owner)
    assert missing_parts(initiative) == []
    client.force_login(owner)
    page = client.get(review_url(initiative)).content.decode()
    assert "Every part of the IDD is filled in, and no plan check is open." in page
    # The button opens the confirmation that lists what the reviewers will receive.
    confirm = reverse("initiative_submit_confirm", args=[initiative.pk])
    assert f'href="{confirm}"' in page
    submit = reverse("initiative_submit", args=[initiative.pk])
    assert f'action="{submit}"' in client.get(confirm).content.decode()
    client.post(submit)
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.SUBMITTED


def test_returned_idds_are_resubmitted(client, owner):
    initiative = complete_initiative(owner=owner)
    Initiative.objects.filter(pk=initiative.pk).update(status=InitiativeStatus.CHANGES_REQUESTED)
    client.force_login(owner)
    page = client.get(review_url(initiative)).content.decode()
    # Through the confirmation page, whose button resubmits (tests/drafts).
    assert reverse("initiative_submit_confirm", args=[initiative.pk]) in page
    assert "Resubmit for review" in page


def test_every_section_is_shown_read_only(client, owner):
    initiative = complete_initiative(owner=owner)
    client.force_login(owner)
    page = client.get(review_url(initiative)).content.decode()
    for number, title in enumerate(
        ("Basics", "Strategic context", "Partner deliverables"), start=1
    ):
        assert f"{number}. {title}</h2>" in page
    assert 'id="step-form"' not in page  # nothing to edit here
