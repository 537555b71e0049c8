"""Step 2, strategic context: the problem, the campaign objective it serves, the end
state and theory of change, and U.S. assistance in the three fiscal years before."""

from __future__ import annotations

from django import forms

from idd.forms.base import (
    Move,
    RowFormSet,
    StepForms,
    at_least,
    fiscal_year_choices,
    needed_to_submit,
    row_formset,
)
from idd.forms.money import MoneyField
from idd.models import Initiative, PriorAssistance
from idd.reference import limits

TEXT = forms.Textarea(attrs={"rows": 4})


class ContextForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "problem_statement",
            "campaign_objective",
            "desired_end_state",
            "theory_of_change",
        ]
        widgets = {name: TEXT for name in fields}
        help_texts = {
            "problem_statement": "The security problem the partner faces, in observable terms: "
            "what happens today, where, how often.",
            "campaign_objective": "The CCMD campaign-plan objective (and national guidance) "
            "this initiative serves.",
            "desired_end_state": "What the partner's force does on its own when U.S. support "
            "ends: dated, observable, paid for by the partner.",
            "theory_of_change": "If the partner does X and the U.S. provides Y, then Z, "
            "because … Name what the partner commits, not only what it lacks.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needed_to_submit(
            self, *self.fields
        )  # every field (idd.document.completeness.missing_context)


class PriorAssistanceForm(forms.ModelForm):
    class Meta:
        model = PriorAssistance
        fields = ["fiscal_year", "authority", "description", "amount"]
        field_classes = {"amount": MoneyField}
        labels = {"description": "What was provided"}
        help_texts = {"amount": "Whole U.S. dollars, with or without commas: 1,900,000."}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        first = initiative.first_fiscal_year
        years = [first - 3, first - 2, first - 1]
        self.fields["fiscal_year"].widget = forms.Select(
            choices=fiscal_year_choices(years, self.instance.fiscal_year)
        )
        hint = f"One of the three years before: FY{years[0]}–FY{years[-1]}."
        self.fields["fiscal_year"].help_text = hint
        at_least(self.fields["amount"], 0, "The amount cannot be negative.")


class PriorAssistanceFormSet(RowFormSet):
    row_label = "prior U.S. assistance"
    add_label = "Add prior assistance"


PriorAssistanceRows = row_formset(
    Initiative,
    PriorAssistance,
    PriorAssistanceForm,
    PriorAssistanceFormSet,
    most=limits.PRIOR_ASSISTANCE.most,
)


class ContextStep(StepForms):
    def build(self) -> None:
        self.form = ContextForm(self.data, instance=self.initiative)
        self.prior = PriorAssistanceRows(
            self.data,
            instance=self.initiative,
            prefix="prior",
            add=self.add == "prior",
            form_kwargs={"initiative": self.initiative},
        )
        self.parts = [self.form, self.prior]

    def save(self, move: Move | None) -> list[str]:
        if self.form.has_changed():
            self.form.save()
        self.prior.save_rows(move)
        return []
