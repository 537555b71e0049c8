"""Recording what the U.S. did about its own inputs, after approval as for the partner's.

The U.S. side of the ledger (method version 4): planners record each U.S. input's status
(planned, delivered, partially delivered, canceled with a reason), the day it was
delivered (never in the future) and the cause of a delay. Overdue and "held back: waiting
on D3" are derived from the date and the partner's deliverables (assessments.us_record),
never stored. Who may record, and the refusal of a stale page, are those of recording a
partner delivery (idd.services.commitment_record, idd.services.recording).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils import timezone

from assessments import method
from idd.forms import conflicts
from idd.forms.base import VersionForm
from idd.forms.us_delivery import FUTURE_DELIVERY, RecordUSDeliveryForm
from idd.models import Initiative, USInput
from idd.reference.choices import DelayCause, USInputStatus
from idd.services.commitment_record import RecordingRefused, require_recorder
from idd.services.editing import new_version
from idd.services.locking import CONFLICT_MESSAGE, StaleEdit
from idd.services.recording import after_conflict
from idd.services.summaries import refresh_summary


def record_us_delivery(
    initiative: Initiative,
    us_input: USInput,
    user,
    *,
    status: str,
    read_version: int,
    delivered_on: date | None = None,
    cancel_reason: str = "",
    delay_cause: str = "",
    delay_note: str = "",
) -> USInput:
    """Record what the U.S. did about one input, who recorded it and when. A delivery (in
    full or in part) keeps its day, today unless given; a cancellation its reason. The
    input's history (django-simple-history) keeps every earlier record.

    Raises PermissionDenied, RecordingRefused or StaleEdit.
    """
    require_recorder(initiative, user)
    if us_input.initiative_id != initiative.pk:
        raise PermissionDenied("This U.S. input belongs to another initiative.")
    if status not in USInputStatus.values:
        raise RecordingRefused(f"{status!r} is not a status of a U.S. input.")
    if delay_cause and delay_cause not in DelayCause.values:
        raise RecordingRefused(f"{delay_cause!r} is not a cause of delay.")
    if status == method.CANCELLED and not cancel_reason.strip():
        raise RecordingRefused("Say why it was canceled.")
    if delivered_on is not None and (
        refusal := initiative.date_refusal(delivered_on, FUTURE_DELIVERY)
    ):
        raise RecordingRefused(refusal)
    new_version(initiative, read_version)
    us_input.status = status
    us_input.delivered_on = (
        (delivered_on or timezone.localdate()) if status in method.US_DELIVERED else None
    )
    us_input.cancel_reason = cancel_reason.strip() if status == method.CANCELLED else ""
    us_input.delay_cause = delay_cause
    us_input.delay_note = delay_note.strip()
    us_input.delivery_recorded_by = user
    us_input.delivery_recorded_at = timezone.now()
    us_input.save(
        update_fields=[
            "status",
            "delivered_on",
            "cancel_reason",
            "delay_cause",
            "delay_note",
            "delivery_recorded_by",
            "delivery_recorded_at",
        ]
    )
    refresh_summary(initiative)
    return us_input


@dataclass
class USDeliveryPage:
    """The recording page of a U.S. input, or, once `saved`, the delivery recorded."""

    form: RecordUSDeliveryForm
    version: VersionForm
    changed: list[conflicts.ChangedField] | None = None
    saved: bool = False


def _initial(u: USInput) -> dict[str, object]:
    return {
        "status": u.status,
        "delivered_on": u.delivered_on,
        "cancel_reason": u.cancel_reason,
        "delay_cause": u.delay_cause,
        "delay_note": u.delay_note,
    }


def _read(initiative: Initiative, u: USInput) -> str:
    form = RecordUSDeliveryForm(initial=_initial(u), initiative=initiative)
    return json.dumps(conflicts.stored_state(form))


def open_us_delivery(initiative: Initiative, u: USInput) -> USDeliveryPage:
    """The U.S. input as recorded; the page carries the values it shows."""
    return USDeliveryPage(
        RecordUSDeliveryForm(initial=_initial(u), initiative=initiative),
        VersionForm(initial={"version": initiative.version, "read": _read(initiative, u)}),
    )


def submit_us_delivery(initiative: Initiative, u: USInput, user, post: QueryDict) -> USDeliveryPage:
    """Record what the U.S. did. If someone else saved meanwhile, nothing is recorded: the
    form comes back with their record in place of every field this planner left as it was."""
    initial = _initial(u)
    read = _read(initiative, u)
    version = VersionForm(post, initial={"version": initiative.version, "read": read})
    form = RecordUSDeliveryForm(post, initial=initial, initiative=initiative)
    if not form.is_valid():
        return USDeliveryPage(form, version)
    try:
        if not version.is_valid():
            raise StaleEdit(CONFLICT_MESSAGE)
        record_us_delivery(
            initiative,
            u,
            user,
            status=form.cleaned_data["status"],
            read_version=version.cleaned_data["version"],
            delivered_on=form.cleaned_data["delivered_on"],
            cancel_reason=form.cleaned_data["cancel_reason"],
            delay_cause=form.cleaned_data["delay_cause"],
            delay_note=form.cleaned_data["delay_note"],
        )
    except RecordingRefused as refused:
        form.add_error(None, str(refused))
    except StaleEdit as stale:
        data = post.copy()
        read_then = conflicts.parse_values(data.get("lock-read"))
        changed = conflicts.merge_form(form, read_then, data, conflicts.last_saved_by(u))
        form = RecordUSDeliveryForm(data, initial=initial, initiative=initiative)
        version = after_conflict(form, initiative, str(stale), read)
        return USDeliveryPage(form, version, changed)
    else:
        return USDeliveryPage(form, version, saved=True)
    return USDeliveryPage(form, version)
