"""Recent activity for the dashboard: on the initiatives a user works on, and a
reviewer's own decisions and comments.

Read from the audit trail's historical records (`idd.document.audit.TRACKED`): one query per
kind of record, however many initiatives the user has; a reviewer's, from their
decisions and comments (two queries).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.urls import reverse

from idd.document.audit import KINDS, TRACKED
from idd.models import Indicator, Initiative, ReviewComment, ReviewDecision
from idd.reference import roles
from idd.reference.sections import SECTION_BY_SLUG
from idd.services.comments import thread_url
from idd.services.history import SAME_STEP


@dataclass(frozen=True)
class Activity:
    when: datetime
    who: str
    kind: str  # added, changed, removed
    group: str  # "Partner deliverable", "Initiative"…
    name: str
    reason: str  # the workflow step that made the change, if any
    initiative_id: int
    initiative_title: str

    @property
    def group_phrase(self) -> str:
        """The group inside a sentence: "partner deliverable", but "U.S. input"."""
        if self.group[1:2] in (".", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
            return self.group
        return self.group[0].lower() + self.group[1:]

    @property
    def reason_phrase(self) -> str:
        """The step inside a sentence: "approved", but "J8 non-concurred" and names as
        written ("… the route “AFRICOM staffing”"): only a plain first word is lowered."""
        first, _, rest = self.reason.partition(" ")
        if first[1:].islower() or len(first) == 1 and first.isalpha():
            first = first.lower()
        return f"{first} {rest}" if rest else first


def _initiative_id(record) -> int:
    return record.id if isinstance(record.instance, Initiative) else record.initiative_id


def recent_activity(user: roles.User, limit: int = 10) -> list[Activity]:
    """The latest changes, newest first, to initiatives the user owns or is a team member of."""
    mine = Initiative.objects.involving(user).values("pk")
    found = []
    for tracked in TRACKED:
        if tracked.model is Indicator:  # shown through its objective
            continue
        history = tracked.model.history  # type: ignore[attr-defined]
        records = (
            history.filter(id__in=mine)
            if tracked.model is Initiative
            else history.filter(initiative_id__in=mine)
        )
        latest = records.select_related("history_user__profile").order_by("-history_date")
        found += [(record, tracked) for record in latest[: 2 * limit]]  # some fold in two
    found.sort(key=lambda pair: pair[0].history_date, reverse=True)
    titles = dict(
        Initiative.objects.filter(pk__in={_initiative_id(r) for r, _ in found}).values_list(
            "pk", "title"
        )
    )
    said = [
        Activity(
            when=record.history_date,
            who=roles.display_name(record.history_user, nobody="System"),
            kind=KINDS[record.history_type],
            group=tracked.group,
            name=tracked.name(record),
            reason=record.history_change_reason or "",
            initiative_id=_initiative_id(record),
            initiative_title=titles.get(_initiative_id(record), "a deleted initiative"),
        )
        for record, tracked in found
    ]
    return _one_per_step(said)[:limit]


def _one_per_step(said: list[Activity]) -> list[Activity]:
    """A workflow step that saved the initiative twice (resubmitted, then sent on its
    route) is one line: "resubmitted for review and sent on the route …"."""
    folded: list[Activity] = []
    for older in said:
        newer = folded[-1] if folded else None
        if (
            newer is not None
            and newer.reason
            and older.reason
            and newer.group == older.group == "Initiative"
            and (newer.initiative_id, newer.who) == (older.initiative_id, older.who)
            and newer.when - older.when <= SAME_STEP
        ):
            folded[-1] = replace(older, reason=f"{older.reason} and {newer.reason_phrase}")
        else:
            folded.append(older)
    return folded


@dataclass(frozen=True)
class ReviewActivity:
    when: datetime
    what: str  # "Approved revision 2", "Commented on Risks"
    initiative_title: str
    link: str  # the decision or the thread, in its place
    text: str  # the comment, or the decision's reason or remarks


def _decided(decision: ReviewDecision) -> ReviewActivity:
    initiative = decision.initiative
    if decision.outcome == ReviewDecision.Outcome.APPROVED:
        what = f"Approved revision {decision.revision}"
        link = reverse("revision_detail", args=[initiative.pk, decision.revision])
    else:
        what = f"Requested changes to revision {decision.revision}"
        link = reverse("initiative_review", args=[initiative.pk])
    return ReviewActivity(decision.decided_at, what, initiative.title, link, decision.reason)


def _said(comment: ReviewComment) -> ReviewActivity:
    section = SECTION_BY_SLUG[comment.section].title
    if comment.parent_id is None:
        what = f"Commented on {section}"
    elif comment.reopened_thread:
        what = f"Reopened a thread on {section} with a reply"
    else:
        what = f"Replied on {section}"
    link = thread_url(comment.initiative, comment)
    return ReviewActivity(comment.created_at, what, comment.initiative.title, link, comment.body)


def review_activity(reviewer: roles.User, limit: int = 5) -> list[ReviewActivity]:
    """The reviewer's latest decisions and comments, newest first, each with its link."""
    readable = Initiative.objects.visible_to(reviewer).values("pk")  # no longer: not listed
    decisions = (
        ReviewDecision.objects.filter(reviewer_id=reviewer.pk, initiative__in=readable)
        .select_related("initiative")
        .order_by("-decided_at", "-pk")[:limit]
    )
    said = (
        ReviewComment.objects.filter(author_id=reviewer.pk, initiative__in=readable)
        .select_related("initiative")
        .order_by("-created_at", "-pk")[:limit]
    )
    found = [*map(_decided, decisions), *map(_said, said)]
    found.sort(key=lambda a: a.when, reverse=True)
    return found[:limit]
