"""Step 4, U.S. inputs: what the U.S. provides, each matched to the partner
deliverables it answers (and is gated on), a construction project's particulars, and
(under Section 333) the program's training and institutional capacity building components."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from assessments.method import CONSTRUCTION_CATEGORY
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
from idd.models import Initiative, PartnerDeliverable, ProgramComponent, USInput
from idd.reference import limits
from idd.reference.choices import QUARTERS, ProgramComponentKind

OTHER_INITIATIVE = (
    "Match only partner deliverables of this initiative: the choice %(value)s is not one of them."
)


CONSTRUCTION_FIELDS = (
    "construction_location",
    "construction_project_title",
    "dd1391_reference",
    "master_plan_reference",
)
NOT_CONSTRUCTION = (
    "Only a construction input has this: choose Construction as its category, or empty it."
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
            *CONSTRUCTION_FIELDS,
        ]
        labels = {
            "fiscal_quarter": "Fiscal quarter",
            "matched_deliverables": "Partner deliverables it answers",
            "construction_location": "Construction site (construction only)",
            "construction_project_title": "Construction project title (construction only)",
            "dd1391_reference": "DD Form 1391 attached (construction only)",
            "master_plan_reference": "Master plan attached (construction only)",
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
            "construction_location": "Where it is built: installation, town and region, e.g. "
            "“Port Amara naval base, Coast Province”. Congress is told each construction "
            "project's location, title and cost (the estimated cost above).",
            "construction_project_title": "The project's title as on its DD Form 1391.",
            "dd1391_reference": "The attached DD Form 1391 by its file name or document "
            "number; leave empty while none is attached.",
            "master_plan_reference": "The attached installation master plan (or its extract) "
            "by its file name or document number; leave empty while none is attached.",
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

    def clean(self):
        data = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        if data.get("category") != CONSTRUCTION_CATEGORY:
            for name in CONSTRUCTION_FIELDS:
                if data.get(name):
                    self.add_error(name, NOT_CONSTRUCTION)
        return data


class USInputFormSet(RowFormSet):
    row_label = "U.S. input"
    add_label = "Add another U.S. input"


USInputRows = row_formset(
    Initiative, USInput, USInputForm, USInputFormSet, most=limits.US_INPUTS.most
)


def us_input_label(u: USInput) -> str:
    """ "U2 Four patrol boats (FY2027 Q3)": its reference, as in the document."""
    return f"{u.reference} {u.title} ({u.when_label})"


class ComponentForm(forms.ModelForm):
    """One of the two components of a Section 333 program (10 U.S.C. 333(c)(2)): what,
    who, when, and the U.S. inputs that deliver it. One subclass per kind, so the page's
    read state (idd.forms.conflicts) names each apart."""

    kind: str

    class Meta:
        model = ProgramComponent
        fields = ["what", "who", "when", "us_inputs"]
        field_classes = {"us_inputs": IdChoices}
        widgets = {"what": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "what": "What it covers",
            "who": "Who gives it and who takes part",
            "when": "When",
            "us_inputs": "U.S. inputs that deliver it",
        }

    def __init__(self, data, *, initiative: Initiative, input_choices):
        instance = ProgramComponent.objects.filter(initiative=initiative, kind=self.kind).first()
        instance = instance or ProgramComponent(initiative=initiative, kind=self.kind)
        super().__init__(data, instance=instance, prefix=self.kind)
        linked = self.fields["us_inputs"]
        linked.widget = forms.CheckboxSelectMultiple()
        # Only this initiative's inputs: a forged id of another initiative's is refused.
        linked.queryset = USInput.objects.filter(initiative=initiative)  # type: ignore[attr-defined]
        linked.error_messages["invalid_choice"] = OTHER_INITIATIVE.replace(
            "partner deliverables", "U.S. inputs"
        )
        linked.choices = input_choices  # type: ignore[attr-defined]
        linked.help_text = (
            "Tick the U.S. inputs (training, advice) that give this component. An input "
            "added on this page can be ticked once it is saved."
        )
        needed_to_submit(self, "what", "who", "when")

    def save_component(self) -> None:
        """Saved once something is written: an untouched empty component stores nothing."""
        empty = self.instance.is_blank and not self.cleaned_data.get("us_inputs")
        if self.has_changed() and not (self.instance.pk is None and empty):
            self.save()


class LawOfArmedConflictForm(ComponentForm):
    kind = ProgramComponentKind.LOAC
    help = (
        "Training on the law of armed conflict, human rights and civilian harm: every "
        "Section 333 program includes it. What it covers (e.g. “rules of engagement and "
        "detainee handling for boarding teams”), who gives it and to whom (e.g. “DIILS "
        "mobile team to the patrol squadron's crews”), and when (e.g. “FY2027 Q2, before "
        "the boats are delivered”)."
    )


class CapacityBuildingForm(ComponentForm):
    kind = ProgramComponentKind.ICB
    help = (
        "Institutional capacity building: the ministry- or service-level part that lets "
        "the partner sustain the capability (budgeting, logistics, personnel management). "
        "What it covers, who gives it and to whom, and when."
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
        self.components: list[ComponentForm] = []
        if self.initiative.is_section_333:  # only Section 333 asks for them
            inputs = USInput.objects.filter(initiative=self.initiative)
            choices = [(u.pk, us_input_label(u)) for u in inputs]
            self.components = [
                form(self.data, initiative=self.initiative, input_choices=choices)
                for form in (LawOfArmedConflictForm, CapacityBuildingForm)
            ]
        self.parts = [self.formset, *self.components]

    def save(self, move: Move | None) -> list[str]:
        self.formset.save_rows(move)
        for component in self.components:
            component.save_component()
        return []
