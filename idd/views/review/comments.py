"""Comments on the IDD under review: a new comment on a section, a reply, resolving."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from idd.forms.review import CommentForm, ReplyForm
from idd.models import ReviewComment
from idd.reference.sections import SECTION_BY_SLUG
from idd.services import comments
from idd.views.review.common import review_page, review_url, tell_refused
from idd.views.shared import get_visible_initiative, next_url


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
        return review_page(request, initiative, comment_form=form, status=400)
    try:
        comments.add_comment(initiative, request.user, section, form.cleaned_data["body"])
    except comments.CommentRefused as refused:
        tell_refused(request, refused.message, form.cleaned_data["body"])
    else:
        messages.success(request, "Your comment was added.")
    return redirect(review_url(initiative, f"section-{section}"))


@require_POST
def reply(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    comment = _comment_of(request, pk, comment_pk)
    form = ReplyForm(request.POST, comment_pk=comment.pk)
    if not form.is_valid():
        return review_page(request, comment.initiative, reply_form=form, status=400)
    resolving = request.POST.get("resolve") == "yes"
    answer_thread = comments.reply_and_resolve if resolving else comments.reply
    try:
        answer = answer_thread(comment, request.user, form.cleaned_data["body"])
    except comments.CommentRefused as refused:
        tell_refused(request, refused.message, form.cleaned_data["body"])
    else:
        if resolving:
            messages.success(request, "Your reply was added and the thread marked as resolved.")
        elif answer.reopened_thread:
            messages.success(request, "Your reply reopened this thread.")
        else:
            messages.success(request, "Your reply was added.")
    thread = f"comment-{comment.parent_id or comment.pk}"
    return redirect(next_url(request, review_url(comment.initiative, thread)))


@require_POST
def resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    comment = _comment_of(request, pk, comment_pk)
    try:
        comments.resolve(comment, request.user)
    except comments.CommentRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "The comment is marked as resolved.")
    return redirect(next_url(request, review_url(comment.initiative, f"comment-{comment.pk}")))
