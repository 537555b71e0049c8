"""The History tab: the whole conversation beside every change, in one list, newest first.

Field changes come from the audit trail (`idd.document.audit.trail`); comments, replies,
resolutions, reopenings and the reviewers' decisions from their own records, two queries
more however long the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from django.urls import reverse

from assessments.fiscal import format_date
from idd.document.audit import Entry, trail
from idd.models import (
    IndicatorMeasurement,
    Initiative,
    LessonLearned,
    OfficeDecision,
    ReviewComment,
    ReviewDecision,
    Route,
)
from idd.reference.roles import display_name
from idd.reference.sections import SECTION_BY_SLUG
from idd.services import comments
from idd.services.lessons import as_written

COMMENTED, REPLIED, RESOLVED, REOPENED = "commented", "replied", "resolved", "reopened"
APPROVED, CHANGES_REQUESTED = "approved", "changes_requested"
MEASURED = "measured"
LESSON = "lesson"
ROUTED, COORDINATED = "routed", "coordinated"  # a staffing route's events (issue 27)
# A measurement's history rows that say it was corrected ("~") or withdrawn ("-").
CORRECTIONS = {"~": "corrected", "-": "withdrawn"}


@dataclass(frozen=True)
class Said:
    """A comment, a reply, a resolution, a reopening or a reviewer's decision."""

    conversation: ClassVar[bool] = True  # the History tab tells these from field changes
    when: datetime
    who: str
    kind: str  # COMMENTED, ..., CHANGES_REQUESTED, MEASURED, LESSON, ROUTED, COORDINATED
    what: str  # "Replied to Morgan Hale's comment on Risks"
    text: str = ""  # what was written: the comment, or the decision's reason or remarks
    text_label: str = ""  # "Reason", "Remarks"; none for a comment
    link: str = ""  # where to read it in its place
    before: str = ""  # a record corrected or withdrawn: what it said before


def _comments(initiative: Initiative) -> list[Said]:
    found = list(
        ReviewComment.objects.filter(initiative=initiative).select_related(
            "author__profile", "resolved_by__profile", "reopened_resolution_by__profile"
        )
    )
    roots = {c.pk: c for c in found if c.parent_id is None}
    said = []
    for comment in found:
        root = roots[comment.parent_id or comment.pk]
        link = comments.thread_url(initiative, root)
        section = SECTION_BY_SLUG[root.section].title
        whose = f"{display_name(root.author)}'s comment on {section}"
        if comment.parent_id is None:
            kind, what = COMMENTED, f"Commented on {section}"
        elif comment.reopened_thread:
            kind, what = REOPENED, f"Reopened {whose} with a reply"
            # The resolution this reply ended, which the thread no longer holds.
            said.append(
                Said(
                    when=comment.reopened_resolution_at,  # type: ignore[arg-type]
                    who=display_name(comment.reopened_resolution_by),
                    kind=RESOLVED,
                    what=f"Resolved {whose}",
                    link=link,
                )
            )
        else:
            kind, what = REPLIED, f"Replied to {whose}"
        who = display_name(comment.author)
        said.append(Said(comment.created_at, who, kind, what, comment.body, link=link))
        if comment.parent_id is None and comment.resolved_at is not None:
            said.append(
                Said(
                    when=comment.resolved_at,
                    who=display_name(comment.resolved_by),
                    kind=RESOLVED,
                    what=f"Resolved {whose}",
                    link=link,
                )
            )
    return said


def _decisions(initiative: Initiative) -> list[Said]:
    """The reviewers' decisions; an office's non-concurrence that returned the IDD is said
    once, as the office's decision (`_routing`), not again as a request for changes."""
    said = []
    by_office = OfficeDecision.objects.filter(
        route__initiative=initiative, returned_as__isnull=False
    ).values("returned_as")
    for decision in (
        ReviewDecision.objects.filter(initiative=initiative)
        .exclude(pk__in=by_office)
        .select_related("reviewer__profile")
    ):
        if decision.outcome == ReviewDecision.Outcome.APPROVED:
            kind, what, label = APPROVED, f"Approved revision {decision.revision}", "Remarks"
            link = reverse("revision_detail", args=[initiative.pk, decision.revision])
        else:
            kind, what, label = (
                CHANGES_REQUESTED,
                f"Requested changes to revision {decision.revision}",
                "Reason",
            )
            link = ""
        said.append(
            Said(
                decision.decided_at,
                display_name(decision.reviewer),
                kind,
                what,
                decision.reason,
                label,
                link,
            )
        )
    return said


def _routing(initiative: Initiative) -> list[Said]:
    """Every routing event: each route sent (or forwarded), each office's decision, each
    approval by a route's approval authority."""
    said = []
    for route in Route.objects.filter(initiative=initiative).select_related(
        "template__organization", "template__approval_authority", "started_by", "approved_by"
    ):
        where = f"Forwarded to {route.template.organization} on" if route.forwarded else "Sent on"
        what = f"{where} the route “{route.template.name}” (revision {route.revision})"
        said.append(Said(route.started_at, display_name(route.started_by), ROUTED, what))
        # The command's approval is the reviewers' approval of the revision (`_decisions`,
        # with its remarks); a forwarded route's is said here.
        if route.approved_at and route.forwarded:
            authority = route.template.approval_authority
            what = f"Approved for {authority} at the end of the route “{route.template.name}”"
            said.append(Said(route.approved_at, display_name(route.approved_by), ROUTED, what))
    for d in OfficeDecision.objects.filter(route__initiative=initiative).select_related(
        "office", "stage"
    ):
        what = f"{d.office}: {d.get_outcome_display().lower()} ({d.stage.label})"
        label = "Reason" if d.outcome == OfficeDecision.Outcome.NON_CONCUR else "Comment"
        said.append(Said(d.decided_at, d.signed_as, COORDINATED, what, d.comment, label))
    return said


def conversation(initiative: Initiative) -> list[Said]:
    """Everything said and decided in the initiative's reviews, newest first."""
    said = _comments(initiative) + _decisions(initiative) + _routing(initiative)
    said.sort(key=lambda s: s.when, reverse=True)
    return said


def _measurements(initiative: Initiative) -> list[Said]:
    """Each indicator value recorded (monitoring, which leaves the plan as it is), and
    each one corrected or withdrawn, with who did it and why (the measurement's history)."""
    said = []
    for m in IndicatorMeasurement.objects.filter(
        indicator__objective__initiative=initiative
    ).select_related("indicator", "recorded_by"):
        who = display_name(m.recorded_by)
        what = (
            f"Measurement recorded: {m.indicator.description} = {m.value} "
            f"on {format_date(m.measured_on)} by {who}"
        )
        link = reverse("initiative_detail", args=[initiative.pk]) + f"#indicator-{m.indicator_id}"
        said.append(Said(m.recorded_at, who, MEASURED, what, m.source, "Source or evidence", link))
    changed = IndicatorMeasurement.history.filter(
        indicator__objective__initiative=initiative, history_type__in=CORRECTIONS
    ).select_related("indicator", "history_user")
    for h in changed:
        who = display_name(h.history_user) if h.history_user else "Someone"
        what = (
            f"Measurement {CORRECTIONS[h.history_type]}: {h.indicator.description} = {h.value} "
            f"on {format_date(h.measured_on)} by {who}"
        )
        link = reverse("initiative_detail", args=[initiative.pk]) + f"#indicator-{h.indicator_id}"
        reason = h.history_change_reason or ""
        said.append(Said(h.history_date, who, MEASURED, what, reason, "Reason", link))
    return said


def _lessons(initiative: Initiative) -> list[Said]:
    """Each lesson learned recorded, corrected or withdrawn (monitoring, which leaves the
    plan as it is), from the lessons' history: a withdrawn one is still listed as recorded,
    and each change says who made it, why and what the lesson said before."""
    link = reverse("initiative_detail", args=[initiative.pk]) + "#lessons-learned"
    said: list[Said] = []
    before: dict[int, str] = {}  # each lesson's text as its last record had it
    records = LessonLearned.history.filter(initiative=initiative).select_related(
        "history_user", "recorded_by"
    )
    for h in records.order_by("history_id"):
        learned = f"learned {format_date(h.learned_on)}"
        if h.history_type in CORRECTIONS:
            who = display_name(h.history_user) if h.history_user else "Someone"
            what = f"Lesson learned {CORRECTIONS[h.history_type]}: {learned}, by {who}"
            was = before.get(h.id, "")
            reason = h.history_change_reason or ""
            said.append(Said(h.history_date, who, LESSON, what, reason, "Reason", link, was))
        else:
            who = display_name(h.recorded_by)
            what = f"Lesson learned recorded under revision {h.revision}, {learned}, by {who}"
            said.append(Said(h.recorded_at, who, LESSON, what, h.lesson, "Lesson", link))
        before[h.id] = as_written(h)
    return said


# A workflow step's save of the initiative (its status) within this of a decision or a
# routing event is the same event: History says it once, as the decision.
SAME_STEP = timedelta(seconds=5)
DECIDED = {APPROVED, CHANGES_REQUESTED, ROUTED, COORDINATED}


def _restates(entry: Entry, decided: list[Said]) -> bool:
    """A workflow step's status change the same person's decision or routing event
    beside it says."""
    return (
        entry.group == "Initiative"
        and bool(entry.reason)
        and all(change.label == "Status" for change in entry.changes)
        and any(s.who == entry.who and abs(entry.when - s.when) <= SAME_STEP for s in decided)
    )


def history(initiative: Initiative) -> list[Entry | Said]:
    """Every change, everything said and every measurement recorded, newest first: each
    event once (a decision, not also the status change it made)."""
    said = conversation(initiative)
    decided = [s for s in said if s.kind in DECIDED]
    entries: list[Entry | Said] = [
        *said,
        *_measurements(initiative),
        *_lessons(initiative),
        *(e for e in trail(initiative.pk) if not _restates(e, decided)),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
