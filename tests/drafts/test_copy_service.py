"""Copying an initiative as the start of a new one (idd.services.drafts.copy_initiative):
its content and rows come along, its life (status, deliveries, assessments, review) does not."""

import pytest
from django.utils import timezone

from assessments.models import RATED_FIELDS, CommitmentAssessment, CommitmentRatings
from idd.document.commitment import current_inputs
from idd.models import Initiative, ReviewComment, ReviewDecision
from idd.models.access import may
from idd.reference.choices import DeliverableStatus, FundingAuthority
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments, commitment_record, drafts, review
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(draft, owner, reviewer):
    """The complete draft, delivered in part, assessed, commented on and returned."""
    first = draft.partner_deliverables.order_by("pk").first()
    first.status = DeliverableStatus.DELIVERED
    first.delivered_on = timezone.localdate()
    first.evidence = "Signed order seen by the SCO."
    first.verified_by, first.verified_at = owner, timezone.now()
    first.save()
    boats = draft.us_inputs.get()
    boats.status, boats.delivered_on = "partial", timezone.localdate()
    boats.delay_cause, boats.delay_note = "production", "One hull left the yard."
    boats.delivery_recorded_by, boats.delivery_recorded_at = owner, timezone.now()
    boats.save()
    draft.prior_assistance.create(
        fiscal_year=2025,
        authority=FundingAuthority.SECTION_333,
        description="Radios",
        amount=40_000,
    )
    commitment_record.store_assessment(
        draft, "baseline", current_inputs(draft, as_of=timezone.localdate()), owner
    )
    draft = review.submit(draft, owner)
    draft = review.start_review(draft, reviewer)
    comments.add_comment(draft, reviewer, "risks", "Name the mitigation.")
    review.request_changes(draft, reviewer, "Fund the spare parts.")
    return Initiative.objects.get(pk=draft.pk)


def test_the_rows_are_copied_with_their_content(returned, outsider):
    copy = drafts.copy_initiative(returned, outsider)
    for rows in ("yearly_objectives", "partner_deliverables", "us_inputs", "risks"):
        assert getattr(copy, rows).count() == getattr(returned, rows).count() > 0, rows
    assert copy.prior_assistance.count() == returned.prior_assistance.count() == 1
    assert list(copy.targeted_units.all()) == list(returned.targeted_units.all())
    indicators = [o.indicators.count() for o in copy.yearly_objectives.all()]
    assert indicators == [o.indicators.count() for o in returned.yearly_objectives.all()]
    assert copy.problem_statement == returned.problem_statement
    assert copy.sustainment_annual_cost == returned.sustainment_annual_cost
    assert [r.description for r in copy.risks.all()] == [
        r.description for r in returned.risks.all()
    ]
    ratings = CommitmentRatings.objects.get(subject=copy)
    assert [getattr(ratings, f) for f in RATED_FIELDS] == [3] * len(RATED_FIELDS)
    assert ratings.budget_justification == "Seen at the last site visit."
    # The original keeps its own.
    assert returned.partner_deliverables.count() == 2
    assert CommitmentRatings.objects.filter(subject=returned).exists()


def test_matched_deliverables_point_at_the_copies(returned, outsider):
    copy = drafts.copy_initiative(returned, outsider)
    boats = copy.us_inputs.get()
    matched = set(boats.matched_deliverables.all())
    assert matched == set(copy.partner_deliverables.all())
    assert {d.initiative_id for d in matched} == {copy.pk}


def test_the_copy_starts_its_own_life(returned, outsider):
    copy = drafts.copy_initiative(returned, outsider)
    assert copy.title == "Copy of Kestrela coastal patrol capability"
    assert (copy.status, copy.revision, copy.version) == (S.DRAFT, 1, 1)
    assert copy.owner == outsider
    assert list(copy.team_members.all()) == []
    assert may(outsider, "edit", copy)
    for d in copy.partner_deliverables.all():
        assert d.status == DeliverableStatus.PLANNED
        assert (d.delivered_on, d.evidence, d.verified_by, d.verified_at) == (None, "", None, None)
    # What the U.S. did was for the original: the copy's U.S. inputs are planned again.
    boats = copy.us_inputs.get()
    assert (boats.status, boats.delivered_on, boats.delay_cause, boats.delay_note) == (
        "planned",
        None,
        "",
        "",
    )
    assert (boats.delivery_recorded_by, boats.delivery_recorded_at) == (None, None)
    assert not CommitmentAssessment.objects.filter(subject=copy).exists()
    assert not ReviewComment.objects.filter(initiative=copy).exists()
    assert not ReviewDecision.objects.filter(initiative=copy).exists()
    assert not copy.revisions.exists()
    # Its history says where it came from, and who made it.
    record = Initiative.history.get(id=copy.pk, history_type="+")
    assert record.history_user == outsider
    assert record.history_change_reason == f"Copied from initiative {returned.pk}"


def test_a_long_title_is_cut_to_fit_with_an_ellipsis(owner):
    source = factories.InitiativeFactory(owner=owner, title="x" * 200)
    copy = drafts.copy_initiative(source, owner)
    assert len(copy.title) == 200
    assert copy.title.startswith("Copy of xxx") and copy.title.endswith("…")


def test_only_planners_may_copy(draft, reviewer):
    with pytest.raises(drafts.Refused, match="Only planners can start an initiative"):
        drafts.copy_initiative(draft, reviewer)
    assert Initiative.objects.count() == 1
