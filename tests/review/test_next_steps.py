"""Issue 24 item 6: no dead ends. The review page of a returned IDD offers "Make changes"
(to the first step with an open comment); an edit refused because the IDD is approved
offers to start the next revision, and goes on to the step asked for."""

import pytest
from django.urls import reverse

from idd.models import Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, review

pytestmark = pytest.mark.django_db


def test_a_returned_idds_review_page_offers_make_changes_at_the_first_open_comment(
    client, make_initiative, reviewer, outsider
):
    initiative = make_initiative(S.IN_REVIEW)
    radios = comments.add_comment(initiative, reviewer, "us-inputs", "Cost the radios.")
    comments.add_comment(initiative, reviewer, "risks", "Who owns the entrapment risk?")
    review.request_changes(initiative, reviewer, "Cost every input.")
    url = reverse("initiative_review", args=[initiative.pk])
    step = reverse("wizard_step", args=[initiative.pk, "us-inputs"])

    client.force_login(initiative.owner)
    page = client.get(url).content.decode()
    at_the_comment = f"{step}#comment-{radios.pk}"
    assert f'<a class="usa-button" href="{at_the_comment}">Make changes</a>' in page
    assert "Resubmit" in page  # still offered beside it

    client.force_login(reviewer)  # who cannot edit is not offered it
    assert "Make changes" not in client.get(url).content.decode()


def test_make_changes_goes_to_the_last_step_when_no_comment_is_open(
    client, make_initiative, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    review.request_changes(initiative, reviewer, "Cost every input.")
    Initiative.objects.filter(pk=initiative.pk).update(last_step="objectives")
    client.force_login(initiative.owner)
    page = client.get(reverse("initiative_review", args=[initiative.pk])).content.decode()
    step = reverse("wizard_step", args=[initiative.pk, "objectives"])
    assert f'href="{step}">Make changes</a>' in page


def test_an_edit_refused_after_approval_offers_to_start_the_next_revision(
    client, make_initiative, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer, "Ready for staffing.")
    step = reverse("wizard_step", args=[initiative.pk, "risks"])
    client.force_login(initiative.owner)

    refused = client.get(step)
    page = refused.content.decode()
    assert refused.status_code == 403
    assert "Start the next revision</button>" in page
    assert f'<input type="hidden" name="next" value="{step}">' in page

    started = client.post(
        reverse("initiative_start_revision", args=[initiative.pk]), {"next": step}
    )
    assert started.status_code == 302 and started["Location"] == step
    initiative.refresh_from_db()
    assert (initiative.status, initiative.revision) == (S.DRAFT, 2)
    assert client.get(step).status_code == 200


def test_a_reader_refused_an_edit_is_not_offered_a_revision(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer, "Ready for staffing.")
    client.force_login(reviewer)
    page = client.get(reverse("wizard_step", args=[initiative.pk, "risks"])).content.decode()
    assert "Start the next revision" not in page


def test_an_approved_idds_page_offers_its_planner_the_next_revision(
    client, make_initiative, reviewer
):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer, "Ready for staffing.")
    url = reverse("initiative_detail", args=[initiative.pk])
    client.force_login(initiative.owner)
    assert "Start the next revision</button>" in client.get(url).content.decode()
    client.force_login(reviewer)
    assert "Start the next revision" not in client.get(url).content.decode()


def test_a_returned_idds_dashboard_card_leads_to_what_to_change(client, make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.request_changes(initiative, reviewer, "Cost every input.")
    client.force_login(initiative.owner)
    page = client.get(reverse("dashboard")).content.decode()
    review_page = reverse("initiative_review", args=[initiative.pk])
    assert f'<a class="usa-button" href="{review_page}">See what to change' in page
    assert "Resume at" not in page
