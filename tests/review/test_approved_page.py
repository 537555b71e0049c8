"""An approved initiative's page shows the revision as approved; what moved in the live data
since (a partner or unit renamed, a delivery recorded) is listed apart, under "Since approval"."""

import re

import pytest
from django.urls import reverse

from idd.models import Initiative, Partner, PartnerUnit
from idd.reference.choices import InitiativeStatus as S
from idd.services import review

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer, "Sound plan.")
    return Initiative.objects.get(pk=initiative.pk)


def detail(client, user, initiative) -> str:
    client.force_login(user)
    response = client.get(reverse("initiative_detail", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def body_and_since(page: str) -> tuple[str, str]:
    """The page before the "Since approval" block, and the block."""
    body, _, since = page.partition('id="since-approval"')
    return body, " ".join(re.sub(r"<[^>]+>", "", since).split())  # the block as read


def test_the_page_shows_the_approved_revision_and_what_moved_since_apart(client, approved, owner):
    old_partner = approved.partner.country
    Partner.objects.filter(pk=approved.partner_id).update(country="Kestrela Republic")
    PartnerUnit.objects.filter(name="2nd Coastal Patrol Co").update(name="2nd Coastal Squadron")
    approved.partner_deliverables.filter(title__startswith="Designate").update(
        status="delivered", evidence="Chief of Navy order seen"
    )
    body, since = body_and_since(detail(client, owner, approved))

    # The document is the revision as approved: the old names, the delivery not recorded.
    assert "Shown exactly as approved" in body and "revision 1</a>" in body
    assert f"<td>{old_partner}</td>" in body
    assert "2nd Coastal Patrol Co" in body
    assert "Kestrela Republic" not in body and "Chief of Navy order seen" not in body
    # Apart from it, under "Since approval": what differs in today's data.
    assert "see what changed since approval" in body
    assert "Since approval The sections above are revision 1 as approved" in since
    # Each new name, what changed marked and announced.
    assert f"Removed: {old_partner} (end removed) Added: Kestrela Republic (end added)" in since
    assert "2nd Coastal Added: Squadron (end added)" in since  # the after column
    assert "Chief of Navy order seen" in since
    assert "Designate the 2nd Coastal Patrol Company" in since


def test_when_nothing_moved_the_page_says_so(client, approved, outsider):
    body, since = body_and_since(detail(client, outsider, approved))
    assert "Nothing in the live data has changed since." in body
    assert since == ""


def test_a_draft_shows_its_live_data_without_an_approval_note(client, make_initiative, owner):
    initiative = make_initiative(S.DRAFT)
    Partner.objects.filter(pk=initiative.partner_id).update(country="Kestrela Republic")
    page = detail(client, owner, initiative)
    assert "<td>Kestrela Republic</td>" in page
    assert "Shown exactly as approved" not in page and 'id="since-approval"' not in page


def test_the_next_revisions_draft_shows_live_data_again(client, approved, owner):
    review.start_revision(approved, owner)
    Initiative.objects.filter(pk=approved.pk).update(problem_statement="A new problem.")
    page = detail(client, owner, approved)
    assert "A new problem." in page
    assert "Shown exactly as approved" not in page
