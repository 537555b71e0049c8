"""Monitoring after approval: values measured for an indicator over time.

A measurement is written as the indicator's baseline and target are (text such as "12" or
"40%"), so a planner records it in the same words; `assessments.on_track` reads the
number in it to judge whether the indicator is on track.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from config.fields import LineField, ProseField
from idd.models.initiative import SHORT_PROSE
from idd.models.plan import Indicator


class IndicatorMeasurement(models.Model):
    """One value of an indicator on one day, with its source and who recorded it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField("measured on")
    value = LineField("measured value", max_length=200)
    source = LineField("source or evidence", max_length=300)
    note = ProseField(blank=True, max_length=SHORT_PROSE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} on {self.measured_on}"
