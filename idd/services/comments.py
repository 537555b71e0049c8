"""Review comments: anchored to a section of the IDD, threaded, resolved by the planners.

Reviewers and the initiative's planners discuss the IDD while it is under review or
returned for changes. A reply joins the thread of the comment it answers (one level of
threading keeps a conversation readable). The planners resolve a thread once they have
dealt with it; a reply to a resolved thread reopens it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from idd.models import Initiative, ReviewComment
from idd.models.access import may
from idd.reference.roles import User
from idd.reference.sections import SECTION_BY_SLUG

EMPTY = "Write your comment before sending it."


class CommentRefused(Exception):
    """The user may not do this to the comment now. Nothing was changed."""

    @property
    def message(self) -> str:
        return str(self.args[0])


@dataclass
class Thread:
    comment: ReviewComment
    replies: list[ReviewComment] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.comment.resolved_at is not None


def may_comment(initiative: Initiative, user: User) -> bool:
    """Reviewers, the offices staffing it and the team's planners, while the IDD is under
    review or returned (idd.models.access)."""
    return may(user, "comment", initiative)


def may_resolve(initiative: Initiative, user: User) -> bool:
    return may(user, "resolve", initiative)


def _check_comment(initiative: Initiative, user: User, body: str) -> str:
    if not may_comment(initiative, user):
        raise CommentRefused(
            "Only reviewers, the offices staffing it and the initiative's planners can "
            "comment, and only while the IDD is submitted, in review or returned for changes."
        )
    body = body.strip()
    if not body:
        raise CommentRefused(EMPTY)
    return body


def add_comment(initiative: Initiative, user, section: str, body: str) -> ReviewComment:
    """A new thread on one section of the current revision."""
    if section not in SECTION_BY_SLUG:
        raise CommentRefused("Choose the section of the IDD the comment is about.")
    body = _check_comment(initiative, user, body)
    return ReviewComment.objects.create(
        initiative=initiative,
        revision=initiative.revision,
        section=section,
        author=user,
        body=body,
    )


def _require_current_revision(root: ReviewComment) -> None:
    """Threads of an approved revision are part of its record: closed for good."""
    if root.revision != root.initiative.revision:
        raise CommentRefused(
            f"This comment was made on revision {root.revision}, which is closed: "
            "its comments stay as they were. Comment on the current revision instead."
        )


@transaction.atomic
def reply(comment: ReviewComment, user, body: str) -> ReviewComment:
    """An answer in the comment's thread (a reply to a reply joins the same thread).

    A reply to a resolved thread reopens it: whoever answers expects to be read. The reply
    keeps the resolution it ended (`reopened_thread`), for the history."""
    initiative = comment.initiative
    body = _check_comment(initiative, user, body)
    root = comment.parent or comment
    _require_current_revision(root)
    # Locked: a resolution made meanwhile is either ended by this reply or made after it.
    resolution = (
        ReviewComment.objects.select_for_update()
        .filter(pk=root.pk)
        .values("resolved_by", "resolved_at")
        .get()
    )
    if resolution["resolved_at"] is not None:
        ReviewComment.objects.filter(pk=root.pk).update(resolved_by=None, resolved_at=None)
        root.resolved_by, root.resolved_at = None, None
    return ReviewComment.objects.create(
        initiative=initiative,
        revision=root.revision,
        section=root.section,
        parent=root,
        author=user,
        body=body,
        reopened_resolution_by_id=resolution["resolved_by"],
        reopened_resolution_at=resolution["resolved_at"],
    )


@transaction.atomic
def reply_and_resolve(comment: ReviewComment, user: User, body: str) -> ReviewComment:
    """The planners' answer that also closes the thread: both happen, or neither."""
    answer = reply(comment, user, body)
    resolve(comment, user)
    return answer


def resolve(comment: ReviewComment, user: User) -> ReviewComment:
    """The planners mark the thread as dealt with."""
    root = comment.parent or comment
    _require_current_revision(root)
    if not may_resolve(root.initiative, user):
        raise CommentRefused(
            "Only the initiative's planners can resolve a comment, while the IDD is "
            "submitted, in review or returned for changes."
        )
    # Only an open thread is resolved: whoever resolved it first stays named, even if
    # two planners press "Resolve" on pages read before either did.
    ReviewComment.objects.filter(pk=root.pk, resolved_at__isnull=True).update(
        resolved_by=user, resolved_at=timezone.now()
    )
    root.refresh_from_db(fields=["resolved_by", "resolved_at"])
    return root


def thread_url(initiative: Initiative, comment: ReviewComment) -> str:
    """Where the comment's thread is read: on the review page, or, once its revision is
    closed, on the page of that (approved) revision."""
    if comment.revision == initiative.revision:
        url = reverse("initiative_review", args=[initiative.pk])
    else:
        url = reverse("revision_detail", args=[initiative.pk, comment.revision])
    return f"{url}#comment-{comment.parent_id or comment.pk}"


def open_threads(initiative: Initiative) -> int:
    """How many threads of the current revision are still open."""
    return ReviewComment.objects.filter(
        initiative=initiative,
        revision=initiative.revision,
        parent__isnull=True,
        resolved_at__isnull=True,
    ).count()


def threads_by_section(initiative: Initiative, revision: int | None = None) -> dict:
    """Threads of one revision (default: the current one) by section slug, in one query."""
    comments = ReviewComment.objects.filter(
        initiative=initiative, revision=revision or initiative.revision
    ).select_related("author__profile", "resolved_by__profile", "reopened_resolution_by__profile")
    threads: dict[int, Thread] = {}
    replies = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment)
        else:
            replies.append(comment)
    for comment in replies:
        threads[comment.parent_id].replies.append(comment)  # type: ignore[index]
    by_section: dict[str, list[Thread]] = defaultdict(list)
    for thread in threads.values():
        by_section[thread.comment.section].append(thread)
    return dict(by_section)
