"""Review comments: anchored to a section of the IDD, threaded, resolved by the planners.

Reviewers and the initiative's planners discuss the IDD while it is under review or
returned for changes. A reply joins the thread of the comment it answers (one level of
threading keeps a conversation readable). The planners resolve a thread once they have
dealt with it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from idd.choices import InitiativeStatus as S
from idd.models import Initiative, ReviewComment
from idd.models.workflow import independent_reviewer, team_planner
from idd.roles import User
from idd.sections import SECTION_BY_SLUG

OPEN_FOR_COMMENTS = (S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED)
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
    """Reviewers and the team's planners, while the IDD is under review or returned."""
    return initiative.status in OPEN_FOR_COMMENTS and (
        independent_reviewer(initiative, user) or team_planner(initiative, user)
    )


def may_resolve(initiative: Initiative, user: User) -> bool:
    return initiative.status in OPEN_FOR_COMMENTS and team_planner(initiative, user)


def _check_comment(initiative: Initiative, user: User, body: str) -> str:
    if not may_comment(initiative, user):
        raise CommentRefused(
            "Only reviewers and the initiative's planners can comment, and only while "
            "the IDD is submitted, in review or returned for changes."
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


def reply(comment: ReviewComment, user, body: str) -> ReviewComment:
    """An answer in the comment's thread (a reply to a reply joins the same thread)."""
    initiative = comment.initiative
    body = _check_comment(initiative, user, body)
    root = comment.parent or comment
    _require_current_revision(root)
    return ReviewComment.objects.create(
        initiative=initiative,
        revision=root.revision,
        section=root.section,
        parent=root,
        author=user,
        body=body,
    )


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


def threads_by_section(initiative: Initiative, revision: int | None = None) -> dict:
    """Threads of one revision (default: the current one) by section slug, in one query."""
    comments = ReviewComment.objects.filter(
        initiative=initiative, revision=revision or initiative.revision
    ).select_related("author", "resolved_by")
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
