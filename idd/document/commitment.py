"""The bridge from an initiative's rows to the pure commitment scoring core.

assessments.scoring works on plain data; this module reads the initiative's partner
deliverables, U.S. inputs and the planner's ratings and hands them over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from assessments import method, scoring, us_record, wording
from assessments.fiscal import format_date
from assessments.models import RATED_FIELDS, CommitmentAssessment, CommitmentRatings
from idd.models import Initiative, PartnerDeliverable, USInput


def planner_ratings(ratings: CommitmentRatings | None) -> scoring.PlannerRatings:
    """The stored ratings as plain data; unrated where the planner has not rated yet."""

    def rating(field: str) -> scoring.Rating:
        if ratings is None:
            return scoring.Rating(None)
        return scoring.Rating(getattr(ratings, field), getattr(ratings, f"{field}_justification"))

    return scoring.PlannerRatings(**{field: rating(field) for field in RATED_FIELDS})


def stored_ratings(initiative: Initiative) -> CommitmentRatings | None:
    """The planner's ratings, or None before any; free when loaded with select_related."""
    try:
        return initiative.commitment_ratings
    except CommitmentRatings.DoesNotExist:
        return None


def deliverable_input(d: PartnerDeliverable) -> scoring.Deliverable:
    """One partner deliverable as the scoring core reads it."""
    return scoring.Deliverable(
        id=d.pk,
        title=d.title,
        category=d.category,
        political_risk=d.political_risk,
        status=d.status,
        fiscal_year=d.due_fiscal_year,
        quarter=d.due_quarter,
        has_verification=bool(d.verification_method.strip()),
        # Only a delivery carries its date (a status changed since may leave one).
        delivered_on=d.delivered_on if d.status in method.RISK_TAKEN else None,
        reference=d.reference_number,
    )


def us_input_input(u: USInput) -> scoring.USInput:
    """One U.S. input as the scoring core reads it (matched_deliverables prefetched)."""
    return scoring.USInput(
        id=u.pk,
        title=u.title,
        category=u.category,
        fiscal_year=u.fiscal_year,
        fiscal_quarter=u.fiscal_quarter,
        estimated_cost=u.estimated_cost,
        matched_deliverable_ids=tuple(d.pk for d in u.matched_deliverables.all()),
        status=u.status,
        # Only a delivery carries its date (the database refuses any other).
        delivered_on=u.delivered_on if u.status in method.US_DELIVERED else None,
        cancel_reason=u.cancel_reason if u.status == method.CANCELLED else "",
        reference=u.reference_number,
    )


def us_standings(initiative: Initiative, as_of: date) -> dict[int, str]:
    """Each U.S. input's standing by id: "Held back: waiting on D3", "Overdue since …",
    "Delivered 2 months late", "Canceled: …" or "" (the core's rule, us_record.standing)."""
    inputs = current_inputs(initiative, as_of)
    return {u.id: us_record.standing(inputs, u) for u in inputs.us_inputs}


def lateness(deliverable: PartnerDeliverable, as_of: date) -> str:
    """ "delivered 2 months late", "overdue since 31 Mar 2027" or "", by the core's rule."""
    return wording.lateness(deliverable_input(deliverable), as_of)


def assessment_inputs(
    initiative: Initiative,
    deliverables: Iterable[PartnerDeliverable],
    us_inputs: Iterable[USInput],
    ratings: CommitmentRatings | None,
    as_of: date | None = None,
) -> scoring.AssessmentInputs:
    """Plain inputs for the scoring core. U.S. inputs must have matched_deliverables prefetched."""
    return scoring.AssessmentInputs(
        as_of=as_of or timezone.localdate(),
        first_fiscal_year=initiative.first_fiscal_year,
        last_fiscal_year=initiative.last_fiscal_year,
        deliverables=tuple(deliverable_input(d) for d in deliverables),
        us_inputs=tuple(us_input_input(u) for u in us_inputs),
        ratings=planner_ratings(ratings),
    )


def current_inputs(initiative: Initiative, as_of: date) -> scoring.AssessmentInputs:
    """The initiative's data as it is now, assessed as of a date (three queries)."""
    return assessment_inputs(
        initiative,
        initiative.partner_deliverables.all(),
        initiative.us_inputs.prefetch_related("matched_deliverables"),
        CommitmentRatings.objects.filter(subject=initiative).first(),
        as_of=as_of,
    )


def current_results(initiatives: QuerySet[Initiative]) -> list[tuple[Initiative, dict[str, Any]]]:
    """Each initiative with its commitment result as of today, for lists such as the
    dashboard's: a fixed number of queries however many initiatives."""
    rows = initiatives.select_related("commitment_ratings").prefetch_related(
        "partner_deliverables",
        Prefetch("us_inputs", queryset=USInput.objects.prefetch_related("matched_deliverables")),
    )
    today = timezone.localdate()
    return [
        (
            initiative,
            scoring.assess(
                assessment_inputs(
                    initiative,
                    initiative.partner_deliverables.all(),
                    initiative.us_inputs.all(),
                    stored_ratings(initiative),
                    as_of=today,
                )
            ).to_dict(),
        )
        for initiative in rows
    ]


def assessment_entry(assessment: CommitmentAssessment) -> dict[str, Any]:
    """A stored assessment as plain data: its result exactly as recorded that day."""
    return {
        "id": assessment.pk,
        "kind": assessment.kind,
        "kind_label": assessment.get_kind_display(),
        "assessed_on": assessment.assessed_on.isoformat(),
        "assessed_on_label": format_date(assessment.assessed_on),
        "result": assessment.result,
    }


def stored_commitment(
    assessment: CommitmentAssessment, earlier: Iterable[CommitmentAssessment]
) -> dict[str, Any]:
    """A stored assessment in the shape of the snapshot's "commitment" key, so it renders
    through the same templates; `earlier` assessments become the trend's earlier points."""
    return {
        "inputs": assessment.inputs,
        "result": assessment.result,
        "as_of_label": format_date(assessment.assessed_on),
        "history": [assessment_entry(a) for a in earlier],
    }
