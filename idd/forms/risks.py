"""Step 8, risks: the security cooperation dilemma's risks beside ordinary ones."""

from __future__ import annotations

from django import forms

from idd.forms.base import Move, RowFormSet, StepForms, needed_to_submit, row_formset
from idd.models import Initiative, Risk
from idd.reference import limits


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = ["category", "description", "likelihood", "impact", "mitigation", "owner"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "description": "What could happen, and what would set it off.",
            "mitigation": "What you will do to make it less likely or less harmful.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needed_to_submit(self, "mitigation")  # idd.document.completeness.missing_risks


class RiskFormSet(RowFormSet):
    row_label = "risk"
    add_label = "Add another risk"


RiskRows = row_formset(Initiative, Risk, RiskForm, RiskFormSet, most=limits.RISKS.most)


class RisksStep(StepForms):
    def build(self) -> None:
        self.formset = RiskRows(
            self.data, instance=self.initiative, prefix="risks", add=self.add == "risks"
        )
        self.parts = [self.formset]

    def save(self, move: Move | None) -> list[str]:
        self.formset.save_rows(move)
        return []
