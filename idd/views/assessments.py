"""Commitment assessment pages: the record of assessments and deliveries, and recording them.

Anyone with a role reads them; only the initiative's planners record (services decide).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments import method
from assessments.models import CommitmentAssessment
from idd.document.commitment import lateness, stored_commitment
from idd.document.snapshot import load, snapshot
from idd.forms import conflicts
from idd.forms.base import VersionForm
from idd.models import Initiative, PartnerDeliverable
from idd.services import assessments as service
from idd.services.locking import CONFLICT_MESSAGE, StaleEdit
from idd.views.shared import get_visible_initiative


class RecordDeliveryForm(forms.Form):
    status = forms.ChoiceField(
        label="What the partner did",
        choices=service.RECORDABLE_STATUSES,
        widget=forms.RadioSelect,
        help_text="Only delivery counts: a verbal assurance or a missed deliverable earns "
        "nothing in the assessment; a delivery after its due quarter counts, shown as late.",
    )
    # The model's field: its length limit and refusal of control characters.
    evidence = PartnerDeliverable._meta.get_field("evidence").formfield(
        label="Evidence seen",
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows it, and where it is kept: the signed order, the budget line, "
        "the roster, the site visit report.",
    )
    delivered_on = forms.DateField(
        label="Date delivered",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The day the partner delivered it, in full or in part, as the evidence "
        "shows. Only a delivery has a date: for any other answer it is left out.",
        error_messages={"invalid": "Enter the date delivered as a real date, e.g. 15 March 2027."},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") not in method.RISK_TAKEN:
            cleaned["delivered_on"] = None  # ignored: only a delivery happened on a day
            self.errors.pop("delivered_on", None)
        elif "delivered_on" in self.errors:
            pass  # not a date: its own message says so
        elif cleaned.get("delivered_on") is None:
            self.add_error("delivered_on", NO_DELIVERY_DATE)
        elif cleaned["delivered_on"] > timezone.localdate():
            self.add_error("delivered_on", service.FUTURE_DELIVERY)
        return cleaned


NO_DELIVERY_DATE = "Enter the date it was delivered: the day the evidence shows, today or earlier."


def _recorder_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative, if this user may record on it: 404 if they may not read it, else 403."""
    initiative = get_visible_initiative(request, pk)
    if not service.can_record(initiative, request.user):
        raise PermissionDenied(service.NOT_ALLOWED)
    return initiative


def _version_form(request: HttpRequest, initiative: Initiative) -> VersionForm:
    return VersionForm(request.POST or None, initial={"version": initiative.version})


def _after_conflict(
    form: forms.Form, initiative: Initiative, message: str, read: str = ""
) -> VersionForm:
    """Show the conflict; the input stays, and the next save is checked against what is
    stored now (so saving again after a look at the other change succeeds)."""
    form.add_error(None, message)
    version = Initiative.objects.values_list("version", flat=True).get(pk=initiative.pk)
    return VersionForm(initial={"version": version, "read": read})


@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Stored assessments, the partner deliverables as recorded, and the current figures."""
    initiative = get_visible_initiative(request, pk)
    loaded = load(initiative.pk)
    return render(
        request,
        "idd/assessments/overview.html",
        {
            "initiative": loaded,
            "doc": snapshot(loaded),
            "deliverables": loaded.partner_deliverables.all(),
            "can_record": service.can_record(loaded, request.user),
        },
    )


def record_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what would be stored today. POST: store it.

    The page carries the facts it showed; if someone saved meanwhile, nothing is stored
    and the page says which facts changed, so what is recorded is what was last seen."""
    initiative = _recorder_initiative(request, pk)
    version = _version_form(request, initiative)
    if request.method == "GET":
        facts = json.dumps(service.assessed_facts(initiative))
        version = VersionForm(initial={"version": initiative.version, "read": facts})
    # Carries the refusal or conflict message; bound on every POST, even an empty one.
    form = forms.Form(request.POST if request.method == "POST" else None)
    changed = None
    if request.method == "POST":
        try:
            if not version.is_valid():
                raise StaleEdit(CONFLICT_MESSAGE)
            assessment = service.record_assessment(
                initiative, request.user, version.cleaned_data["version"]
            )
        except service.RecordingRefused as refused:
            form.add_error(None, str(refused))
        except StaleEdit as stale:
            now = service.assessed_facts(initiative)
            seen = conflicts.parse_values(request.POST.get("lock-read")) or {}
            changed = service.changed_facts({k: str(v) for k, v in seen.items()}, now)
            version = _after_conflict(form, initiative, str(stale), json.dumps(now))
        else:
            messages.success(request, f"{assessment} recorded.")
            return redirect("commitment_assessment", pk=initiative.pk, assessment_pk=assessment.pk)
    loaded = load(initiative.pk)
    return render(
        request,
        "idd/assessments/record_assessment.html",
        {
            "initiative": loaded,
            "doc": snapshot(loaded),
            "form": form,
            "version_form": version,
            "kind_label": CommitmentAssessment.Kind(service.next_kind(loaded)).label,
            "refusal": service.todays_recording_refusal(loaded),
            "changed": changed,
        },
    )


@require_GET
def assessment_detail(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    """One stored assessment, exactly as recorded, beside those recorded before it."""
    initiative = get_visible_initiative(request, pk)
    assessment = get_object_or_404(
        CommitmentAssessment.objects.select_related("assessed_by"),
        pk=assessment_pk,
        subject=initiative,
    )
    earlier = [
        a
        for a in CommitmentAssessment.objects.filter(subject=initiative)
        if (a.assessed_on, a.pk) < (assessment.assessed_on, assessment.pk)
    ]
    return render(
        request,
        "idd/assessments/assessment_detail.html",
        {
            "initiative": initiative,
            "assessment": assessment,
            "commitment": stored_commitment(assessment, earlier),
        },
    )


def record_delivery(request: HttpRequest, pk: int, deliverable_pk: int) -> HttpResponse:
    """Record what the partner did about one deliverable: status, evidence; who and when.

    If someone else saved meanwhile, nothing is recorded: the form comes back with what
    they recorded in place of every field this planner left as it was, and their record
    beside this planner's, so recording again never writes the old values back."""
    initiative = _recorder_initiative(request, pk)
    deliverable = get_object_or_404(PartnerDeliverable, pk=deliverable_pk, initiative=initiative)
    recordable = dict(service.RECORDABLE_STATUSES)
    initial = {
        "status": deliverable.status if deliverable.status in recordable else None,
        "evidence": deliverable.evidence,
        "delivered_on": deliverable.delivered_on,
    }
    changed: list[conflicts.ChangedField] | None = None
    read = conflicts.stored_state(RecordDeliveryForm(initial=initial))
    version = VersionForm(
        request.POST or None, initial={"version": initiative.version, "read": json.dumps(read)}
    )
    form = RecordDeliveryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if not version.is_valid():
                raise StaleEdit(CONFLICT_MESSAGE)
            service.record_delivery(
                initiative,
                deliverable,
                request.user,
                status=form.cleaned_data["status"],
                evidence=form.cleaned_data["evidence"],
                read_version=version.cleaned_data["version"],
                delivered_on=form.cleaned_data["delivered_on"],
            )
        except service.RecordingRefused as refused:
            form.add_error(None, str(refused))
        except StaleEdit as stale:
            data = request.POST.copy()
            read_then = conflicts.parse_values(data.get("lock-read"))
            who = conflicts.last_saved_by(deliverable)
            changed = conflicts.merge_form(form, read_then, data, who)
            form = RecordDeliveryForm(data, initial=initial)
            version = _after_conflict(form, initiative, str(stale), json.dumps(read))
        else:
            messages.success(
                request, f"Recorded: {deliverable.title}: {deliverable.get_status_display()}."
            )
            return redirect("commitment_overview", pk=initiative.pk)
    return render(
        request,
        "idd/assessments/record_delivery.html",
        {
            "initiative": initiative,
            "deliverable": deliverable,
            "form": form,
            "version_form": version,
            "changed": changed,
            "lateness": lateness(deliverable, timezone.localdate()),
        },
    )
