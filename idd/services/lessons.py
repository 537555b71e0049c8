"""Recording a lesson learned (10 U.S.C. 383, DoDI 5132.14): monitoring after approval.

Like recording a measurement (`idd.services.measurements`), it does not edit the plan: the
same people record (`commitment_record.can_record`), an approved initiative stays approved
and its revision keeps its frozen snapshot; the lesson names the revision it was learned
under. The recording claims the initiative's next version, so its printed draft is rendered
again; the initiative's History lists the lesson.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from idd.models import Initiative, LessonLearned
from idd.models.lesson import FUTURE_LESSON
from idd.reference import roles
from idd.services.commitment_record import NOT_ALLOWED, RecordingRefused, can_record
from idd.services.measurements import claim_next_version

NO_LESSON = "Write the lesson learned."


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
    if refusal := initiative.date_refusal(learned_on, FUTURE_LESSON):
        raise RecordingRefused(refusal)
    if not lesson.strip():
        raise RecordingRefused(NO_LESSON)
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
