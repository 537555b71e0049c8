"""Commitment assessment pages: who reads, who records, and what recording does."""

import re
from datetime import date

import pytest
from django.urls import reverse

from assessments.models import CommitmentAssessment, CommitmentRatings
from idd.models import PartnerDeliverable
from idd.reference.choices import InitiativeStatus
from idd.services.locking import CONFLICT_MESSAGE, claim_version
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

READERS = ["owner", "teammate", "outsider", "reviewer"]
RECORDERS = ["owner", "teammate"]
NOT_RECORDERS = ["outsider", "reviewer"]  # readers; a user without a role: not found


@pytest.fixture
def deliverable(initiative):
    return factories.PartnerDeliverableFactory(
        initiative=initiative, title="Fund fuel for the patrol boats", status="planned"
    )


def overview(initiative) -> str:
    return reverse("commitment_overview", args=[initiative.pk])


def record(initiative) -> str:
    return reverse("commitment_record", args=[initiative.pk])


def record_delivery(initiative, deliverable) -> str:
    return reverse("deliverable_record", args=[initiative.pk, deliverable.pk])


def main_of(response) -> str:
    """The page's main content (the header carries a per-request CSRF token)."""
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


# --- Reading -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", READERS)
def test_everyone_with_a_role_reads_the_assessment_pages(client, request, initiative, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(overview(initiative))
    assert response.status_code == 200
    assert "No assessment is stored yet" in response.content.decode()


def test_the_initiative_page_links_to_the_commitment_record(client, initiative, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert f'href="{overview(initiative)}"' in page


def test_a_user_without_a_role_reads_nothing(client, initiative, no_role_user):
    client.force_login(no_role_user)
    assert client.get(overview(initiative)).status_code == 404
    assert client.get(record(initiative)).status_code == 404


@pytest.mark.parametrize("who", READERS)
def test_a_stored_assessment_is_readable_by_every_role(client, request, initiative, owner, who):
    client.force_login(owner)
    client.post(record(initiative), {"lock-version": initiative.version})
    stored = CommitmentAssessment.objects.get()
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("commitment_assessment", args=[initiative.pk, stored.pk]))
    assert response.status_code == 200
    assert "Baseline of" in response.content.decode()


def test_an_assessment_of_another_initiative_is_not_found(client, initiative, owner):
    other = factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    client.post(record(other), {"lock-version": other.version})
    stored = CommitmentAssessment.objects.get()
    url = reverse("commitment_assessment", args=[initiative.pk, stored.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", RECORDERS)
def test_planners_on_the_initiative_see_the_record_actions(
    client, request, initiative, deliverable, who
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(overview(initiative)).content.decode()
    assert record(initiative) in page
    assert record_delivery(initiative, deliverable) in page


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_others_see_no_record_actions(client, request, initiative, deliverable, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(overview(initiative)).content.decode()
    assert record(initiative) not in page
    assert record_delivery(initiative, deliverable) not in page


# --- Recording an assessment -------------------------------------------------------------


@pytest.mark.parametrize("who", RECORDERS)
def test_planners_on_the_initiative_record_an_assessment(client, request, initiative, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(record(initiative)).status_code == 200
    response = client.post(record(initiative), {"lock-version": initiative.version})
    stored = CommitmentAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("commitment_assessment", args=[initiative.pk, stored.pk])
    assert (stored.kind, stored.assessed_by) == ("baseline", user)
    initiative.refresh_from_db()
    assert initiative.version == 2  # claimed: a stale page elsewhere is refused


@pytest.mark.parametrize("who", NOT_RECORDERS)
def test_others_cannot_record_an_assessment(client, request, initiative, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(record(initiative)).status_code == 403
    assert client.post(record(initiative), {"lock-version": initiative.version}).status_code == 403
    assert not CommitmentAssessment.objects.exists()


@pytest.mark.parametrize(
    "status", [InitiativeStatus.SUBMITTED, InitiativeStatus.IN_REVIEW, InitiativeStatus.APPROVED]
)
def test_recording_is_monitoring_so_it_goes_on_after_submission(client, owner, status):
    initiative = factories.InitiativeFactory(owner=owner, status=status)
    client.force_login(owner)
    assert client.post(record(initiative), {"lock-version": initiative.version}).status_code == 302
    assert CommitmentAssessment.objects.filter(subject=initiative).exists()


def test_nobody_records_on_a_withdrawn_initiative(client, owner):
    initiative = factories.InitiativeFactory(owner=owner, status=InitiativeStatus.WITHDRAWN)
    client.force_login(owner)
    assert client.post(record(initiative), {"lock-version": initiative.version}).status_code == 403
    assert client.get(overview(initiative)).status_code == 200


def test_a_rated_but_unjustified_rating_is_refused_by_name(client, initiative, owner):
    CommitmentRatings.objects.create(
        subject=initiative,
        physical_risk=4,
        physical_risk_justification="Armed smugglers",
        budget=2,
        motivation=3,
    )
    client.force_login(owner)
    page = client.get(record(initiative)).content.decode()
    assert "Not justified: Motivation, Budget." in page
    response = client.post(record(initiative), {"lock-version": initiative.version})
    assert response.status_code == 200
    assert "Not justified: Motivation, Budget." in response.content.decode()
    assert not CommitmentAssessment.objects.exists()


def test_a_stale_page_is_refused_with_the_conflict_message(client, initiative, owner):
    client.force_login(owner)
    response = client.post(record(initiative), {"lock-version": initiative.version + 5})
    page = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT_MESSAGE.split(".")[0] in page
    assert not CommitmentAssessment.objects.exists()
    # The page now carries the version stored, so recording again succeeds.
    assert f'name="lock-version" value="{initiative.version}"' in page
    assert client.post(record(initiative), {"lock-version": initiative.version}).status_code == 302


def test_a_second_assessment_the_same_day_is_refused(client, initiative, owner):
    client.force_login(owner)
    client.post(record(initiative), {"lock-version": 1})
    response = client.post(record(initiative), {"lock-version": 2})
    assert "is already recorded, and stored assessments never change" in (response.content.decode())
    assert CommitmentAssessment.objects.count() == 1


# --- Recording a delivery ----------------------------------------------------------------


@pytest.mark.parametrize("who", RECORDERS)
def test_planners_record_a_delivery_with_who_when_and_evidence(
    client, request, initiative, deliverable, who
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(record_delivery(initiative, deliverable)).status_code == 200
    response = client.post(
        record_delivery(initiative, deliverable),
        {
            "status": "partial",
            "evidence": "Budget line seen, half funded",
            "delivered_on": "2026-06-15",
            "lock-version": 1,
        },
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == "partial"
    assert deliverable.evidence == "Budget line seen, half funded"
    assert deliverable.delivered_on == date(2026, 6, 15)
    assert deliverable.verified_by == user and deliverable.verified_at is not None


@pytest.mark.parametrize("who", NOT_RECORDERS)
def test_others_cannot_record_a_delivery(client, request, initiative, deliverable, who):
    client.force_login(request.getfixturevalue(who))
    url = record_delivery(initiative, deliverable)
    assert client.get(url).status_code == 403
    data = {"status": "delivered", "evidence": "Seen", "lock-version": 1}
    assert client.post(url, data).status_code == 403
    deliverable.refresh_from_db()
    assert deliverable.status == "planned"


def test_a_delivery_without_evidence_keeps_what_was_typed(client, initiative, deliverable, owner):
    client.force_login(owner)
    response = client.post(
        record_delivery(initiative, deliverable), {"status": "delivered", "evidence": " "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'value="delivered" checked' in page.replace('"\n', '"')
    deliverable.refresh_from_db()
    assert deliverable.status == "planned"


def test_a_stale_delivery_is_refused_and_keeps_the_input(client, initiative, deliverable, owner):
    client.force_login(owner)
    typed = {"status": "missed", "evidence": "No pier at the site visit"}
    response = client.post(record_delivery(initiative, deliverable), typed | {"lock-version": 7})
    page = response.content.decode()
    assert CONFLICT_MESSAGE.split(".")[0] in page
    assert "No pier at the site visit" in page
    deliverable.refresh_from_db()
    assert deliverable.status == "planned"
    # Saving again, now against the version stored, goes through.
    assert f'name="lock-version" value="{initiative.version}"' in page
    again = client.post(record_delivery(initiative, deliverable), typed | {"lock-version": 1})
    assert again.status_code == 302


def test_a_deliverable_of_another_initiative_is_not_found(client, initiative, owner):
    elsewhere = factories.PartnerDeliverableFactory()
    client.force_login(owner)
    assert client.get(record_delivery(initiative, elsewhere)).status_code == 404


def test_canceled_is_not_something_a_planner_records_here(client, initiative, deliverable, owner):
    client.force_login(owner)
    response = client.post(
        record_delivery(initiative, deliverable),
        {"status": "cancelled", "evidence": "Dropped", "lock-version": 1},
    )
    assert response.status_code == 200
    assert PartnerDeliverable.objects.get(pk=deliverable.pk).status == "planned"


# --- Stored means stored -----------------------------------------------------------------


def test_editing_data_after_an_assessment_leaves_it_and_its_page_unchanged(
    client, initiative, deliverable, owner
):
    client.force_login(owner)
    client.post(record(initiative), {"lock-version": 1}, follow=True)  # shows the "recorded" note
    stored = CommitmentAssessment.objects.get()
    url = reverse("commitment_assessment", args=[initiative.pk, stored.pk])
    before = (stored.inputs, stored.result, main_of(client.get(url)))

    # Later: the deliverable is delivered, renamed and re-rated; a new one is added.
    client.post(
        record_delivery(initiative, deliverable),
        {"status": "delivered", "evidence": "Finance law article 12", "lock-version": 2},
        follow=True,
    )
    PartnerDeliverable.objects.filter(pk=deliverable.pk).update(
        title="Fund fuel, parts and pay", political_risk=5
    )
    factories.PartnerDeliverableFactory(initiative=initiative, status="missed")

    stored.refresh_from_db()
    assert (stored.inputs, stored.result, main_of(client.get(url))) == before
    assert stored.inputs["deliverables"][0]["title"] == "Fund fuel for the patrol boats"
    # ...while the live figures on the overview have moved on.
    assert "Fund fuel, parts and pay" in client.get(overview(initiative)).content.decode()


# --- Someone else recorded meanwhile -----------------------------------------------------


def test_recording_again_after_a_conflict_keeps_what_the_other_planner_recorded(
    client, initiative, deliverable, owner, teammate
):
    """The owner opens the page and changes only the status; meanwhile the teammate adds
    to the evidence. The owner's record is refused, shows the teammate's evidence, and
    recording again keeps it instead of writing back the evidence the owner read."""
    PartnerDeliverable.objects.filter(pk=deliverable.pk).update(
        status="partial", evidence="Half funded", delivered_on="2026-05-01"
    )
    url = record_delivery(initiative, deliverable)
    client.force_login(owner)
    page = page_fields(client.get(url).content.decode(), "record-form")
    client.force_login(teammate)
    teammates = page | {"evidence": ["Half funded; finance law article 12"]}
    assert client.post(url, teammates).status_code == 302

    client.force_login(owner)
    refused = client.post(url, page | {"status": ["delivered"]})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "What changed while you had this page open" in html
    assert "You left it as it was" in html
    again = client.post(url, page_fields(html, "record-form"))
    assert again.status_code == 302
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.evidence) == (
        "delivered",
        "Half funded; finance law article 12",
    )


def test_a_refused_assessment_says_what_changed_and_records_what_is_shown(
    client, initiative, owner, teammate
):
    ratings = CommitmentRatings.objects.create(
        subject=initiative, physical_risk=2, physical_risk_justification="Occasional raids"
    )
    client.force_login(owner)
    page = page_fields(client.get(record(initiative)).content.decode(), "record-form")
    ratings.physical_risk, ratings.physical_risk_justification = 4, "Armed smugglers fire"
    ratings.save()
    claim_version(initiative, initiative.version)  # the teammate's save on the wizard

    refused = client.post(record(initiative), page)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert not CommitmentAssessment.objects.exists()
    assert "Physical risk rating" in html
    assert "2: Occasional raids" in html and "4: Armed smugglers fire" in html
    assert client.post(record(initiative), page_fields(html, "record-form")).status_code == 302
    stored = CommitmentAssessment.objects.get()
    assert stored.inputs["ratings"]["physical_risk"]["score"] == 4
