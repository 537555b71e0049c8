"""Step 6, absorptive capacity and sustainment: can the partner take in what is given,
and who pays to keep it running when U.S. support ends."""

from __future__ import annotations

from django import forms

from idd.forms.base import Move, StepForms, at_least, needed_to_submit
from idd.forms.money import MoneyField
from idd.models import Initiative


class SustainmentForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "absorptive_capacity",
            "sustainment_plan",
            "sustainment_annual_cost",
            "sustainment_funding_source",
        ]
        field_classes = {"sustainment_annual_cost": MoneyField}
        widgets = {
            "absorptive_capacity": forms.Textarea(attrs={"rows": 4}),
            "sustainment_plan": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "absorptive_capacity": "The partner's people, money, maintenance and logistics, and "
            "institutions able to take in what is given: what exists today, with evidence.",
            "sustainment_plan": "Who operates, maintains and pays for the capability after U.S. "
            "support ends, from which year.",
            "sustainment_annual_cost": "Whole U.S. dollars a year, at full operation, with or "
            "without commas: 250,000.",
            "sustainment_funding_source": "A partner budget line, not a hope: e.g. “defense "
            "budget, navy operations line”.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cost = self.fields["sustainment_annual_cost"]
        at_least(cost, 0, "The sustainment cost cannot be negative.")
        needed_to_submit(
            self, *self.fields
        )  # every field (idd.document.completeness.missing_sustainment)


class SustainmentStep(StepForms):
    def build(self) -> None:
        self.form = SustainmentForm(self.data, instance=self.initiative)
        self.parts = [self.form]

    def save(self, move: Move | None) -> list[str]:
        self.form.save()
        return []
