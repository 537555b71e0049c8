"""The staffing route's steps (issue 27): an office's decision, the approval authority's
approval (confirmed on a page of its own: it freezes the revision), forwarding to DSCA."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from idd.export import revision_pdf_stored
from idd.forms.staffing import (
    OfficeDecisionForm,
    RouteApprovalForm,
    RouteChoiceForm,
    RouteReturnForm,
)
from idd.models import Initiative, Organization
from idd.reference import roles
from idd.services import route_screens, staffing
from idd.services.review import RefusedTransition
from idd.views.review.common import (
    base_url,
    review_page,
    review_url,
    tell_refused,
    tells_what_failed_after,
)
from idd.views.shared import get_visible_initiative


@require_http_methods(["GET", "POST"])
@tells_what_failed_after
def office_decision(request: HttpRequest, pk: int, office_pk: int) -> HttpResponse:
    """POST: record the decision. GET (the address shown after a refused form, reloaded
    or bookmarked): the route panel, where the form is."""
    initiative = get_visible_initiative(request, pk)
    office = get_object_or_404(Organization, pk=office_pk)
    if request.method != "POST":
        return redirect(review_url(initiative, "route"))
    form = OfficeDecisionForm(request.POST, office_pk=office.pk)
    if not form.is_valid():
        return review_page(request, initiative, office_form=form, status=400)
    data = form.cleaned_data
    try:
        decision = staffing.decide(
            initiative,
            request.user,
            office,
            data["outcome"],
            data["comment"],
            round_=data["round"],
            base_url=base_url(request),
        )
    except RefusedTransition as refused:
        tell_refused(request, refused.message, data["comment"])
    else:
        returned = "" if decision.concurred else " The IDD went back to its planners with it."
        messages.success(request, f"{office}'s decision is recorded.{returned}")
    return redirect(review_url(initiative))  # the message, at the top, is in view


# Outside the request's transaction, like the reviewer's approval: the revision's PDF is
# rendered once the approval commits, with the initiative no longer locked.
@transaction.non_atomic_requests
@tells_what_failed_after
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: confirm (approving the command's route freezes the revision); POST: approve."""
    initiative = get_visible_initiative(request, pk)
    route = staffing.open_route(initiative)
    form = RouteApprovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        remarks = form.cleaned_data["remarks"]
        try:
            revision = staffing.approve(
                initiative, request.user, remarks, base_url=base_url(request)
            )
        except RefusedTransition as refused:
            tell_refused(request, refused.message, remarks)
        else:
            if revision is None:
                authority = route.template.approval_authority if route else None
                messages.success(
                    request, f"Approved for {authority}: every office on its route concurred."
                )
            else:
                stored = "stored" if revision_pdf_stored(revision) else "being stored"
                messages.success(
                    request,
                    f"Revision {revision.number} is approved and frozen; its PDF is {stored}."
                    + _next_step(initiative, request.user),
                )
        return redirect(review_url(initiative))  # the message, at the top, is in view
    return _approval_page(request, initiative, route, form, RouteReturnForm())


def _approval_page(request, initiative, route, form, return_form) -> HttpResponse:
    """Approve, or return it to the planners: the approval authority's two choices."""
    return render(
        request,
        "idd/review/route_confirm.html",
        {
            "initiative": initiative,
            "route": route,
            "form": form,
            "return_form": return_form,
            "first_stage": staffing.first_stage(route) if route else None,
            "action": "approve",
            "refusal": staffing.approve_refusal(initiative, route, request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@tells_what_failed_after
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: the approval authority returns the IDD to its planners with the reason.
    GET (the address shown after a refused form): the approval page, where the form is."""
    initiative = get_visible_initiative(request, pk)
    if request.method != "POST":
        return redirect("route_approve", pk=initiative.pk)
    route = staffing.open_route(initiative)
    form = RouteReturnForm(request.POST)
    if not form.is_valid():
        return _approval_page(request, initiative, route, RouteApprovalForm(), form)
    reason = form.cleaned_data["reason"]
    try:
        staffing.send_back(initiative, request.user, reason, base_url=base_url(request))
    except RefusedTransition as refused:
        tell_refused(request, refused.message, reason)
    else:
        messages.success(request, "Returned to the planners with your reason.")
    return redirect(review_url(initiative, "route"))


def _next_step(initiative: Initiative, user: roles.User) -> str:
    """After the command's approval, forwarding to DSCA: said to those who may."""
    initiative.refresh_from_db()
    if route_screens.forwarding(initiative, user)["may"]:
        return " Next step: “Forward to DSCA…”, at the top of the staffing route."
    return ""


@tells_what_failed_after
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: confirm where to (DSCA's route); POST: forward the approved revision."""
    initiative = get_visible_initiative(request, pk)
    templates = list(staffing.outside_templates(initiative))
    form = RouteChoiceForm(
        request.POST if request.method == "POST" else None, templates=templates, label="Forward to"
    )
    if request.method == "POST" and form.is_valid():
        try:
            route = staffing.forward(initiative, request.user, form.cleaned_data["route"].pk)
        except RefusedTransition as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, f"Forwarded to {route.template.organization}.")
        return redirect(review_url(initiative))  # the message, at the top, is in view
    return render(
        request,
        "idd/review/route_confirm.html",
        {
            "initiative": initiative,
            "form": form,
            "action": "forward",
            "refusal": staffing.forward_refusal(initiative, request.user),
        },
        status=400 if request.method == "POST" else 200,
    )
