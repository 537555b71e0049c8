"""Keeping each initiative's stored summary (idd.models.summary) up to date.

The figures come from the scoring core exactly as the initiative's own commitment
assessment computes them (`idd.document.commitment.current_results`' inputs, `scoring.assess`),
never re-implemented here. Services that change an initiative's rows call
`refresh_summary` in their transaction; the worker's daily task (`idd.tasks`) calls
`refresh_stale_summaries` once the date has moved on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from assessments import scoring
from idd.document.commitment import assessment_inputs, stored_ratings
from idd.models import Initiative, USInput
from idd.models.summary import InitiativeSummary

# Initiatives scored per batch: keeps each IN (...) list well under SQLite's limit.
BATCH = 500
UPDATED_FIELDS = [f.name for f in InitiativeSummary._meta.concrete_fields if f.name != "initiative"]


def summary_values(
    inputs: scoring.AssessmentInputs, last_assessed_on: date | None
) -> dict[str, Any]:
    """The stored figures of one initiative, from the same result its page shows."""
    result = scoring.assess(inputs)
    total = sum((u.estimated_cost or Decimal(0) for u in inputs.us_inputs), Decimal(0))
    points = result.risk_accepted_points
    codes = [flag.rule for flag in result.flags]
    return {
        "demonstrated": result.demonstrated,
        "demonstrated_state": result.demonstrated_state,
        "delivery_record": result.delivery_record,
        "risk_accepted_points": points,
        "highest_risk_accepted": result.highest_risk_accepted,
        "physical_risk": result.physical_risk,
        "quadrant": result.quadrant or "",
        "stated_willingness": result.stated_willingness,
        "gap": result.gap,
        "flag_codes": f" {' '.join(codes)} " if codes else " ",
        "flag_count": len(codes),
        "overdue_count": sum(d.overdue(inputs.as_of) for d in inputs.deliverables),
        "us_delivery_record": result.us_delivery_record,
        "us_overdue_count": result.us_overdue_count,
        "total_us_cost": total,
        # Whole dollars per point; none while nothing has been delivered.
        "cost_per_risk_point": (total / Decimal(str(points))).quantize(Decimal(1))
        if points
        else None,
        "last_assessed_on": last_assessed_on,
        "as_of": inputs.as_of,
    }


def _scored(initiatives: QuerySet[Initiative], as_of: date) -> Iterator[InitiativeSummary]:
    rows = (
        initiatives.select_related("commitment_ratings")
        .prefetch_related(
            "partner_deliverables",
            Prefetch("us_inputs", USInput.objects.prefetch_related("matched_deliverables")),
        )
        .annotate(last_assessed_on=Max("commitment_assessments__assessed_on"))
        .order_by()
    )
    now = timezone.now()
    for initiative in rows:
        inputs = assessment_inputs(
            initiative,
            initiative.partner_deliverables.all(),
            initiative.us_inputs.all(),
            stored_ratings(initiative),
            as_of=as_of,
        )
        values = summary_values(inputs, initiative.last_assessed_on)
        yield InitiativeSummary(initiative=initiative, computed_at=now, **values)


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    found = iter(ids)
    while chunk := list(islice(found, BATCH)):
        yield chunk


def refresh_summaries(ids: Iterable[int], as_of: date | None = None) -> int:
    """Recompute and store the summaries of these initiatives; how many were stored."""
    as_of = as_of or timezone.localdate()
    stored = 0
    for chunk in _chunks(ids):
        summaries = list(_scored(Initiative.objects.filter(pk__in=chunk), as_of))
        InitiativeSummary.objects.bulk_create(
            summaries,
            update_conflicts=True,
            unique_fields=["initiative"],
            update_fields=UPDATED_FIELDS,
        )
        stored += len(summaries)
    return stored


def refresh_summary(initiative: Initiative) -> None:
    """Bring one initiative's summary up to date: called by every service that changes
    its rows, inside that service's transaction."""
    refresh_summaries([initiative.pk])


def stale_ids(today: date | None = None) -> list[int]:
    """Initiatives whose figures are as of an earlier day, or never computed."""
    today = today or timezone.localdate()
    return list(Initiative.objects.exclude(summary__as_of__gte=today).values_list("pk", flat=True))


def refresh_stale_summaries(today: date | None = None) -> int:
    """The daily refresh: a new day can move a deliverable into "due" (or overdue)."""
    today = today or timezone.localdate()
    return refresh_summaries(stale_ids(today), as_of=today)


def refresh_all() -> int:
    return refresh_summaries(list(Initiative.objects.values_list("pk", flat=True)))
