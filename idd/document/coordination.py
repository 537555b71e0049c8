"""The coordination block's words, the same in the PDF, the Word copy and the notification."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from assessments.fiscal import format_date


def submission_read(entry: Mapping[str, Any]) -> str:
    """Which submission the office read: "Submission 2, 3 Dec 2026". A snapshot taken
    before submissions were recorded on decisions names the revision instead."""
    if not entry.get("submission"):
        return f"Revision {entry['revision']}"
    submitted_at = entry.get("submitted_at")
    if not submitted_at:
        return f"Submission {entry['submission']}"
    day = format_date(datetime.fromisoformat(submitted_at).date())
    return f"Submission {entry['submission']}, {day}"
