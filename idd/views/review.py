"""Review screens: the reviewers' queue, the IDD under review with its comments, the
workflow's steps, approved revisions and their diff, and the History tab.

Views parse input, call `idd.services.review` / `idd.services.comments` and render;
every view checks on the server who may see or do what.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from idd import roles
from idd.audit import trail
from idd.choices import InitiativeStatus
from idd.diff import diff
from idd.export import StoredPDF, revision_pdf_stored
from idd.export import revision_pdf as stored_revision_pdf
from idd.forms.review import (
    APPROVE,
    CommentForm,
    CompareForm,
    DecisionForm,
    QueueFilter,
    ReplyForm,
)
from idd.models import Initiative, ReviewComment, Revision
from idd.sections import SECTION_BY_SLUG, SECTIONS
from idd.services import comments, review
from idd.snapshot import load, snapshot
from idd.snapshot_shape import Document
from idd.views.export import pdf_response
from idd.views.initiatives import get_visible_initiative

PER_PAGE = 25
HISTORY_PER_PAGE = 50
CURRENT = "current"  # the working copy, in the diff's choice of revisions


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def tells_what_failed_after(view):
    """Tells the user who took a workflow step what failed once it was taken (an e-mail)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with review.telling(lambda text: messages.warning(request, text)):
            return view(request, *args, **kwargs)

    return wrapped


def _review_url(initiative: Initiative, anchor: str = "") -> str:
    url = reverse("initiative_review", args=[initiative.pk])
    return f"{url}#{anchor}" if anchor else url


# --- The queue ----------------------------------------------------------------------------


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


# --- The IDD under review -----------------------------------------------------------------


def _with_reply_forms(threads, may_comment: bool, bound: ReplyForm | None) -> list[dict]:
    """Each thread with its reply form (the bound one, with its errors, where it was sent)."""
    items = []
    for thread in threads:
        form = None
        if may_comment:
            prefix = f"reply-{thread.comment.pk}"
            form = (
                bound
                if bound and bound.prefix == prefix
                else ReplyForm(comment_pk=thread.comment.pk)
            )
        items.append({"thread": thread, "reply_form": form})
    return items


def _review_page(
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
    approved = None
    if initiative.status == InitiativeStatus.APPROVED:
        approved = (
            initiative.revisions.filter(number=initiative.revision)
            .select_related("approved_by")
            .first()
        )
    # An approved IDD is shown as approved: its frozen copy, not today's rows.
    doc = approved.snapshot if approved else snapshot(load(initiative.pk))
    threads = comments.threads_by_section(initiative)
    may_comment = comments.may_comment(initiative, user)
    sections = []
    for section in SECTIONS:
        form = None
        if may_comment:
            bound = comment_form is not None and comment_form.prefix == f"comment-{section.slug}"
            form = comment_form if bound else CommentForm(section=section.slug)
        section_threads = threads.get(section.slug, [])
        sections.append(
            {
                "section": section,
                "threads": _with_reply_forms(section_threads, may_comment, reply_form),
                "open": sum(1 for t in section_threads if not t.resolved),
                "form": form,
            }
        )
    allowed = review.allowed(initiative, user)
    if "approve" in allowed and decision_form is None:
        decision_form = DecisionForm()
    actions = [
        {
            "label": review.words(name)["label"],
            "url": reverse(STEPS[name][2], args=[initiative.pk]),
            "confirm": name in CONFIRM_FIRST,
        }
        for name in allowed
        if name in STEPS
    ]
    submit_refusal = None
    if initiative.is_editable_status and initiative.can_edit(user):
        name = "submit" if initiative.status == "draft" else "resubmit"
        submit_refusal = review.refusal(initiative, user, name)
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
            "open_threads": sum(item["open"] for item in sections),
            "first_open": next((i["section"].slug for i in sections if i["open"]), None),  # type: ignore[attr-defined]
            "approved": approved,
            "approved_pdf_stored": approved is not None and revision_pdf_stored(approved),
            "may_comment": may_comment,
            "may_resolve": comments.may_resolve(initiative, user),
        },
        status=status,
    )


@require_GET
def initiative_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, get_visible_initiative(request, pk))


# --- Workflow steps -----------------------------------------------------------------------

# Workflow steps taken with one button: transition -> (service, URL segment, URL name).
# The reviewer's decision (approve / request changes) has its own form and view.
STEPS = {
    "submit": (review.submit, "submit", "initiative_submit"),
    "resubmit": (review.resubmit, "resubmit", "initiative_resubmit"),
    "start_review": (review.start_review, "start-review", "initiative_start_review"),
    "withdraw": (review.withdraw, "withdraw", "initiative_withdraw"),
    "start_revision": (review.start_revision, "start-revision", "initiative_start_revision"),
}
# Steps that are hard to undo ask for confirmation on a page of their own first.
CONFIRM_FIRST = {"withdraw"}


@tells_what_failed_after
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: confirm the step; POST: take it. A refusal is explained and changes nothing."""
    initiative = get_visible_initiative(request, pk)
    if request.method == "POST":
        try:
            STEPS[action][0](initiative, request.user, base_url=_base_url(request))
        except review.RefusedTransition as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, f"The IDD was {review.words(action)['done']}.")
        return redirect(_review_url(initiative))
    return render(
        request,
        "idd/review/confirm.html",
        {
            "initiative": initiative,
            "action": action,
            "words": review.words(action),
            "refusal": review.refusal(initiative, request.user, action),
        },
    )


def _refused(request: HttpRequest, message: str, text: str = "") -> None:
    """Say why nothing was saved, and give back what the user wrote, to copy."""
    messages.error(request, message)
    if text.strip():
        messages.info(request, f"What you wrote was not saved; here it is to copy: {text}")


# Outside the request's transaction: the approval's own transaction commits when approve()
# returns, and its PDF is rendered then, with the initiative no longer locked.
@transaction.non_atomic_requests
@require_POST
@tells_what_failed_after
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's decision: approve (freezes the revision) or request changes."""
    initiative = get_visible_initiative(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _review_page(request, initiative, decision_form=form, status=400)
    outcome, reason = form.cleaned_data["outcome"], form.cleaned_data["reason"]
    try:
        if outcome == APPROVE:
            revision = review.approve(initiative, request.user, reason, base_url=_base_url(request))
            stored = (
                "its PDF is stored" if revision_pdf_stored(revision) else "its PDF is being stored"
            )
            messages.success(
                request, f"Revision {revision.number} is approved and frozen; {stored}."
            )
        else:
            review.request_changes(initiative, request.user, reason, base_url=_base_url(request))
            messages.success(request, "The IDD was returned to its planners with your reason.")
    except review.RefusedTransition as refused:
        _refused(request, refused.message, reason)
    return redirect(_review_url(initiative))


# --- Comments -----------------------------------------------------------------------------


def _comment_of(request: HttpRequest, pk: int, comment_pk: int) -> ReviewComment:
    initiative = get_visible_initiative(request, pk)
    comment = get_object_or_404(ReviewComment, pk=comment_pk, initiative=initiative)
    comment.initiative = initiative
    return comment


@require_POST
def add_comment(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    initiative = get_visible_initiative(request, pk)
    if section not in SECTION_BY_SLUG:
        raise Http404("The IDD has no such section.")
    form = CommentForm(request.POST, section=section)
    if not form.is_valid():
        return _review_page(request, initiative, comment_form=form, status=400)
    try:
        comments.add_comment(initiative, request.user, section, form.cleaned_data["body"])
    except comments.CommentRefused as refused:
        _refused(request, refused.message, form.cleaned_data["body"])
    else:
        messages.success(request, "Your comment was added.")
    return redirect(_review_url(initiative, f"section-{section}"))


@require_POST
def reply(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    comment = _comment_of(request, pk, comment_pk)
    form = ReplyForm(request.POST, comment_pk=comment.pk)
    if not form.is_valid():
        return _review_page(request, comment.initiative, reply_form=form, status=400)
    try:
        comments.reply(comment, request.user, form.cleaned_data["body"])
    except comments.CommentRefused as refused:
        _refused(request, refused.message, form.cleaned_data["body"])
    else:
        messages.success(request, "Your reply was added.")
    return redirect(_review_url(comment.initiative, f"comment-{comment.parent_id or comment.pk}"))


@require_POST
def resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    comment = _comment_of(request, pk, comment_pk)
    try:
        comments.resolve(comment, request.user)
    except comments.CommentRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "The comment is marked as resolved.")
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_review_url(comment.initiative, f"comment-{comment.pk}"))


# --- Approved revisions -------------------------------------------------------------------


@require_GET
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_visible_initiative(request, pk)
    approved = list(
        initiative.revisions.select_related("approved_by").defer("snapshot").order_by("-number")
    )
    return render(
        request,
        "idd/review/revisions.html",
        {"initiative": initiative, "revisions": approved, "tab": "revisions"},
    )


def _revision(initiative: Initiative, number: int) -> Revision:
    return get_object_or_404(Revision, initiative=initiative, number=number)


@require_GET
def revision_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An approved revision exactly as approved: rendered from its stored snapshot."""
    initiative = get_visible_initiative(request, pk)
    revision = _revision(initiative, number)
    threads = comments.threads_by_section(initiative, revision=number)
    sections = [
        {"section": s, "threads": _with_reply_forms(threads.get(s.slug, []), False, None)}
        for s in SECTIONS
    ]
    return render(
        request,
        "idd/review/revision_detail.html",
        {
            "initiative": initiative,
            "revision": revision,
            "doc": revision.snapshot,
            # The review of this revision: its decisions and its comment threads, closed.
            "decisions": review.decisions_on(initiative, number),
            "pdf_stored": revision_pdf_stored(revision),
            "sections": sections,
            "tab": "revisions",
        },
    )


# Read-only, and the first download after approval may render: outside a transaction.
@transaction.non_atomic_requests
@require_GET
def revision_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    """The PDF of the revision as approved: from storage, or stored from its frozen snapshot
    if the approval has only just committed (see `idd.export.revision_pdf`)."""
    initiative = get_visible_initiative(request, pk)
    revision = _revision(initiative, number)

    def find() -> StoredPDF:
        return stored_revision_pdf(revision)

    return pdf_response(request, initiative, find)


def _version(initiative: Initiative, choice: str) -> tuple[str, Document]:
    """The label and snapshot of an approved revision, or of the working copy."""
    if choice == CURRENT:
        label = f"the current version ({initiative.get_status_display().lower()})"
        return label, snapshot(load(initiative.pk))
    revision = get_object_or_404(Revision, initiative=initiative, number=int(choice))
    return f"revision {revision.number} as approved", revision.snapshot


@require_GET
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between two versions: any two approved revisions, or one and today's."""
    initiative = get_visible_initiative(request, pk)
    numbers = list(initiative.revisions.order_by("number").values_list("number", flat=True))
    choices = [(str(n), f"Revision {n} (approved)") for n in numbers]
    choices.append((CURRENT, f"Current version ({initiative.get_status_display().lower()})"))
    # By default: the last two approved revisions, or the only one against today's.
    defaults = [str(n) for n in numbers[-2:]] if len(numbers) > 1 else [*map(str, numbers), CURRENT]
    data = {"old": request.GET.get("old", defaults[0]), "new": request.GET.get("new", defaults[-1])}
    form = CompareForm(data, choices=choices)
    context = {"initiative": initiative, "tab": "revisions", "form": form, "sections": None}
    if not numbers:
        return render(request, "idd/review/diff.html", context)
    if not form.is_valid():
        return render(request, "idd/review/diff.html", context, status=400)
    (old_label, old), (new_label, new) = (
        _version(initiative, form.cleaned_data[key]) for key in ("old", "new")
    )
    sections = diff(old, new)
    context |= {
        "old_label": old_label,
        "new_label": new_label,
        "sections": sections,
        "unchanged": not any(s.changed for s in sections),
    }
    return render(request, "idd/review/diff.html", context)


# --- History ------------------------------------------------------------------------------


@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change to the initiative and its rows: who, when, what changed."""
    initiative = get_visible_initiative(request, pk)
    page = Paginator(trail(initiative.pk), HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "idd/review/history.html",
        {"initiative": initiative, "page": page, "tab": "history"},
    )
