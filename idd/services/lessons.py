"""Recording a lesson learned (10 U.S.C. 383, DoDI 5132.14): monitoring after approval,
and correcting or withdrawing one recorded in error.

Like recording a measurement (`idd.services.measurements`), it does not edit the plan: the
same people record (`commitment_record.can_record`), an approved initiative stays approved
and its revision keeps its frozen snapshot; the lesson names the revision it was learned
under. Each recording, correction and withdrawal claims the initiative's next version, so
its printed draft is rendered again; the lesson's history keeps what it was, who changed it
and why, and the initiative's History shows it. A correction or withdrawal carries the
state of the lesson its page showed (`seen_mark`): if the lesson was changed meanwhile, in
another tab, nothing is written (StaleEdit) and the page is given back (`submit_change`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict

from assessments.fiscal import format_date
from idd.forms.lesson import CorrectLessonForm, WithdrawLessonForm
from idd.models import Initiative, LessonLearned
from idd.models.lesson import FUTURE_LESSON
from idd.reference import roles
from idd.reference.roles import display_name
from idd.services.commitment_record import NOT_ALLOWED, RecordingRefused, can_record
from idd.services.locking import StaleEdit
from idd.services.measurements import claim_next_version, keep_with_reason

NO_LESSON = "Write the lesson learned."
NO_REASON = "Say why the lesson learned is corrected or withdrawn: what was wrong with it."


def _refusal(initiative: Initiative, learned_on: date, lesson: str) -> None:
    """RecordingRefused if the lesson cannot be stored as written."""
    if refusal := initiative.date_refusal(learned_on, FUTURE_LESSON):
        raise RecordingRefused(refusal)
    if not lesson.strip():
        raise RecordingRefused(NO_LESSON)


def record_lesson(
    initiative: Initiative,
    user: roles.User,
    *,
    learned_on: date,
    lesson: str,
    action: str = "",
    source: str = "",
) -> LessonLearned:
    """Store one lesson learned, who recorded it and under which revision.

    Raises PermissionDenied or RecordingRefused (with the reason).
    """
    if not can_record(initiative, user):
        raise PermissionDenied(NOT_ALLOWED)
    _refusal(initiative, learned_on, lesson)
    with transaction.atomic():
        claim_next_version(initiative)
        recorded = LessonLearned(
            initiative=initiative,
            revision=initiative.revision,
            learned_on=learned_on,
            lesson=lesson.strip(),
            action=action.strip(),
            source=source.strip(),
            recorded_by=cast(User, user),  # signed in: a planner on the initiative
        )
        recorded.full_clean()
        recorded._history_user = user  # type: ignore[attr-defined]
        recorded.save()
    return recorded


def lesson_of(initiative: Initiative, lesson_pk: int) -> LessonLearned | None:
    """The initiative's lesson of that id, or None (another initiative's, or withdrawn)."""
    return initiative.lessons_learned.filter(pk=lesson_pk).select_related("recorded_by").first()


def withdrawal_of(initiative: Initiative, lesson_pk: int) -> Any | None:
    """The history record of the initiative's lesson of that id withdrawn, or None."""
    return (
        LessonLearned.history.filter(id=lesson_pk, initiative=initiative, history_type="-")
        .select_related("history_user", "recorded_by")
        .first()
    )


def _latest(lesson: LessonLearned) -> Any | None:
    return (
        LessonLearned.history.filter(id=lesson.pk)
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )


def seen_mark(lesson: LessonLearned) -> str:
    """The state of the lesson a page shows: the id of its latest history record."""
    latest = _latest(lesson)
    return str(latest.history_id) if latest else ""


def changed_meanwhile(record: Any) -> str:
    """The conflict message: who corrected or withdrew the lesson since the page showed it."""
    who = display_name(record.history_user) if record.history_user else "Someone"
    if record.history_type == "-":
        why = f" (“{record.history_change_reason}”)" if record.history_change_reason else ""
        return (
            f"{who} withdrew this lesson learned while you had it open{why}, so nothing of "
            "yours was saved. "
            "What you typed is still on the form, to copy into a new lesson if it is needed."
        )
    return (
        f"{who} corrected this lesson learned while you had it open, so nothing of yours "
        "was saved. Your entries are still on the form; the lesson as it is now is shown "
        "above them. Check it, then save again."
    )


def _claim(initiative: Initiative, recorded: LessonLearned, user: roles.User, seen: str) -> None:
    """Claim the initiative's next version for a change of the lesson as its page showed it
    (`seen`); StaleEdit if it changed since. Call in a transaction: the initiative's row is
    locked, so a change to the same lesson in another tab waits, then finds it changed."""
    if not can_record(initiative, user):
        raise PermissionDenied(NOT_ALLOWED)
    if recorded.initiative_id != initiative.pk:
        raise PermissionDenied("This lesson learned belongs to another initiative.")
    claim_next_version(initiative)
    latest = _latest(recorded)  # none for a lesson stored without history: never changed
    if latest is not None and str(latest.history_id) != seen:
        raise StaleEdit(changed_meanwhile(latest))


def correct_lesson(
    initiative: Initiative,
    recorded: LessonLearned,
    user: roles.User,
    *,
    learned_on: date,
    lesson: str,
    action: str,
    source: str,
    reason: str,
    seen: str,
) -> LessonLearned:
    """Correct a lesson recorded in error; its history keeps what it was, who corrected it
    and why. Raises PermissionDenied, RecordingRefused or StaleEdit."""
    _refusal(initiative, learned_on, lesson)
    if not reason.strip():
        raise RecordingRefused(NO_REASON)
    with transaction.atomic():
        _claim(initiative, recorded, user, seen)
        recorded.learned_on, recorded.lesson = learned_on, lesson.strip()
        recorded.action, recorded.source = action.strip(), source.strip()
        keep_with_reason(recorded, user, reason)
    return recorded


def withdraw_lesson(
    initiative: Initiative, recorded: LessonLearned, user: roles.User, *, reason: str, seen: str
) -> None:
    """Withdraw a lesson recorded in error: it leaves the initiative's page and its printed
    draft; its history keeps it, who withdrew it and why. Raises PermissionDenied,
    RecordingRefused or StaleEdit."""
    if not reason.strip():
        raise RecordingRefused(NO_REASON)
    with transaction.atomic():
        _claim(initiative, recorded, user, seen)
        keep_with_reason(recorded, user, reason, withdraw=True)


def as_written(record: Any) -> str:
    """A lesson (or one of its history records) as the page shows it, in plain text."""
    lines = [f"Learned {format_date(record.learned_on)}: {record.lesson}"]
    if record.action:
        lines.append(f"What to do about it: {record.action}")
    if record.source:
        lines.append(f"Source or evidence: {record.source}")
    return "\n\n".join(lines)


@dataclass
class ChangePage:
    """The page that corrects or withdraws a lesson: the lesson as stored now (or, withdrawn
    meanwhile, its history's record of the withdrawal), its two forms, the posted one bound
    to what was typed, and once `done` what was done."""

    lesson: Any
    withdrawal: Any | None
    correct: CorrectLessonForm
    withdraw: WithdrawLessonForm
    seen: str  # the state of the lesson the forms carry (`seen_mark`)
    withdrawing: bool
    done: str = ""  # "corrected", "withdrawn"
    conflict: bool = False  # changed meanwhile: nothing written, what was typed kept

    @property
    def posted(self) -> CorrectLessonForm | WithdrawLessonForm:
        return self.withdraw if self.withdrawing else self.correct


def change_page(
    initiative: Initiative, lesson_pk: int, posted: QueryDict | None
) -> ChangePage | None:
    """The page of the initiative's lesson, or None: no such lesson (another initiative's,
    or withdrawn, unless a page of it is posted: then the withdrawal is a conflict)."""
    lesson: Any = lesson_of(initiative, lesson_pk)
    withdrawal = None
    if lesson is None and posted is not None:
        lesson = withdrawal = withdrawal_of(initiative, lesson_pk)
    if lesson is None:
        return None
    # A copy the correction form may change: the page shows the lesson as stored.
    instance = withdrawal.instance if withdrawal else lesson_of(initiative, lesson_pk)
    seen = "" if withdrawal else seen_mark(lesson)
    withdrawing = posted is not None and posted.get("change") == "withdraw"
    correct = CorrectLessonForm(
        None if withdrawing else posted,
        instance=instance,
        initial={"seen": seen},
        initiative=initiative,
    )
    withdraw = WithdrawLessonForm(
        posted if withdrawing else None, prefix="withdraw", initial={"seen": seen}
    )
    return ChangePage(lesson, withdrawal, correct, withdraw, seen, withdrawing)


def submit_change(
    initiative: Initiative, lesson_pk: int, user: roles.User, posted: QueryDict
) -> ChangePage | None:
    """Correct or withdraw the lesson as the posted page (its button) asks. Refused: the
    page with the reason. Changed or withdrawn since the page was read: nothing is written,
    and the page of the lesson as it is now comes back with what was typed (`conflict`)."""
    page = change_page(initiative, lesson_pk, posted)
    if page is None:
        return None
    try:
        if page.withdrawal is not None:
            raise StaleEdit(changed_meanwhile(page.withdrawal))
        if page.posted.is_valid():
            data = page.posted.cleaned_data
            if page.withdrawing:
                withdraw_lesson(initiative, page.lesson, user, **data)
            else:
                correct_lesson(initiative, page.lesson, user, **data)
            page.done = page.posted.done
    except RecordingRefused as refused:
        page.posted.add_error(None, str(refused))
    except StaleEdit as stale:
        if (page := change_page(initiative, lesson_pk, posted)) is None:
            return None
        page.conflict = True
        page.posted.refuse_as_stale(str(stale), page.seen)
    return page
