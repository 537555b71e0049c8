"""Step 4, U.S. inputs: what the U.S. provides, each matched to the partner
deliverables it answers (and is gated on)."""

from __future__ import annotations

from django import forms

from idd.forms.base import (
    IdChoices,
    Move,
    RowFormSet,
    StepForms,
    at_least,
    fiscal_year_choices,
    needed_to_submit,
    row_formset,
)
from idd.forms.money import MoneyField
from idd.models import Initiative, PartnerDeliverable, USInput
from idd.reference import limits
from idd.reference.choices import QUARTERS

OTHER_INITIATIVE = (
    "Match only partner deliverables of this initiative: the choice %(value)s is not one of them."
)


def deliverable_label(d: PartnerDeliverable) -> str:
    """ "D1 Assign crews (due FY2027 Q2, political risk 4)": its reference, as in the
    document."""
    return f"{d.reference} {d.title} (due {d.due_label}, political risk {d.political_risk})"


class USInputForm(forms.ModelForm):
    class Meta:
        model = USInput
        fields = [
            "title",
            "category",
            "fiscal_year",
            "fiscal_quarter",
            "estimated_cost",
            "authority",
            "matched_deliverables",
        ]
        labels = {
            "fiscal_quarter": "Fiscal quarter",
            "matched_deliverables": "Partner deliverables it answers",
        }
        field_classes = {"estimated_cost": MoneyField, "matched_deliverables": IdChoices}
        help_texts = {
            "title": "Equipment, training, construction or advice, e.g. “Four 12-meter patrol "
            "boats”.",
            "fiscal_quarter": "When in the year the U.S. provides it, if known: gating is then "
            "checked by quarter (it should come after the quarter its deliverable is due).",
            "estimated_cost": "Whole U.S. dollars, with or without commas: 1,900,000.",
            "matched_deliverables": "Tick the partner deliverables this input is gated on: it is "
            "provided only after the partner delivers them.",
        }

    def __init__(self, *args, initiative: Initiative, deliverable_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].widget = forms.Select(
            choices=fiscal_year_choices(initiative.fiscal_years, self.instance.fiscal_year)
        )
        self.fields["fiscal_quarter"].choices = [("", "Not known yet"), *QUARTERS]  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.initial["authority"] = initiative.funding_authority
        at_least(self.fields["estimated_cost"], 0, "The estimated cost cannot be negative.")
        matched = self.fields["matched_deliverables"]
        matched.widget = forms.CheckboxSelectMultiple()
        # Only this initiative's deliverables: a forged id of another initiative's is refused.
        matched.queryset = PartnerDeliverable.objects.filter(initiative=initiative)  # type: ignore[attr-defined]
        matched.error_messages["invalid_choice"] = OTHER_INITIATIVE
        needed_to_submit(self, "matched_deliverables")
        matched.choices = deliverable_choices  # type: ignore[attr-defined]  # read once for every row, not once per row


class USInputFormSet(RowFormSet):
    row_label = "U.S. input"
    add_label = "Add another U.S. input"


USInputRows = row_formset(
    Initiative, USInput, USInputForm, USInputFormSet, most=limits.US_INPUTS.most
)


class USInputsStep(StepForms):
    def build(self) -> None:
        deliverables = PartnerDeliverable.objects.filter(initiative=self.initiative)
        self.deliverable_count = len(deliverables)
        self.formset = USInputRows(
            self.data,
            instance=self.initiative,
            prefix="inputs",
            add=self.add == "inputs",
            queryset=USInput.objects.prefetch_related("matched_deliverables"),
            form_kwargs={
                "initiative": self.initiative,
                # In the model's order, by due date, as in the document.
                "deliverable_choices": [(d.pk, deliverable_label(d)) for d in deliverables],
            },
        )
        self.parts = [self.formset]

    def save(self, move: Move | None) -> list[str]:
        self.formset.save_rows(move)
        return []
