"""The IDD as submitted, each time: stored when the planners hand it to the reviewers,
compared to show a reviewer what changed since they returned it, and offered beside the
approved revisions so any two versions can be compared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, cast

from django.contrib.auth.models import User
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from idd.document.diff import SectionDiff, diff
from idd.document.shape import Document
from idd.document.snapshot import load, snapshot
from idd.models import Initiative, ReviewDecision, Revision, Submission
from idd.models.workflow import AWAITING_REVIEW
from idd.reference import roles
from idd.reference.times import full_timestamp

CURRENT = "current"  # the working copy, among the versions to compare
SUBMISSION_KEY = "submission-"  # then the submission's id; a revision's key is its number


def record(
    initiative: Initiative,
    user: roles.User,
    doc: Document,
    acknowledged: list[dict[str, Any]] | None = None,
) -> Submission:
    """Store the IDD (`doc`, its snapshot) as the reviewers receive it, with the plan checks
    the planner acknowledged; called inside the (re)submit transition, while the initiative
    is locked, so sequences never collide."""
    last = initiative.submissions.aggregate(last=Max("sequence"))["last"] or 0
    return Submission.objects.create(
        initiative=initiative,
        revision=initiative.revision,
        sequence=last + 1,
        snapshot=doc,
        submitted_by=cast("User", user),  # signed in: the transition was allowed
        submitted_at=timezone.now(),
        acknowledged_checks=acknowledged or [],
    )


def latest(initiative: Initiative) -> Submission | None:
    """The submission the reviewers have now, while the IDD awaits review or was returned."""
    return initiative.submissions.filter(revision=initiative.revision).order_by("-sequence").first()


def returned_pair(initiative: Initiative) -> tuple[Submission, Submission] | None:
    """While a resubmitted IDD awaits review: the submission the reviewer returned and the
    resubmission that answers it. None for a first submission, or one made before
    submissions were stored."""
    if initiative.status not in AWAITING_REVIEW:
        return None
    latest = list(initiative.submissions.order_by("-sequence")[:2])
    if len(latest) < 2:
        return None
    resubmitted, returned = latest
    if not returned.revision == resubmitted.revision == initiative.revision:
        return None
    return returned, resubmitted


@dataclass(frozen=True)
class SinceReturned:
    """What changed between the returned submission and the resubmitted one."""

    returned: Submission
    resubmitted: Submission
    request: ReviewDecision | None  # the reviewer's request for changes, with its reason
    sections: list[SectionDiff]

    @cached_property
    def changed(self) -> frozenset[str]:
        """The slugs of the sections that changed."""
        return frozenset(s.slug for s in self.sections if s.changed)

    def requested_by(self, user: roles.User) -> bool:
        return self.request is not None and self.request.reviewer_id == user.pk


def since_returned(initiative: Initiative) -> SinceReturned | None:
    pair = returned_pair(initiative)
    if pair is None:
        return None
    returned, resubmitted = pair
    request = (
        ReviewDecision.objects.filter(
            initiative=initiative,
            revision=returned.revision,
            outcome=ReviewDecision.Outcome.CHANGES_REQUESTED,
            decided_at__gte=returned.submitted_at,
            decided_at__lte=resubmitted.submitted_at,
        )
        .select_related("reviewer__profile")
        .last()
    )
    return SinceReturned(
        returned, resubmitted, request, diff(returned.snapshot, resubmitted.snapshot)
    )


# --- Any two versions -----------------------------------------------------------------------


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y")


@dataclass(frozen=True)
class Version:
    """A version of the IDD one can compare: a submission, an approved revision, or today's."""

    key: str
    option: str  # in the list: "Submission 2 (resubmitted 3 Dec 2026, 14:05 EST)"
    heading: str  # in "Changes from ... to ...": "submission 2 as resubmitted on 3 Dec 2026"
    document: Callable[[], Document]  # its snapshot, read only when compared
    at: datetime | None = None
    submission: Submission | None = None
    revision: Revision | None = None


def _submission(item: Submission, resubmitted: bool) -> Version:
    done, day = ("resubmitted" if resubmitted else "submitted"), _day(item.submitted_at)
    return Version(
        key=f"{SUBMISSION_KEY}{item.pk}",
        # Two submissions of one day differ by their time in the list.
        option=f"Submission {item.sequence} ({done} {full_timestamp(item.submitted_at)})",
        heading=f"submission {item.sequence} as {done} on {day}",
        document=lambda: item.snapshot,  # deferred: loaded here
        at=item.submitted_at,
        submission=item,
    )


def _revision(item: Revision) -> Version:
    return Version(
        key=str(item.number),
        option=f"Revision {item.number} (approved {full_timestamp(item.approved_at)})",
        heading=f"revision {item.number} as approved",
        document=lambda: item.snapshot,
        at=item.approved_at,
        revision=item,
    )


def versions(initiative: Initiative) -> list[Version]:
    """Every submission and approved revision of this initiative, oldest first, then the
    current version."""
    found: list[Version] = []
    seen_revisions: set[int] = set()
    for item in initiative.submissions.defer("snapshot").order_by("sequence"):
        found.append(_submission(item, resubmitted=item.revision in seen_revisions))
        seen_revisions.add(item.revision)
    found += [_revision(r) for r in initiative.revisions.defer("snapshot").order_by("number")]
    found.sort(key=lambda v: v.at or timezone.now())
    status = initiative.get_status_display().lower()
    found.append(
        Version(
            key=CURRENT,
            option=f"Current version ({status})",
            heading=f"the current version ({status})",
            document=lambda: snapshot(load(initiative.pk)),
        )
    )
    return found


def default_pair(initiative: Initiative, found: list[Version]) -> tuple[str, str] | None:
    """What the comparison shows first: a resubmission against the submission it answers
    while it awaits review; else the last two approved revisions, or the last one against
    today's; else the last submission against today's. None: nothing to compare yet."""
    pair = returned_pair(initiative)
    if pair is not None:
        return f"{SUBMISSION_KEY}{pair[0].pk}", f"{SUBMISSION_KEY}{pair[1].pk}"
    revisions = [v.key for v in found if v.revision is not None]
    if len(revisions) > 1:
        return revisions[-2], revisions[-1]
    earlier = revisions or [v.key for v in found if v.submission is not None]
    return (earlier[-1], CURRENT) if earlier else None
