"""Indicators followed after approval: each with its measurements and whether it is on
track (the rule is `assessments.on_track`'s), as the snapshot and the initiative page
show them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from assessments import on_track as rule
from assessments.fiscal import format_date
from idd.document.shape import Measurement, MonitoredIndicator
from idd.models import Indicator, IndicatorMeasurement, Initiative, YearlyObjective
from idd.reference.roles import display_name

FUTURE_MEASUREMENT = (
    "The date measured cannot be in the future: enter the day it was measured, today or earlier."
)
MEASUREMENTS = Prefetch(
    "measurements", queryset=IndicatorMeasurement.objects.select_related("recorded_by")
)


def with_measurements(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return indicators.prefetch_related(MEASUREMENTS)


def _measurement(m: IndicatorMeasurement) -> Measurement:
    return {
        "id": m.pk,
        "measured_on": m.measured_on.isoformat(),
        "measured_on_label": format_date(m.measured_on),
        "value": m.value,
        "source": m.source,
        "note": m.note,
        "recorded_by": display_name(m.recorded_by),
        "recorded_at": m.recorded_at.isoformat(),
    }


def monitored(indicator: Indicator, fiscal_year: int, first_fiscal_year: int) -> MonitoredIndicator:
    """One indicator of an objective of `fiscal_year`, its measurements prefetched."""
    rows = list(indicator.measurements.all())
    start, end = rule.period_start(first_fiscal_year), rule.target_date(fiscal_year)
    readings = [rule.Reading(m.measured_on, m.value) for m in rows]
    judgment = rule.judge(indicator.baseline, indicator.target, start, end, readings)
    return {
        "id": indicator.pk,
        "fiscal_year": fiscal_year,
        "description": indicator.description,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "start": start.isoformat(),
        "target_date": end.isoformat(),
        "target_date_label": format_date(end),
        "track": judgment.track.value,
        "track_label": judgment.label,
        "reason": judgment.reason,
        "measurements": [_measurement(m) for m in rows],
    }


def of_objectives(
    objectives: Iterable[YearlyObjective], first_fiscal_year: int
) -> list[MonitoredIndicator]:
    """Every indicator of these objectives (indicators and measurements prefetched)."""
    return [
        monitored(indicator, objective.fiscal_year, first_fiscal_year)
        for objective in objectives
        for indicator in objective.indicators.all()
    ]


def live(initiative: Initiative) -> list[MonitoredIndicator]:
    """The initiative's indicators as they are now (for an approved one: since approval
    too), in three queries."""
    objectives = YearlyObjective.objects.filter(initiative=initiative).prefetch_related(
        Prefetch("indicators", queryset=with_measurements(Indicator.objects.all()))
    )
    return of_objectives(objectives, initiative.first_fiscal_year)
