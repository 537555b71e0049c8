"""Recording an indicator's measured value: monitoring after approval.

Like recording a delivery (`idd.services.assessments`), recording is execution
monitoring, not editing the plan: the initiative's planners (owner and team) record in any
status but withdrawn, an approved initiative stays approved and its revision keeps its
frozen snapshot. The recording claims the initiative's next version, so its printed
draft is rendered again with the new value.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from idd.document.indicators import FUTURE_MEASUREMENT
from idd.models import Indicator, IndicatorMeasurement, Initiative
from idd.reference import roles
from idd.services.assessments import NOT_ALLOWED, RecordingRefused, can_record
from idd.services.editing import new_version


def indicator_of(initiative: Initiative, indicator_pk: int) -> Indicator | None:
    """The initiative's indicator of that id, or None (another initiative's, or gone)."""
    return (
        Indicator.objects.filter(pk=indicator_pk, objective__initiative=initiative)
        .select_related("objective")
        .first()
    )


def record_measurement(
    initiative: Initiative,
    indicator: Indicator,
    user: roles.User,
    *,
    measured_on: date,
    value: str,
    source: str,
    note: str = "",
) -> IndicatorMeasurement:
    """Store one measured value of the indicator, who recorded it and when.

    Raises PermissionDenied or RecordingRefused (with the reason).
    """
    if not can_record(initiative, user):
        raise PermissionDenied(NOT_ALLOWED)
    if indicator.objective.initiative_id != initiative.pk:
        raise PermissionDenied("This indicator belongs to another initiative.")
    if measured_on > timezone.localdate():
        raise RecordingRefused(FUTURE_MEASUREMENT)
    if not value.strip() or not source.strip():
        raise RecordingRefused("Enter the value measured and its source.")
    current = Initiative.objects.values_list("version", flat=True).get(pk=initiative.pk)
    new_version(initiative, current)
    measurement = IndicatorMeasurement(
        indicator=indicator,
        measured_on=measured_on,
        value=value.strip(),
        source=source.strip(),
        note=note.strip(),
        recorded_by=cast(User, user),  # signed in: a planner on the initiative
    )
    measurement.full_clean()
    measurement.save()
    return measurement
