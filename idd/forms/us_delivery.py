"""Recording what the U.S. did about one of its inputs: status, the day, why late or canceled."""

from __future__ import annotations

from typing import Any

from django import forms

from assessments import method
from idd.models import Initiative, USInput
from idd.reference.choices import DelayCause, USInputStatus

FUTURE_DELIVERY = (
    "The date delivered cannot be in the future: enter the day it happened, today or earlier."
)
NO_DELIVERY_DATE = "Enter the date it was delivered: the day it happened, today or earlier."
NO_CANCEL_REASON = "Say why it was canceled: the partner is owed a reason, and so is the record."
NO_DELAY_NOTE = "Say what the delay is: “Other” needs a few words."


class RecordUSDeliveryForm(forms.Form):
    status = forms.ChoiceField(
        label="What the U.S. did",
        choices=USInputStatus.choices,
        widget=forms.RadioSelect,
        help_text="A late delivery still counts in the U.S. delivery record, shown as late; a "
        "canceled input leaves the count, with its reason shown.",
    )
    delivered_on = forms.DateField(
        label="Date delivered",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The day the U.S. delivered it, in full or in part. Only a delivery has a "
        "date: for any other answer it is left out.",
        error_messages={"invalid": "Enter the date delivered as a real date, e.g. 15 March 2027."},
    )
    # The model's fields: their length limit and refusal of control characters.
    cancel_reason = USInput._meta.get_field("cancel_reason").formfield(
        label="Why it was canceled",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only for a canceled input.",
    )
    delay_cause = forms.ChoiceField(
        label="Cause of a delay",
        choices=[("", "No delay, or not known")] + DelayCause.choices,
        required=False,
        help_text="If it is (or was) late: why. Shown beside the U.S. delivery record.",
    )
    delay_note = USInput._meta.get_field("delay_note").formfield(
        label="About the delay",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What holds it up and when it is now expected.",
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status")
        if status not in method.US_DELIVERED:
            cleaned["delivered_on"] = None  # ignored: only a delivery happened on a day
            self.errors.pop("delivered_on", None)
        elif "delivered_on" in self.errors:
            pass  # not a date: its own message says so
        elif cleaned.get("delivered_on") is None:
            self.add_error("delivered_on", NO_DELIVERY_DATE)
        elif refusal := self.initiative.date_refusal(cleaned["delivered_on"], FUTURE_DELIVERY):
            self.add_error("delivered_on", refusal)
        if status == method.CANCELLED:
            if (
                not (cleaned.get("cancel_reason") or "").strip()
                and "cancel_reason" not in self.errors
            ):
                self.add_error("cancel_reason", NO_CANCEL_REASON)
        else:
            cleaned["cancel_reason"] = ""
        note = (cleaned.get("delay_note") or "").strip()
        if cleaned.get("delay_cause") == DelayCause.OTHER and not note:
            self.add_error("delay_note", NO_DELAY_NOTE)
        return cleaned
