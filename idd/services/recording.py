"""Recording on an initiative's commitment pages: a dated assessment, a delivery.

As `idd.services.editing` does for the guided form, these take what a page posted, record
it (`idd.services.commitment_record` holds the rules) and, when someone saved meanwhile
(StaleEdit), give the page back with what changed: for an assessment, the facts that
moved since the page was read; for a delivery, the fields merged three ways, so recording
again never writes the old values back over someone else's record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from assessments.models import CommitmentAssessment
from idd.forms import conflicts
from idd.forms.base import VersionForm
from idd.forms.delivery import RecordDeliveryForm
from idd.models import Initiative, PartnerDeliverable
from idd.services import commitment_record as service
from idd.services.locking import CONFLICT_MESSAGE, StaleEdit


def after_conflict(
    form: forms.Form, initiative: Initiative, message: str, read: str = ""
) -> VersionForm:
    """Show the conflict; the input stays, and the next save is checked against what is
    stored now (so saving again after a look at the other change succeeds)."""
    form.add_error(None, message)
    version = Initiative.objects.values_list("version", flat=True).get(pk=initiative.pk)
    return VersionForm(initial={"version": version, "read": read})


@dataclass
class AssessmentPage:
    """The recording page of an assessment, or, once `assessment` is set, what was stored."""

    form: forms.Form  # carries the refusal or conflict message
    version: VersionForm
    changed: list[tuple[str, str, str]] | None = None  # facts that moved: name, then, now
    assessment: CommitmentAssessment | None = None


def open_assessment(initiative: Initiative) -> AssessmentPage:
    """What would be stored today; the page carries the facts it shows."""
    facts = json.dumps(service.assessed_facts(initiative))
    return AssessmentPage(
        forms.Form(), VersionForm(initial={"version": initiative.version, "read": facts})
    )


def submit_assessment(initiative: Initiative, user, post: QueryDict) -> AssessmentPage:
    """Store the assessment; if someone saved since the page was read, nothing is stored
    and the page says which facts changed, so what is recorded is what was last seen."""
    form = forms.Form(post)  # bound on every POST, even an empty one
    version = VersionForm(post, initial={"version": initiative.version})
    try:
        if not version.is_valid():
            raise StaleEdit(CONFLICT_MESSAGE)
        assessment = service.record_assessment(initiative, user, version.cleaned_data["version"])
    except service.RecordingRefused as refused:
        form.add_error(None, str(refused))
    except StaleEdit as stale:
        now = service.assessed_facts(initiative)
        seen = conflicts.parse_values(post.get("lock-read")) or {}
        changed = service.changed_facts({k: str(v) for k, v in seen.items()}, now)
        version = after_conflict(form, initiative, str(stale), json.dumps(now))
        return AssessmentPage(form, version, changed)
    else:
        return AssessmentPage(form, version, assessment=assessment)
    return AssessmentPage(form, version)


@dataclass
class DeliveryPage:
    """The recording page of a delivery, or, once `saved`, the delivery recorded."""

    form: RecordDeliveryForm
    version: VersionForm
    changed: list[conflicts.ChangedField] | None = None
    saved: bool = False


def _initial(deliverable: PartnerDeliverable) -> dict[str, object]:
    recordable = dict(service.RECORDABLE_STATUSES)
    return {
        "status": deliverable.status if deliverable.status in recordable else None,
        "evidence": deliverable.evidence,
        "delivered_on": deliverable.delivered_on,
    }


def _read(initiative: Initiative, deliverable: PartnerDeliverable) -> str:
    form = RecordDeliveryForm(initial=_initial(deliverable), initiative=initiative)
    return json.dumps(conflicts.stored_state(form))


def open_delivery(initiative: Initiative, deliverable: PartnerDeliverable) -> DeliveryPage:
    """The deliverable as recorded; the page carries the values it shows."""
    initial = _initial(deliverable)
    read = _read(initiative, deliverable)
    return DeliveryPage(
        RecordDeliveryForm(initial=initial, initiative=initiative),
        VersionForm(initial={"version": initiative.version, "read": read}),
    )


def submit_delivery(
    initiative: Initiative, deliverable: PartnerDeliverable, user, post: QueryDict
) -> DeliveryPage:
    """Record what the partner did. If someone else saved meanwhile, nothing is recorded:
    the form comes back with what they recorded in place of every field this planner left
    as it was, and their record beside this planner's."""
    initial = _initial(deliverable)
    read = _read(initiative, deliverable)
    version = VersionForm(post, initial={"version": initiative.version, "read": read})
    form = RecordDeliveryForm(post, initial=initial, initiative=initiative)
    if not form.is_valid():
        return DeliveryPage(form, version)
    try:
        if not version.is_valid():
            raise StaleEdit(CONFLICT_MESSAGE)
        service.record_delivery(
            initiative,
            deliverable,
            user,
            status=form.cleaned_data["status"],
            evidence=form.cleaned_data["evidence"],
            read_version=version.cleaned_data["version"],
            delivered_on=form.cleaned_data["delivered_on"],
        )
    except service.RecordingRefused as refused:
        form.add_error(None, str(refused))
    except StaleEdit as stale:
        data = post.copy()
        read_then = conflicts.parse_values(data.get("lock-read"))
        who = conflicts.last_saved_by(deliverable)
        changed = conflicts.merge_form(form, read_then, data, who)
        form = RecordDeliveryForm(data, initial=initial, initiative=initiative)
        version = after_conflict(form, initiative, str(stale), read)
        return DeliveryPage(form, version, changed)
    else:
        return DeliveryPage(form, version, saved=True)
    return DeliveryPage(form, version)
