"""Correcting or withdrawing a record made in error (a measurement, a lesson learned): the
reason, which the record's history keeps with the change and the History tab shows."""

from __future__ import annotations

from typing import Any

from django import forms

# The history keeps the reason with the change (simple_history's change reason), in at most
# 100 characters.
REASON_LENGTH = 100
REASON_HELP = "What was wrong with it, for the initiative's History (up to 100 characters)."


class ReasonForm(forms.Form):
    """Why a record is corrected or withdrawn. A subclass names the record and the act;
    a form that corrects one puts this first among its bases, before the record's form."""

    record = "record"  # "measurement", "lesson learned"
    done = "corrected"  # or "withdrawn"
    reason = forms.CharField(max_length=REASON_LENGTH, help_text=REASON_HELP)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = f"Why it is {self.done}"
        reason.error_messages["required"] = f"Say why the {self.record} is {self.done}."
