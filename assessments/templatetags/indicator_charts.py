"""The indicator chart, from a monitored indicator as the snapshot holds it (plain data)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template

from assessments.indicator_chart import IndicatorChart, indicator_chart
from assessments.on_track import Judgment, Reading, Track

register = template.Library()


@register.simple_tag
def monitoring_chart(entry: Mapping[str, Any]) -> IndicatorChart | None:
    """The chart of one monitored indicator, or None when it cannot be drawn by numbers."""
    readings = [
        Reading(date.fromisoformat(m["measured_on"]), m["value"]) for m in entry["measurements"]
    ]
    judgment = Judgment(Track(entry["track"]), entry["reason"])
    return indicator_chart(
        entry["description"],
        entry["baseline"],
        entry["target"],
        date.fromisoformat(entry["start"]),
        date.fromisoformat(entry["target_date"]),
        readings,
        judgment,
    )
