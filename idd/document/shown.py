"""Which document an initiative shows: while it is approved, the frozen copy of the
revision it was approved as (so what was approved never moves), with DSCA's decisions on it
since it was forwarded; otherwise the live draft.

The review page, the initiative page, the print view and the PDF all read it from here;
the initiative page also says what moved in the live data since approval.
"""

from __future__ import annotations

from idd.document.diff import SectionDiff, diff
from idd.document.shape import Document, Lesson
from idd.document.snapshot import forwarded_record, lesson_entry, load, snapshot
from idd.models import Initiative, LessonLearned, Revision
from idd.reference.choices import InitiativeStatus


def approved_revision(initiative: Initiative) -> Revision | None:
    """The revision the initiative is approved as, while it is approved; else None."""
    if initiative.status != InitiativeStatus.APPROVED:
        return None
    return (
        Revision.objects.filter(initiative=initiative, number=initiative.revision)
        .select_related("approved_by")
        .first()
    )


def shown_document(initiative: Initiative) -> tuple[Revision | None, Document]:
    """The approved revision and its frozen snapshot while approved, else (None, the live
    draft's snapshot)."""
    revision = approved_revision(initiative)
    if revision is not None:
        return revision, with_forwarding(revision)
    return None, snapshot(load(initiative.pk))


def with_forwarding(revision: Revision) -> Document:
    """The approved revision's frozen copy with what DSCA decided on it since, as it is
    now: the offices' decisions and the approval of the route it was forwarded on. The
    frozen copy itself never changes (the revision's own PDF stays the command's record);
    this is the copy the initiative shows, prints and drafts its notification from, so its
    stored PDF is rendered again whenever DSCA records something (its fingerprint moves)."""
    doc = revision.snapshot
    decisions, approvals = forwarded_record(revision.initiative_id, revision.number)
    if not decisions and not approvals:
        return doc
    shown = doc.copy()
    shown["coordination"] = [*doc.get("coordination", []), *decisions]
    shown["route_approvals"] = [*doc.get("route_approvals", []), *approvals]
    return shown


def since_approval(initiative: Initiative, revision: Revision) -> list[SectionDiff]:
    """The sections whose live data differ from the revision as approved: reference data
    renamed since (a partner, its units), deliveries recorded, assessments taken."""
    live = snapshot(load(initiative.pk))
    return [section for section in diff(revision.snapshot, live) if section.changed]


def lessons_learned(initiative: Initiative) -> list[Lesson]:
    """The initiative's lessons learned as they are now (an approved revision's frozen copy
    holds those recorded by its approval)."""
    rows = LessonLearned.objects.filter(initiative=initiative).select_related(
        "recorded_by__profile"
    )
    return [lesson_entry(lesson) for lesson in rows]
