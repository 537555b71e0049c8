"""What the review screens share: the one-button workflow steps, the review page (which
a refused step or comment shows again with its errors), links back to it, and how a
refusal is told to the user."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from idd.document.shown import shown_document
from idd.export import revision_pdf_stored
from idd.forms.review import CommentForm, DecisionForm, ReplyForm
from idd.forms.staffing import OfficeDecisionForm
from idd.guided_form.steps import STEP_BY_SLUG, resume_step
from idd.models import Initiative
from idd.models.access import may
from idd.reference.choices import InitiativeStatus
from idd.reference.sections import SECTIONS
from idd.services import comments, review, route_screens, staffing, submissions

# Workflow steps taken with one button: transition -> (service, URL name).
# The reviewer's decision (approve / request changes) has its own form and view.
WORKFLOW_STEPS = {
    # On a staffing route when the organization keeps route templates, else to a reviewer.
    "submit": (staffing.submit, "initiative_submit"),
    "resubmit": (staffing.resubmit, "initiative_resubmit"),
    "start_review": (review.start_review, "initiative_start_review"),
    "withdraw": (review.withdraw, "initiative_withdraw"),
    "start_revision": (review.start_revision, "initiative_start_revision"),
}
# Steps that are hard to undo ask for confirmation on a page of their own first.
CONFIRM_FIRST = {"withdraw"}
# Steps confirmed on a page of their own, which lists what the reviewers will receive.
CONFIRM_PAGES = {"submit": "initiative_submit_confirm", "resubmit": "initiative_submit_confirm"}


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def review_url(initiative: Initiative, anchor: str = "") -> str:
    url = reverse("initiative_review", args=[initiative.pk])
    return f"{url}#{anchor}" if anchor else url


def changes_url(initiative: Initiative, first_open: str | None, comment_pk: int | None) -> str:
    """Where "Make changes" takes a returned IDD's planner: the guided-form step of the
    first section with an open comment, at that comment; else the step they last went to."""
    step = STEP_BY_SLUG.get(first_open or "")
    if step is None:
        return reverse("wizard_step", args=[initiative.pk, resume_step(initiative.last_step).slug])
    return reverse("wizard_step", args=[initiative.pk, step.slug]) + f"#comment-{comment_pk}"


def tells_what_failed_after(view):
    """Tells the user who took a workflow step what failed once it was taken (an e-mail)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with review.telling(lambda text: messages.warning(request, text)):
            return view(request, *args, **kwargs)

    return wrapped


def tell_refused(request: HttpRequest, message: str, text: str = "") -> None:
    """Say why nothing was saved, and give back what the user wrote, to copy."""
    messages.error(request, message)
    if text.strip():
        messages.info(request, f"What you wrote was not saved; here it is to copy: {text}")


def with_reply_forms(threads, may_comment: bool, bound: ReplyForm | None) -> list[dict]:
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


def with_office_forms(panel: dict, bound: OfficeDecisionForm | None) -> dict:
    """The decision form of each office this person may decide for now (the bound one, with
    its errors, where it was sent)."""
    for shown in panel["routes"]:
        for stage in shown["stages"]:
            for row in stage.offices:
                if row.mine:
                    fresh = OfficeDecisionForm(
                        office_pk=row.office.pk, initial={"round": shown["route"].round}
                    )
                    sent = bound is not None and bound.office_pk == row.office.pk
                    row.form = bound if sent else fresh
    return panel


def review_page(
    request: HttpRequest,
    initiative: Initiative,
    *,
    decision_form: DecisionForm | None = None,
    comment_form: CommentForm | None = None,
    reply_form: ReplyForm | None = None,
    office_form: OfficeDecisionForm | None = None,
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
            "url": reverse(CONFIRM_PAGES.get(name, WORKFLOW_STEPS[name][1]), args=[initiative.pk]),
            "confirm": name in CONFIRM_FIRST or name in CONFIRM_PAGES,
            "hard_to_undo": name in CONFIRM_FIRST,
        }
        for name in allowed
        if name in WORKFLOW_STEPS
    ]
    first_open_thread = next(
        (
            (i["section"].slug, t.comment.pk)
            for i in sections
            for t in threads.get(i["section"].slug, [])
            if not t.resolved
        ),
        (None, None),
    )
    first_open = first_open_thread[0]  # the section the decision box links to
    make_changes_url = None
    if initiative.status == InitiativeStatus.CHANGES_REQUESTED and may(user, "edit", initiative):
        make_changes_url = changes_url(initiative, *first_open_thread)
    submit_refusal = None
    if initiative.is_editable_status and may(user, "edit", initiative):
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
            "first_open": first_open,
            "make_changes_url": make_changes_url,
            "submitted": submissions.latest(initiative) if approved is None else None,
            "approved": approved,
            "approved_pdf_stored": approved is not None and revision_pdf_stored(approved),
            "may_comment": may_comment,
            "may_resolve": comments.may_resolve(initiative, user),
            "staffing": with_office_forms(route_screens.panel(initiative, user), office_form),
        },
        status=status,
    )
