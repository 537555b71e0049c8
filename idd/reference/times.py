"""Times as the review screens say them: a full timestamp with its time zone, and how
long ago something happened ("just now", never "0 minutes ago")."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.timesince import timesince

from assessments.fiscal import format_date

JUST_NOW_SECONDS = 60  # under a minute, "N minutes ago" would say "0 minutes ago"


def full_timestamp(value: datetime | None) -> str:
    """ "3 Dec 2026, 14:05 UTC": in the configured TIME_ZONE, named by its abbreviation."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{format_date(local.date())}, {local:%H:%M} {local.tzname()}"


def time_ago(value: datetime | None, now: datetime | None = None) -> str:
    """ "just now" under a minute (or a moment in the future: clocks differ), else
    "3 days, 4 hours ago"."""
    if value is None:
        return ""
    now = now or timezone.now()
    if (now - value).total_seconds() < JUST_NOW_SECONDS:
        return "just now"
    return f"{timesince(value, now)} ago"
