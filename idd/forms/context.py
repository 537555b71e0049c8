"""Step 2, strategic context: the problem, the campaign and integrated country strategy
objectives it serves, the end state and theory of change, State's concurrence and joint
planning (Section 333 only), and U.S. assistance in the three fiscal years before."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

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
            "ics_objective",
            "desired_end_state",
            "theory_of_change",
        ]
        widgets = {name: TEXT for name in fields}
        labels = {"ics_objective": "Integrated country strategy objective"}
        help_texts = {
            "problem_statement": "The security problem the partner faces, in observable terms: "
            "what happens today, where, how often.",
            "campaign_objective": "The CCMD campaign-plan objective (and national guidance) "
            "this initiative serves.",
            "ics_objective": "The objective of the U.S. embassy's integrated country strategy "
            "this initiative advances, as the strategy words it. Needed to submit when the "
            "funding authority is 10 U.S.C. 333 (Congress is told how the program nests in it).",
            "desired_end_state": "What the partner's force does on its own when U.S. support "
            "ends: dated, observable, paid for by the partner.",
            "theory_of_change": "If the partner does X and the U.S. provides Y, then Z, "
            "because … Name what the partner commits, not only what it lacks.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What idd.document.completeness.missing_context needs: the ICS objective only
        # under Section 333.
        needed = [n for n in self.fields if n != "ics_objective" or self.instance.is_section_333]
        needed_to_submit(self, *needed)


DAY = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
NOT_YET = "cannot be in the future: enter the day it happened, today or earlier."


class StateForm(forms.ModelForm):
    """The Department of State's concurrence and the joint planning with State
    (10 U.S.C. 333(b)), shown when the authority is Section 333."""

    class Meta:
        model = Initiative
        fields = [
            "state_concurrence_office",
            "state_concurrence_person",
            "state_concurred_on",
            "state_concurrence_requested_on",
            "state_joint_planning",
        ]
        labels = {
            "state_concurrence_office": "State office that concurs",
            "state_concurrence_person": "State official who concurs",
            "state_concurred_on": "Date State concurred",
            "state_concurrence_requested_on": "Date concurrence was requested",
            "state_joint_planning": "Joint planning with the Department of State",
        }
        help_texts = {
            "state_concurrence_office": "The Department of State bureau or office, e.g. "
            "“Bureau of Political-Military Affairs (PM/SA)”.",
            "state_concurrence_person": "Name and title of the official, e.g. “Jane Roe, "
            "Deputy Assistant Secretary”.",
            "state_concurred_on": "Leave empty while State has not concurred yet, and give the "
            "date it was requested instead.",
            "state_concurrence_requested_on": "When the concurrence was asked for: enough to "
            "submit while State's answer is awaited.",
            "state_joint_planning": "How the program was planned with State: who took part "
            "(embassy country team, regional bureau), when, and what State shaped.",
        }
        widgets = {
            "state_concurred_on": DAY,
            "state_concurrence_requested_on": DAY,
            "state_joint_planning": TEXT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needed_to_submit(
            self,
            "state_concurrence_office",
            "state_concurrence_person",
            "state_joint_planning",
        )  # and one of the two dates (idd.document.section_333.missing_state)

    def clean(self):
        data = cast("dict[str, Any]", super().clean())
        today = timezone.localdate()
        for name, what in (
            ("state_concurred_on", "The date State concurred"),
            ("state_concurrence_requested_on", "The date concurrence was requested"),
        ):
            day: date | None = data.get(name)
            if day is not None and day > today:
                self.add_error(name, f"{what} {NOT_YET}")
        asked = data.get("state_concurrence_requested_on")
        concurred = data.get("state_concurred_on")
        if asked and concurred and concurred < asked:
            self.add_error(
                "state_concurred_on",
                "State cannot concur before its concurrence was requested: check both dates.",
            )
        return data


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
        # Only Section 333 asks for State's concurrence; other authorities never see it.
        self.state = (
            StateForm(self.data, instance=self.initiative)
            if self.initiative.is_section_333
            else None
        )
        self.prior = PriorAssistanceRows(
            self.data,
            instance=self.initiative,
            prefix="prior",
            add=self.add == "prior",
            form_kwargs={"initiative": self.initiative},
        )
        self.parts = [self.form, *([self.state] if self.state else []), self.prior]

    def save(self, move: Move | None) -> list[str]:
        # Both forms edit the same initiative: one save writes what either changed.
        if self.form.has_changed() or (self.state and self.state.has_changed()):
            self.form.save()
        self.prior.save_rows(move)
        return []
