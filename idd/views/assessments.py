"""Commitment assessment pages: the record of assessments and deliveries, and recording them.

Anyone with a role reads them; only the initiative's planners record (services decide).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from assessments.models import CommitmentAssessment
from idd.commitment import stored_commitment
from idd.models import Initiative, PartnerDeliverable
from idd.services import assessments as service
from idd.services.locking import StaleEdit
from idd.snapshot import load, snapshot
from idd.views.initiatives import get_visible_initiative


class RecordAssessmentForm(forms.Form):
    """Recording an assessment takes nothing but the version the planner looked at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RecordDeliveryForm(forms.Form):
    status = forms.ChoiceField(
        label="What the partner did",
        choices=service.RECORDABLE_STATUSES,
        widget=forms.RadioSelect,
        help_text="Only delivery counts: a verbal assurance, a late or a missed deliverable "
        "earns nothing in the assessment.",
    )
    evidence = forms.CharField(
        label="Evidence seen",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows it, and where it is kept: the signed order, the budget line, "
        "the roster, the site visit report.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _recorder_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative, if this user may record on it: else 404 or 403."""
    initiative = get_visible_initiative(request, pk)
    if not service.can_record(initiative, request.user):
        raise PermissionDenied(service.NOT_ALLOWED)
    return initiative


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
    """GET: what would be stored today. POST: store it."""
    initiative = _recorder_initiative(request, pk)
    form = RecordAssessmentForm(request.POST or None, initial={"version": initiative.version})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = service.record_assessment(
                initiative, request.user, form.cleaned_data["version"]
            )
        except (service.RecordingRefused, StaleEdit) as refused:
            form.add_error(None, str(refused))
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
            "kind_label": CommitmentAssessment.Kind(service.next_kind(loaded)).label,
            "refusal": service.todays_refusal(loaded),
        },
    )


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
    """Record what the partner did about one deliverable: status, evidence; who and when."""
    initiative = _recorder_initiative(request, pk)
    deliverable = get_object_or_404(PartnerDeliverable, pk=deliverable_pk, initiative=initiative)
    recordable = dict(service.RECORDABLE_STATUSES)
    initial = {
        "status": deliverable.status if deliverable.status in recordable else None,
        "evidence": deliverable.evidence,
        "version": initiative.version,
    }
    form = RecordDeliveryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.record_delivery(
                initiative,
                deliverable,
                request.user,
                status=form.cleaned_data["status"],
                evidence=form.cleaned_data["evidence"],
                read_version=form.cleaned_data["version"],
            )
        except (service.RecordingRefused, StaleEdit) as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"Recorded: {deliverable.title}: {deliverable.get_status_display()}."
            )
            return redirect("commitment_overview", pk=initiative.pk)
    return render(
        request,
        "idd/assessments/record_delivery.html",
        {"initiative": initiative, "deliverable": deliverable, "form": form},
    )
