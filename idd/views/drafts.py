"""Managing drafts: delete one never submitted, copy one as a new start, and the
confirmation before Submit that lists what the reviewers will receive."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from idd.forms.staffing import RouteChoiceForm
from idd.guided_form.steps import FIRST_STEP
from idd.services import drafts, review, staffing
from idd.views.review.common import WORKFLOW_STEPS
from idd.views.shared import get_visible_initiative


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what will be deleted, to confirm; POST: delete it, back to the dashboard."""
    if request.method == "POST" and (title := drafts.deleted_by(pk, request.user)):
        messages.success(request, f"The draft “{title}” was deleted.")
        return redirect("dashboard")
    initiative = get_visible_initiative(request, pk)
    if not drafts.may_delete(initiative, request.user):
        raise PermissionDenied(drafts.ONLY_OWNER)
    if request.method == "POST":
        try:
            title = drafts.delete_draft(initiative, request.user)
        except drafts.Refused as refused:
            messages.error(request, refused.message)
            return redirect("initiative_detail", pk=initiative.pk)
        messages.success(request, f"The draft “{title}” was deleted.")
        return redirect("dashboard")
    context = {
        "initiative": initiative,
        "refusal": drafts.deletion_refusal(initiative, request.user),
        "rows": drafts.rows_of(initiative),
    }
    return render(request, "idd/drafts/delete.html", context)


@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new initiative from this one; open the copy's first step."""
    source = get_visible_initiative(request, pk)
    try:
        new = drafts.copy_initiative(source, request.user)
    except drafts.Refused as refused:
        raise PermissionDenied(refused.message) from refused
    messages.success(
        request,
        f"This is a new draft copied from “{source.title}”, with its rows. Deliveries are "
        "planned again; assessments, comments and revisions were not copied. "
        "Give it its own title.",
    )
    return redirect("wizard_step", pk=new.pk, step=FIRST_STEP.slug)


@require_GET
def confirm_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """What the reviewers will receive; its button takes the submit (or resubmit) step."""
    initiative = get_visible_initiative(request, pk)
    sent = drafts.submission(initiative, request.user)
    context = {
        "sent": sent,
        "initiative": initiative,
        "doc": sent.doc,
        "action_url": reverse(WORKFLOW_STEPS[sent.step][1], args=[initiative.pk]),
        "label": review.words(sent.step)["label"],
        # The staffing route it goes on (none: a reviewer takes it; a returned route
        # restarts where it was returned, without asking).
        "returned_route": staffing.returned_route(initiative),
        "route_form": RouteChoiceForm(templates=staffing.templates_for(initiative)),
    }
    return render(request, "idd/drafts/submit.html", context)
