"""Step 5, yearly objectives: one block per fiscal year, each objective with its
indicators of success nested inside it."""

from __future__ import annotations

from django import forms

from idd.forms.base import Move, RowFormSet, StepForms, row_formset
from idd.models import Indicator, Initiative, YearlyObjective
from idd.reference import limits


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "description",
            "baseline",
            "target",
            "how_measured",
            # Its monitoring plan (idd.document.completeness.missing_monitoring_plans).
            "collected_by",
            "collection_frequency",
            "data_source",
        ]
        labels = {
            "description": "Indicator of success",
            "how_measured": "How it is measured",
            "collected_by": "Who collects the data",
            "collection_frequency": "How often",
            "data_source": "Source of the data",
        }
        help_texts = {
            "how_measured": "The record a reviewer could check: a roster, patrol logs.",
            "collected_by": "Monitoring plan: the office or person, e.g. “SCO maritime desk”.",
            "collection_frequency": "Monitoring plan: e.g. monthly, each quarter.",
            "data_source": "Monitoring plan: where the data comes from, e.g. “navy patrol logs”.",
        }


class IndicatorFormSet(RowFormSet):
    row_label = "indicator"
    add_label = "Add another indicator"
    two_columns = True


IndicatorRows = row_formset(
    YearlyObjective, Indicator, IndicatorForm, IndicatorFormSet, most=limits.INDICATORS.most
)


def indicator_prefix(objective: YearlyObjective, form_prefix: str) -> str:
    """Stable prefix of an objective's indicators: by id once saved."""
    return f"ind{objective.pk}" if objective.pk else f"{form_prefix}-ind"


class ObjectiveForm(forms.ModelForm):
    """A yearly objective with its indicators as a nested formset (`self.nested`)."""

    class Meta:
        model = YearlyObjective
        fields = ["objective", "milestones"]
        widgets = {
            "objective": forms.Textarea(attrs={"rows": 2}),
            "milestones": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "objective": "What the partner's force can do by the end of this fiscal year. "
            "Keep reform realistic: institutions change slowly.",
            "milestones": "Optional: the steps on the way, by quarter.",
        }

    def __init__(self, *args, fiscal_year: int, add: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.fiscal_year = fiscal_year
        prefix = indicator_prefix(self.instance, self.prefix)  # type: ignore[arg-type]
        posted = str(self.data.get(f"{self.prefix}-id", "")) if self.is_bound else ""
        if self.instance.pk is None and posted.isdecimal():
            # The objective was removed by someone else since the page was read: its
            # indicators were posted under its old prefix, so read them from there.
            prefix = f"ind{posted}"
        self.nested = IndicatorRows(
            self.data if self.is_bound else None,
            instance=self.instance,
            prefix=prefix,
            add=add == prefix,
        )

    def has_changed(self) -> bool:
        # Indicators typed under an empty objective make it a row to validate, not to skip.
        return super().has_changed() or self.nested.has_changed()

    def is_valid(self) -> bool:
        own = super().is_valid()
        return self.nested.is_valid() and own


class ObjectiveFormSet(RowFormSet):
    row_label = "objective"  # and "Add another FY2027 objective", set per year


ObjectiveRows = row_formset(
    Initiative, YearlyObjective, ObjectiveForm, ObjectiveFormSet, most=limits.OBJECTIVES.most
)


class ObjectivesStep(StepForms):
    def build(self) -> None:
        self.years = []
        for year in self.initiative.fiscal_years:
            prefix = f"fy{year}"
            formset = ObjectiveRows(
                self.data,
                instance=self.initiative,
                prefix=prefix,
                add=self.add == prefix,
                row_label=f"FY{year} objective",
                queryset=YearlyObjective.objects.filter(fiscal_year=year),
                form_kwargs={"fiscal_year": year, "add": self.add},
            )
            formset.add_label = f"Add another FY{year} objective"
            self.years.append((year, formset))
        self.parts = [formset for _, formset in self.years]

    def save(self, move: Move | None) -> list[str]:
        position = 0
        for _, formset in self.years:
            saved = formset.save_rows(move, start=position)
            position += len(saved.kept)
            for form in formset.live_forms():
                form.nested.instance = form.instance
                form.nested.save_rows(move)
                if self.add == form.nested.prefix:  # "Add another indicator" under a new objective
                    self.add = indicator_prefix(form.instance, form.prefix)
        return []
