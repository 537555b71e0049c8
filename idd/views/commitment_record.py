"""Commitment assessment pages: the record of assessments and deliveries, and recording them.

Anyone with a role reads them; only the initiative's planners record (services decide,
`idd.services.recording` handles what the recording pages post).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.models import CommitmentAssessment
from idd.document.commitment import lateness, stored_commitment, us_standings
from idd.document.snapshot import load, snapshot
from idd.models import Initiative, PartnerDeliverable, USInput
from idd.services import commitment_record as service
from idd.services import recording, us_delivery
from idd.views.shared import get_visible_initiative


def _recorder_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative, if this user may record on it: 404 if they may not read it, else 403."""
    initiative = get_visible_initiative(request, pk)
    service.require_recorder(initiative, request.user)
    return initiative


@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Stored assessments, the partner deliverables as recorded, and the current figures."""
    initiative = get_visible_initiative(request, pk)
    loaded = load(initiative.pk)
    standings = us_standings(loaded, timezone.localdate())
    return render(
        request,
        "idd/commitment_record/overview.html",
        {
            "initiative": loaded,
            "doc": snapshot(loaded),
            "deliverables": loaded.partner_deliverables.all(),
            # Each U.S. input with its standing: "Held back: waiting on D3", "Overdue since …".
            "us_inputs": [(u, standings.get(u.pk, "")) for u in loaded.us_inputs.all()],
            "can_record": service.can_record(loaded, request.user),
        },
    )


def record_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what would be stored today. POST: store it (refused, with the facts that
    changed, if someone saved since the page was read)."""
    initiative = _recorder_initiative(request, pk)
    if request.method == "POST":
        page = recording.submit_assessment(initiative, request.user, request.POST)
        if page.assessment is not None:
            messages.success(request, f"{page.assessment} recorded.")
            return redirect(
                "commitment_assessment", pk=initiative.pk, assessment_pk=page.assessment.pk
            )
    else:
        page = recording.open_assessment(initiative)
    loaded = load(initiative.pk)
    return render(
        request,
        "idd/commitment_record/record_assessment.html",
        {
            "initiative": loaded,
            "doc": snapshot(loaded),
            "form": page.form,
            "version_form": page.version,
            "kind_label": CommitmentAssessment.Kind(service.next_kind(loaded)).label,
            "refusal": service.todays_recording_refusal(loaded),
            "changed": page.changed,
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
        "idd/commitment_record/assessment_detail.html",
        {
            "initiative": initiative,
            "assessment": assessment,
            "commitment": stored_commitment(assessment, earlier),
        },
    )


def record_delivery(request: HttpRequest, pk: int, deliverable_pk: int) -> HttpResponse:
    """Record what the partner did about one deliverable: status, evidence; who and when
    (a stale page comes back merged: `recording.submit_delivery`)."""
    initiative = _recorder_initiative(request, pk)
    deliverable = get_object_or_404(PartnerDeliverable, pk=deliverable_pk, initiative=initiative)
    if request.method == "POST":
        page = recording.submit_delivery(initiative, deliverable, request.user, request.POST)
        if page.saved:
            messages.success(
                request, f"Recorded: {deliverable.title}: {deliverable.get_status_display()}."
            )
            return redirect("commitment_overview", pk=initiative.pk)
    else:
        page = recording.open_delivery(initiative, deliverable)
    return render(
        request,
        "idd/commitment_record/record_delivery.html",
        {
            "initiative": initiative,
            "deliverable": deliverable,
            "form": page.form,
            "version_form": page.version,
            "changed": page.changed,
            "lateness": lateness(deliverable, timezone.localdate()),
        },
    )


def record_us_delivery(request: HttpRequest, pk: int, us_input_pk: int) -> HttpResponse:
    """Record what the U.S. did about one of its inputs: status, the day, the cause of a
    delay (a stale page comes back merged: `us_delivery.submit_us_delivery`)."""
    initiative = _recorder_initiative(request, pk)
    us_input = get_object_or_404(USInput, pk=us_input_pk, initiative=initiative)
    if request.method == "POST":
        page = us_delivery.submit_us_delivery(initiative, us_input, request.user, request.POST)
        if page.saved:
            messages.success(
                request, f"Recorded: {us_input.title}: {us_input.get_status_display()}."
            )
            return redirect("commitment_overview", pk=initiative.pk)
    else:
        page = us_delivery.open_us_delivery(initiative, us_input)
    return render(
        request,
        "idd/commitment_record/record_us_delivery.html",
        {
            "initiative": initiative,
            "us_input": us_input,
            "form": page.form,
            "version_form": page.version,
            "changed": page.changed,
            "standing": us_standings(initiative, timezone.localdate()).get(us_input.pk, ""),
        },
    )
