"""Step 9, assessment, monitoring and evaluation (10 U.S.C. 383, DoDI 5132.14): the initial
assessment the plan starts from, and how and when the initiative will be evaluated. Each
indicator's monitoring plan is written with the indicator, on the objectives step."""

from __future__ import annotations

from django import forms

from idd.forms.base import Move, StepForms, needed_to_submit
from idd.models import Initiative
from idd.reference.choices import EvaluationKind, FundingAuthority

ASSESSMENT_FIELDS = [
    "initial_assessed_on",
    "initial_assessment_method",
    "initial_assessment_sources",
    "baseline_summary",
    "evaluation_questions",
    "evaluation_timing",
    "evaluation_kind",
]


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ASSESSMENT_FIELDS
        labels = {
            "initial_assessed_on": "Date of the initial assessment",
            "initial_assessment_method": "How the initial assessment was made",
            "initial_assessment_sources": "Sources",
            "baseline_summary": "Baseline summary",
            "evaluation_questions": "Evaluation questions",
            "evaluation_timing": "When it is evaluated",
            "evaluation_kind": "Internal or independent",
        }
        widgets = {
            "initial_assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "initial_assessment_method": forms.Textarea(attrs={"rows": 3}),
            "initial_assessment_sources": forms.Textarea(attrs={"rows": 3}),
            "baseline_summary": forms.Textarea(attrs={"rows": 4}),
            "evaluation_questions": forms.Textarea(attrs={"rows": 4}),
            "evaluation_kind": forms.RadioSelect,
        }
        help_texts = {
            "initial_assessed_on": "The day the assessment was completed, e.g. 15 March 2026.",
            "initial_assessment_method": "A site visit, a capability survey, interviews, a "
            "records review: how the baseline was established.",
            "initial_assessment_sources": "Who and what the assessment drew on: the partner "
            "unit's rosters, maintenance records, the country team, earlier assessments.",
            "baseline_summary": "Where the unit stands today, the capability it is to gain, "
            "and the main risks: the starting point each indicator is measured from.",
            "evaluation_questions": "What the evaluation will answer: did the unit gain the "
            "capability, does the partner sustain it, what would be done differently.",
            "evaluation_timing": "For example: a mid-term review in FY2029 Q2 and a final "
            "evaluation after FY2031.",
            "evaluation_kind": "Independent evaluators are outside the program; internal "
            "ones are the command's or agency's own staff.",
        }
        error_messages = {
            "initial_assessed_on": {
                "invalid": "Enter the date of the initial assessment as a real date, e.g. "
                "15 March 2026.",
            },
            "evaluation_kind": {
                "invalid_choice": "Choose internal or independent from the list.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["evaluation_kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = EvaluationKind.choices  # radio buttons: no blank "---------" one
        if self.instance.funding_authority == FundingAuthority.SECTION_333:
            # idd.document.completeness.missing_assessment
            needed_to_submit(self, *self.fields)


class AssessmentStep(StepForms):
    def build(self) -> None:
        self.form = AssessmentForm(self.data, instance=self.initiative)
        self.parts = [self.form]

    def save(self, move: Move | None) -> list[str]:
        self.form.save()
        return []
