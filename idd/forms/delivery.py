"""Recording what the partner did about one deliverable: status, evidence, the day."""

from __future__ import annotations

from typing import Any

from django import forms

from assessments import method
from idd.models import Initiative, PartnerDeliverable


class RecordDeliveryForm(forms.Form):
    status = forms.ChoiceField(
        label="What the partner did",
        choices=PartnerDeliverable.RECORDABLE_STATUSES,
        widget=forms.RadioSelect,
        help_text="Only delivery counts: a verbal assurance or a missed deliverable earns "
        "nothing in the assessment; a delivery after its due quarter counts, shown as late.",
    )
    # The model's field: its length limit and refusal of control characters.
    evidence = PartnerDeliverable._meta.get_field("evidence").formfield(
        label="Evidence seen",
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows it, and where it is kept: the signed order, the budget line, "
        "the roster, the site visit report.",
    )
    delivered_on = forms.DateField(
        label="Date delivered",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The day the partner delivered it, in full or in part, as the evidence "
        "shows. Only a delivery has a date: for any other answer it is left out.",
        error_messages={"invalid": "Enter the date delivered as a real date, e.g. 15 March 2027."},
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") not in method.RISK_TAKEN:
            cleaned["delivered_on"] = None  # ignored: only a delivery happened on a day
            self.errors.pop("delivered_on", None)
        elif "delivered_on" in self.errors:
            pass  # not a date: its own message says so
        elif cleaned.get("delivered_on") is None:
            self.add_error("delivered_on", NO_DELIVERY_DATE)
        elif refusal := self.initiative.date_refusal(
            cleaned["delivered_on"], PartnerDeliverable.FUTURE_DELIVERY
        ):
            self.add_error("delivered_on", refusal)
        return cleaned


NO_DELIVERY_DATE = "Enter the date it was delivered: the day the evidence shows, today or earlier."
