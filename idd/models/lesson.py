"""Lessons learned while the initiative is carried out (10 U.S.C. 383, DoDI 5132.14).

Like an indicator's measurement, a lesson is recorded after approval and does not change
the plan: the approved revision keeps its frozen snapshot, and the initiative's History
lists the lesson. Each lesson names the revision it was learned under.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from config.fields import LineField, ProseField
from idd.models.initiative import SHORT_PROSE, Initiative

FUTURE_LESSON = "The date learned cannot be in the future: enter the day, today or earlier."


class LessonLearned(models.Model):
    """What was learned on one day, what it means for the initiative, and who recorded it."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="lessons_learned"
    )
    revision = models.PositiveSmallIntegerField("revision it was learned under")
    learned_on = models.DateField("date learned")
    lesson = ProseField("lesson learned", max_length=SHORT_PROSE)
    action = ProseField("what to do about it", blank=True, max_length=SHORT_PROSE)
    source = LineField("source or evidence", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["learned_on", "pk"]
        verbose_name = "lesson learned"
        verbose_name_plural = "lessons learned"

    def __str__(self) -> str:
        return f"Lesson of {self.learned_on}: {self.lesson[:60]}"
