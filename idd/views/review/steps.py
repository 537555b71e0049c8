"""The workflow's steps: submit, resubmit, take into review, withdraw, start a new
revision (one button each), and the reviewer's decision (approve or request changes)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from idd.export import revision_pdf_stored
from idd.forms.review import APPROVE, ApprovalForm, DecisionForm
from idd.models import Initiative
from idd.services import comments, review
from idd.views.review.common import (
    CONFIRM_PAGES,
    WORKFLOW_STEPS,
    base_url,
    review_page,
    review_url,
    tell_refused,
    tells_what_failed_after,
)
from idd.views.shared import get_visible_initiative, next_url


@tells_what_failed_after
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: confirm the step; POST: take it. A refusal is explained and changes nothing."""
    initiative = get_visible_initiative(request, pk)
    if request.method == "POST":
        take, _ = WORKFLOW_STEPS[action]
        options = {"base_url": base_url(request)}
        if action in CONFIRM_PAGES:  # submit, resubmit: the plan checks acknowledged
            options["acknowledged"] = request.POST.get("acknowledged", "")
            options["template_id"] = request.POST.get("route", "")
        try:
            take(initiative, request.user, **options)
        except review.RefusedTransition as refused:
            messages.error(request, refused.message)
            if action in CONFIRM_PAGES:
                return redirect(CONFIRM_PAGES[action], pk=initiative.pk)
        else:
            messages.success(request, f"The IDD was {review.words(action)['done']}.")
            return redirect(next_url(request, review_url(initiative)))
        return redirect(review_url(initiative))
    return render(
        request,
        "idd/review/confirm.html",
        {
            "initiative": initiative,
            "action": action,
            "words": review.words(action),
            "refusal": review.step_refusal(initiative, request.user, action),
        },
    )


# Outside the request's transaction: the approval's own transaction commits when approve()
# returns, and its PDF is rendered then, with the initiative no longer locked.
@transaction.non_atomic_requests
@require_POST
@tells_what_failed_after
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's decision: request changes, or approve (freezes the revision), which
    is taken only once confirmed on a page of its own, with optional remarks."""
    initiative = get_visible_initiative(request, pk)
    if ApprovalForm.sent(request.POST):
        return _approve(request, initiative, ApprovalForm(request.POST))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return review_page(request, initiative, decision_form=form, status=400)
    outcome, reason = form.cleaned_data["outcome"], form.cleaned_data["reason"]
    if outcome == APPROVE:
        refusal = review.step_refusal(initiative, request.user, "approve")
        if refusal:
            tell_refused(request, refusal, reason)
            return redirect(review_url(initiative))
        return _confirm_approval(request, initiative, ApprovalForm(initial={"reason": reason}))
    try:
        review.request_changes(initiative, request.user, reason, base_url=base_url(request))
    except review.RefusedTransition as refused:
        tell_refused(request, refused.message, reason)
    else:
        messages.success(request, "The IDD was returned to its planners with your reason.")
    return redirect(review_url(initiative))


def _confirm_approval(
    request: HttpRequest, initiative: Initiative, form: ApprovalForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "idd/review/confirm.html",
        {
            "initiative": initiative,
            "action": "approve",
            "words": review.words("approve"),
            "approval_form": form,
            "open_threads": comments.open_threads(initiative),
        },
        status=status,
    )


def _approve(request: HttpRequest, initiative: Initiative, form: ApprovalForm) -> HttpResponse:
    if not form.is_valid():
        return _confirm_approval(request, initiative, form, status=400)
    remarks = form.cleaned_data["reason"]
    try:
        revision = review.approve(initiative, request.user, remarks, base_url=base_url(request))
    except review.RefusedTransition as refused:
        tell_refused(request, refused.message, remarks)
    else:
        stored = "its PDF is stored" if revision_pdf_stored(revision) else "its PDF is being stored"
        messages.success(request, f"Revision {revision.number} is approved and frozen; {stored}.")
    return redirect(review_url(initiative))
