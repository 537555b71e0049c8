"""Issue 24 item 2: plan-check warnings are repeated where the planner decides. The review
step and the submit confirmation list every open plan check (severity, what to do, a link
to its row); submitting needs them acknowledged as shown; the reviewers see that they were."""

import pytest
from django.urls import reverse

from idd.models import Initiative, Submission
from idd.reference.choices import InitiativeStatus as S
from idd.services import plan_warnings, review
from tests import factories

pytestmark = pytest.mark.django_db

AHEAD = "U.S. input ahead of the partner"


def with_an_input_ahead(draft) -> Initiative:
    """The complete draft with a U.S. input planned a year before its deliverable."""
    late = factories.PartnerDeliverableFactory(
        initiative=draft, title="Pass the budget law", due_fiscal_year=draft.last_fiscal_year
    )
    radios = factories.USInputFactory(
        initiative=draft, title="Radios", fiscal_year=draft.first_fiscal_year
    )
    radios.matched_deliverables.set([late])
    return draft


def test_the_review_step_lists_the_open_checks_and_never_says_only_filled_in(client, draft):
    with_an_input_ahead(draft)
    client.force_login(draft.owner)
    page = client.get(reverse("wizard_step", args=[draft.pk, "review"])).content.decode()
    assert "plan check" in page and "still open" in page
    assert f"Warning: {AHEAD}." in page
    row = reverse("wizard_step", args=[draft.pk, "us-inputs"]) + "#row-inputs-1"
    assert f'href="{row}">Go to the row' in page
    assert "U2 Radios: Planned FY" in page  # which row, by reference and title
    assert "Every part of the IDD is filled in, but filled in is not free of problems" in page
    assert "no plan check is open" not in page


def test_submitting_needs_the_open_checks_acknowledged_and_records_them(client, draft, reviewer):
    with_an_input_ahead(draft)
    client.force_login(draft.owner)
    confirm = client.get(reverse("initiative_submit_confirm", args=[draft.pk])).content.decode()
    assert f"Warning: {AHEAD}." in confirm
    digest = plan_warnings.current_digest(draft)
    assert f'name="acknowledged" value="{digest}" required' in confirm

    submit = reverse("initiative_submit", args=[draft.pk])
    refused = client.post(submit, follow=True)
    assert "tick that you have" in refused.content.decode()
    assert Initiative.objects.get(pk=draft.pk).status == S.DRAFT
    assert not Submission.objects.filter(initiative=draft).exists()

    assert client.post(submit, {"acknowledged": digest}).status_code == 302
    assert Initiative.objects.get(pk=draft.pk).status == S.SUBMITTED
    (sent,) = Submission.objects.filter(initiative=draft)
    assert [(c["title"], c["row"]) for c in sent.acknowledged_checks] == [(AHEAD, "U2 Radios")]

    client.force_login(reviewer)
    page = client.get(reverse("initiative_review", args=[draft.pk])).content.decode()
    assert "Submitted with 1 plan check open" in page and f"Warning: {AHEAD}." in page


def test_checks_that_changed_since_they_were_read_are_read_again(draft):
    with_an_input_ahead(draft)
    read = plan_warnings.current_digest(draft)
    boats = factories.USInputFactory(initiative=draft, title="Boats, early too")
    boats.matched_deliverables.set(draft.partner_deliverables.filter(title="Pass the budget law"))
    with pytest.raises(review.RefusedTransition, match="changed since this page was opened"):
        review.submit(draft, draft.owner, acknowledged=read)
    assert Initiative.objects.get(pk=draft.pk).status == S.DRAFT


def test_a_plan_without_checks_is_submitted_with_nothing_to_acknowledge(draft):
    assert plan_warnings.current_digest(draft) == ""
    review.submit(draft, draft.owner)
    assert Submission.objects.get(initiative=draft).acknowledged_checks == []
