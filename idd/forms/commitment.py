"""Step 7, commitment: the planner's ratings, each 1-5 with the evidence behind it.

The ratings are compared with what the partner demonstrably did (the partner
deliverables); the figures beside the form come from the scoring core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms

from assessments.method import CAPACITY_RATINGS, WILLINGNESS_RATINGS
from assessments.models import RATED_FIELDS, CommitmentRatings
from idd.forms.base import Move, StepForms, needed_to_submit
from idd.reference.choices import Scale

SCALE = [("", "Not rated yet"), *Scale.choices]
PHYSICAL_RISK = (("physical_risk", "Physical risk: the threat the partner faces"),)
RATING_HELP = {
    "physical_risk": "How dangerous the threat the initiative answers is to the partner "
    "(1: none pressing, 5: an existential or daily threat).",
    "motivation": "Does the decision maker want this change?",
    "intensity": "How strongly: would they spend budget or political capital on it?",
    "salience": "How high it ranks among the decision maker's priorities.",
    "personnel": "Trained people available to take in and keep what is given.",
    "budget": "Money the partner has, and spends, to operate and sustain it.",
    "maintenance": "Maintenance and logistics able to keep it working.",
    "institutions": "Institutions able to manage it: doctrine, training, oversight.",
}


@dataclass(frozen=True)
class RatingGroup:
    legend: str
    intro: str
    pairs: list  # (rating BoundField, justification BoundField)


GROUPS = (
    ("Threat", "The physical risk the partner faces drives real commitment.", PHYSICAL_RISK),
    (
        "Stated willingness",
        "What the partner's leaders say and how you judge it. It is compared with what the "
        "partner has demonstrably done: saying more than doing is flagged as rhetorical "
        "commitment.",
        WILLINGNESS_RATINGS,
    ),
    (
        "Absorptive capacity",
        "Part of commitment: the partner's ability to take in and sustain what is given.",
        CAPACITY_RATINGS,
    ),
)


class CommitmentRatingsForm(forms.ModelForm):
    class Meta:
        model = CommitmentRatings
        fields = [name for field in RATED_FIELDS for name in (field, f"{field}_justification")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _, _, ratings in GROUPS:
            for field, label in ratings:
                self.fields[field] = forms.TypedChoiceField(
                    label=label,
                    choices=SCALE,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=RATING_HELP[field],
                )
                justification = self.fields[f"{field}_justification"]
                justification.label = f"Evidence for the {label.split(':')[0].lower()} rating"
                justification.widget.attrs["rows"] = 2
        needed_to_submit(self, *self.fields)  # idd.document.completeness.missing_commitment

    def clean(self):
        data = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        for field in RATED_FIELDS:
            if data.get(field) is not None and not data.get(f"{field}_justification", "").strip():
                self.add_error(
                    f"{field}_justification",
                    "Give the evidence for this rating: what you observed, not what you were told.",
                )
        return data

    def groups(self) -> list[RatingGroup]:
        return [
            RatingGroup(legend, intro, [(self[f], self[f"{f}_justification"]) for f, _ in ratings])
            for legend, intro, ratings in GROUPS
        ]


class CommitmentStep(StepForms):
    def build(self) -> None:
        ratings = CommitmentRatings.objects.filter(subject=self.initiative).first()
        instance = ratings or CommitmentRatings(subject=self.initiative)
        self.form = CommitmentRatingsForm(self.data, instance=instance)
        self.parts = [self.form]

    def save(self, move: Move | None) -> list[str]:
        self.form.save()  # created on the first save
        return []
