"""Recording an indicator's measured value: monitoring after approval.

Like recording a delivery (`idd.services.commitment_record`), recording is execution
monitoring, not editing the plan: the initiative's planners (owner and team) record in any
status but withdrawn, an approved initiative stays approved and its revision keeps its
frozen snapshot. The recording claims the initiative's next version, so its printed
draft is rendered again with the new value. A value recorded in error is corrected or
withdrawn with a reason; the measurement's history keeps what it was, and the
initiative's History shows it.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model

from idd.document.indicators import FUTURE_MEASUREMENT
from idd.models import Indicator, IndicatorMeasurement, Initiative
from idd.reference import roles
from idd.services.commitment_record import NOT_ALLOWED, RecordingRefused, can_record
from idd.services.editing import new_version

# What a correction changes, as `correct_measurement` takes it.
CORRECTED = ("measured_on", "value", "source", "note", "reason")
NO_REASON = "Say why the measurement is corrected or withdrawn: what was wrong with it."


def indicator_of(initiative: Initiative, indicator_pk: int) -> Indicator | None:
    """The initiative's indicator of that id, or None (another initiative's, or gone)."""
    return (
        Indicator.objects.filter(pk=indicator_pk, objective__initiative=initiative)
        .select_related("objective")
        .first()
    )


def measurement_of(indicator: Indicator, measurement_pk: int) -> IndicatorMeasurement | None:
    """The indicator's measurement of that id, or None (another's, or withdrawn)."""
    return indicator.measurements.filter(pk=measurement_pk).first()


def _check(
    initiative: Initiative, indicator: Indicator, user: roles.User, measured_on: date
) -> None:
    if not can_record(initiative, user):
        raise PermissionDenied(NOT_ALLOWED)
    if indicator.objective.initiative_id != initiative.pk:
        raise PermissionDenied("This indicator belongs to another initiative.")
    if refusal := initiative.date_refusal(measured_on, FUTURE_MEASUREMENT):
        raise RecordingRefused(refusal)


def claim_next_version(initiative: Initiative) -> None:
    """Measurements add up, so one is never stale: the initiative's row is locked while
    its next version is claimed, and a measurement posted at the same moment waits its
    turn instead of failing (4 of 20 concurrent posts were a 500). Call in a transaction."""
    current = (
        Initiative.objects.select_for_update()
        .values_list("version", flat=True)
        .get(pk=initiative.pk)
    )
    new_version(initiative, current)


def keep_with_reason(row: Model, user: roles.User, reason: str, *, withdraw: bool = False) -> None:
    """Save a record corrected (checked first), or delete one withdrawn; its history keeps
    what it was, who changed it and why. Call in the transaction that claimed the version."""
    row._history_user = user  # type: ignore[attr-defined]
    row._change_reason = reason.strip()  # type: ignore[attr-defined]
    if withdraw:
        row.delete()
    else:
        row.full_clean()
        row.save()


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
    _check(initiative, indicator, user, measured_on)
    if not value.strip() or not source.strip():
        raise RecordingRefused("Enter the value measured and its source.")
    with transaction.atomic():
        claim_next_version(initiative)
        measurement = IndicatorMeasurement(
            indicator=indicator,
            measured_on=measured_on,
            value=value.strip(),
            source=source.strip(),
            note=note.strip(),
            recorded_by=cast(User, user),  # signed in: a planner on the initiative
        )
        measurement.full_clean()
        measurement._history_user = user  # type: ignore[attr-defined]
        measurement.save()
    return measurement


def correct_measurement(
    initiative: Initiative,
    measurement: IndicatorMeasurement,
    user: roles.User,
    *,
    measured_on: date,
    value: str,
    source: str,
    note: str,
    reason: str,
) -> IndicatorMeasurement:
    """Correct a value recorded in error; its history keeps what it was, who corrected it
    and why. Raises PermissionDenied or RecordingRefused."""
    _check(initiative, measurement.indicator, user, measured_on)
    if not value.strip() or not source.strip():
        raise RecordingRefused("Enter the value measured and its source.")
    if not reason.strip():
        raise RecordingRefused(NO_REASON)
    with transaction.atomic():
        claim_next_version(initiative)
        measurement.measured_on = measured_on
        measurement.value, measurement.source = value.strip(), source.strip()
        measurement.note = note.strip()
        keep_with_reason(measurement, user, reason)
    return measurement


def withdraw_measurement(
    initiative: Initiative, measurement: IndicatorMeasurement, user: roles.User, *, reason: str
) -> None:
    """Withdraw a measurement recorded in error: it leaves the page, the charts and the
    judgment; its history keeps it, who withdrew it and why."""
    if not can_record(initiative, user):
        raise PermissionDenied(NOT_ALLOWED)
    if measurement.indicator.objective.initiative_id != initiative.pk:
        raise PermissionDenied("This measurement belongs to another initiative.")
    if not reason.strip():
        raise RecordingRefused(NO_REASON)
    with transaction.atomic():
        claim_next_version(initiative)
        keep_with_reason(measurement, user, reason, withdraw=True)
