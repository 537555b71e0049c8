"""Step 3, partner deliverables: what the partner provides, when, how it is verified,
and what it costs the partner politically."""

from __future__ import annotations

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME

from idd.forms.base import (
    PROMPT,
    Move,
    RowFormSet,
    StepForms,
    at_least,
    fiscal_year_choices,
    row_formset,
)
from idd.models import Initiative, PartnerDeliverable, USInput
from idd.reference import limits
from idd.reference.choices import QUARTERS, DeliverableStatus

NO_VERIFICATION = (
    "Say how delivery will be verified: the observable evidence (a signed order, a budget "
    "line, a roster, a site visit) and who records it. A verbal assurance counts for nothing."
)


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = PartnerDeliverable
        fields = [
            "title",
            "category",
            "quantity",
            "due_fiscal_year",
            "due_quarter",
            "verification_method",
            "political_risk",
        ]
        labels = {
            "title": "What the partner delivers",
            "political_risk": "Political risk to the partner",
        }
        help_texts = {
            "title": "An action, not a promise: “Assign 120 sailors to the company for three "
            "years”, “Fund fuel and spare parts in the defense budget”.",
            "quantity": "Optional: how many (people, boats, units).",
            "political_risk": "How costly it is for the partner's leaders to do this "
            "(see the scale beside the form).",
        }
        widgets = {"verification_method": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_fiscal_year"].widget = forms.Select(
            choices=fiscal_year_choices(initiative.fiscal_years, self.instance.due_fiscal_year)
        )
        self.fields["due_quarter"].choices = [("", PROMPT), *QUARTERS]  # type: ignore[attr-defined]
        at_least(self.fields["quantity"], 1, "The quantity must be at least 1.")
        self.fields["verification_method"].required = True
        self.fields["verification_method"].error_messages["required"] = NO_VERIFICATION


class DeliverableFormSet(RowFormSet):
    row_label = "partner deliverable"
    add_label = "Add another deliverable"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        matched = list(form.instance.matched_us_inputs.all()) if form.instance.pk else []
        if matched:
            names = ", ".join(f"“{u.title}”" for u in matched)
            form.fields[DELETION_FIELD_NAME].help_text = (
                f"Matched to U.S. input {names}. Removing this deliverable takes it out of "
                "that input's matches; an input left with no match is flagged as a gift."
            )


DeliverableRows = row_formset(
    Initiative,
    PartnerDeliverable,
    DeliverableForm,
    DeliverableFormSet,
    most=limits.DELIVERABLES.most,
)


class DeliverablesStep(StepForms):
    def build(self) -> None:
        self.formset = DeliverableRows(
            self.data,
            instance=self.initiative,
            prefix="deliverables",
            add=self.add == "deliverables",
            queryset=PartnerDeliverable.objects.prefetch_related("matched_us_inputs"),
            form_kwargs={"initiative": self.initiative},
        )
        self.parts = [self.formset]

    def save(self, move: Move | None) -> list[str]:
        affected = {
            u.pk
            for form in self.formset.forms
            if self.formset.is_removed(form) and form.instance.pk
            for u in form.instance.matched_us_inputs.all()
        }
        reopened = [
            form.instance for form in self.formset.forms if _risk_raised_after_delivery(form)
        ]
        for deliverable in reopened:
            deliverable.reopen_delivery()
        self.formset.save_rows(move)
        return [
            *(REOPENED.format(title=d.title) for d in reopened),
            *inputs_left_unmatched(affected),
        ]


REOPENED = (
    "“{title}” was recorded as delivered at a lower political risk; at its new risk the "
    "delivery counts only once it is recorded again on the commitment page."
)


def _risk_raised_after_delivery(form: forms.ModelForm) -> bool:
    """A recorded delivery whose political risk the planner has just raised."""
    row = form.instance
    if not row.pk or row.status not in (DeliverableStatus.DELIVERED, DeliverableStatus.PARTIAL):
        return False
    if "political_risk" not in form.changed_data or form.cleaned_data.get("DELETE"):
        return False
    return int(form.cleaned_data["political_risk"]) > int(form.initial["political_risk"])


def inputs_left_unmatched(input_ids: set[int]) -> list[str]:
    """Notes on the U.S. inputs among these that no longer answer any partner deliverable
    (after the deliverables they were matched to were removed)."""
    if not input_ids:
        return []
    return [
        f"U.S. input “{u.title}” is no longer matched to any partner deliverable: "
        "match it on the U.S. inputs step, or remove it."
        for u in USInput.objects.filter(pk__in=input_ids).unmatched()
    ]
