"""The reviewers' queue, and the IDD under review with its comment threads and the
workflow's buttons."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from idd.document.shown import shown_document
from idd.export import revision_pdf_stored
from idd.forms.review import CommentForm, DecisionForm, QueueFilter, ReplyForm
from idd.models import Initiative
from idd.reference import roles
from idd.reference.sections import SECTIONS
from idd.services import comments, review, submissions
from idd.views.initiatives import get_visible_initiative
from idd.views.review.common import CONFIRM_FIRST, STEPS, with_reply_forms

PER_PAGE = 25
# Steps confirmed on a page of their own, which lists what the reviewers will receive.
CONFIRM_PAGES = {"submit": "initiative_submit_confirm", "resubmit": "initiative_submit_confirm"}


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """IDDs waiting for a reviewer, the longest-waiting first."""
    if not roles.is_reviewer(request.user):
        raise PermissionDenied("The review queue is for reviewers.")
    filters = QueueFilter(request.GET, queryset=review.awaiting_review(request.user))
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "idd/review/queue.html",
        {"filter": filters, "page": page, "query": query.urlencode()},
    )


def review_page(
    request: HttpRequest,
    initiative: Initiative,
    *,
    decision_form: DecisionForm | None = None,
    comment_form: CommentForm | None = None,
    reply_form: ReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The IDD read-only, section by section, with the comment threads on each section."""
    user = request.user
    approved, doc = shown_document(initiative)
    threads = comments.threads_by_section(initiative)
    may_comment = comments.may_comment(initiative, user)
    since = submissions.since_returned(initiative)
    sections: list[dict[str, Any]] = []
    for section in SECTIONS:
        form = None
        if may_comment:
            bound = comment_form is not None and comment_form.prefix == f"comment-{section.slug}"
            form = comment_form if bound else CommentForm(section=section.slug)
        section_threads = threads.get(section.slug, [])
        sections.append(
            {
                "section": section,
                "threads": with_reply_forms(section_threads, may_comment, reply_form),
                "open": sum(1 for t in section_threads if not t.resolved),
                "form": form,
                "changed": since is not None and section.slug in since.changed,
            }
        )
    allowed = review.allowed(initiative, user)
    if "approve" in allowed and decision_form is None:
        decision_form = DecisionForm()
    actions = [
        {
            "label": review.words(name)["label"],
            "url": reverse(CONFIRM_PAGES.get(name, STEPS[name][1]), args=[initiative.pk]),
            "confirm": name in CONFIRM_FIRST or name in CONFIRM_PAGES,
            "hard_to_undo": name in CONFIRM_FIRST,
        }
        for name in allowed
        if name in STEPS
    ]
    submit_refusal = None
    if initiative.is_editable_status and initiative.can_edit(user):
        submit_refusal = review.step_refusal(initiative, user, initiative.submit_step)
    return render(
        request,
        "idd/review/review.html",
        {
            "initiative": initiative,
            "doc": doc,
            "sections": sections,
            "tab": "review",
            "actions": actions,
            "decision_form": decision_form if "approve" in allowed else None,
            "submit_refusal": submit_refusal,
            "returned": review.latest_reason(initiative),
            "since": since,
            "since_mine": since is not None and since.requested_by(user),
            "open_threads": sum(item["open"] for item in sections),
            "first_open": next((i["section"].slug for i in sections if i["open"]), None),
            "approved": approved,
            "approved_pdf_stored": approved is not None and revision_pdf_stored(approved),
            "may_comment": may_comment,
            "may_resolve": comments.may_resolve(initiative, user),
        },
        status=status,
    )


@require_GET
def initiative_review(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, get_visible_initiative(request, pk))
