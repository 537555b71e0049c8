"""What the review screens share: the one-button steps, links back to the review page,
and how a refusal is told to the user."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from idd.forms.review import ReplyForm
from idd.models import Initiative
from idd.services import review

# Workflow steps taken with one button: transition -> (service, URL name).
# The reviewer's decision (approve / request changes) has its own form and view.
STEPS = {
    "submit": (review.submit, "initiative_submit"),
    "resubmit": (review.resubmit, "initiative_resubmit"),
    "start_review": (review.start_review, "initiative_start_review"),
    "withdraw": (review.withdraw, "initiative_withdraw"),
    "start_revision": (review.start_revision, "initiative_start_revision"),
}
# Steps that are hard to undo ask for confirmation on a page of their own first.
CONFIRM_FIRST = {"withdraw"}


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def review_url(initiative: Initiative, anchor: str = "") -> str:
    url = reverse("initiative_review", args=[initiative.pk])
    return f"{url}#{anchor}" if anchor else url


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
