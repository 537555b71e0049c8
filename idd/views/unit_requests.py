"""Partner unit requests: a planner asks for a unit that is not listed (from the basics
step, which saves or keeps what was typed before coming here), an administrator decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from idd.forms.unit_request import ACCEPT, DECLINE, UnitRequestForm, decision_forms
from idd.guided_form.steps import FIRST_STEP
from idd.models import Initiative
from idd.reference import roles
from idd.services import unit_requests
from idd.views.shared import get_visible_initiative


def _initiative(request: HttpRequest) -> Initiative | None:
    """The initiative the planner came from (?initiative=), if they may edit it."""
    pk = request.GET.get("initiative", "")
    if not pk.isdigit():
        return None
    initiative = get_visible_initiative(request, int(pk))
    return initiative if initiative.is_member(request.user) else None


@require_http_methods(["GET", "POST"])
def request_unit(request: HttpRequest) -> HttpResponse:
    if not roles.is_planner(request.user):
        raise PermissionDenied(unit_requests.ONLY_PLANNERS)
    initiative = _initiative(request)
    partner = initiative.partner if initiative else None
    posted = request.POST if request.method == "POST" else None
    form = UnitRequestForm(posted, partner=partner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asked = unit_requests.request_unit(
                request.user,
                partner or data["partner"],
                name=data["name"],
                service=data["service"],
                reason=data["reason"],
                initiative=initiative,
            )
        except unit_requests.Refused as refused:
            form.add_error("name", refused.message)
        else:
            messages.success(
                request,
                f"Requested: “{asked.name}” ({asked.partner}). An administrator decides; you "
                "are told by e-mail and on your dashboard.",
            )
            if initiative is None:
                return redirect("dashboard")
            return redirect("wizard_step", pk=initiative.pk, step=FIRST_STEP.slug)
    back = (
        reverse("wizard_step", args=[initiative.pk, FIRST_STEP.slug])
        if initiative
        else reverse("dashboard")
    )
    context = {
        "form": form,
        "initiative": initiative,
        "partner": partner,
        "back": back,
        "error_forms": [form] if form.errors else [],
    }
    return render(request, "idd/units/request.html", context)


@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, unit_request_pk: int) -> HttpResponse:
    """One request with its accept and decline forms; the dashboard's forms post here, and
    a form with an error comes back here with what was typed."""
    if not roles.is_administrator(request.user):
        raise PermissionDenied(unit_requests.ONLY_ADMINISTRATORS)
    asked = get_object_or_404(  # requests for partners this administrator does not keep: 404
        unit_requests.decided_by(request.user).select_related(
            "partner", "initiative", "requested_by"
        ),
        pk=unit_request_pk,
    )
    decision = request.POST.get("decision", "")
    accept, decline = decision_forms(asked, request.POST or None, decision)
    status = 200
    if request.method == "POST":
        chosen = {ACCEPT: accept, DECLINE: decline}.get(decision)
        if chosen is None or not chosen.is_valid():
            status = 400
            if chosen is None:
                messages.error(request, "Choose Accept or Decline.")
        else:
            try:
                _take(request, asked.pk, decision, chosen.cleaned_data)
            except unit_requests.Refused as refused:
                asked.refresh_from_db()
                if not asked.is_open:  # decided meanwhile (another tab, another administrator)
                    messages.error(request, refused.message)
                    return redirect("dashboard")
                chosen.add_error("name" if decision == ACCEPT else None, refused.message)
                status = 400
            else:
                return redirect("dashboard")
    context = {
        "asked": asked,
        "accept": accept,
        "decline": decline,
        "error_forms": [f for f in (accept, decline) if f.errors],
    }
    return render(request, "idd/units/decide.html", context, status=status)


def _take(request: HttpRequest, pk: int, decision: str, data: dict) -> None:
    base_url = request.build_absolute_uri("/")
    if decision == ACCEPT:
        done = unit_requests.accept(
            pk, request.user, name=data["name"], http=request, base_url=base_url
        )
        messages.success(
            request,
            f"Accepted: “{data['name'].strip()}” is now a unit of {done.partner}. "
            f"{roles.display_name(done.requested_by)} is told.",
        )
    else:
        done = unit_requests.decline(
            pk, request.user, reason=data["reason"], http=request, base_url=base_url
        )
        messages.success(
            request,
            f"Declined: “{done.name}” ({done.partner}). "
            f"{roles.display_name(done.requested_by)} is told why.",
        )
