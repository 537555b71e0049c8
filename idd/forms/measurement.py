"""Recording a measured value of an indicator."""

from __future__ import annotations

from typing import Any

from django import forms

from assessments.on_track import number_in
from idd.document.indicators import FUTURE_MEASUREMENT
from idd.forms.correction import ReasonForm
from idd.models import Indicator, IndicatorMeasurement

NOT_A_NUMBER = (
    "Write the value measured as a number, as the baseline and target are (for example "
    "12, or 40%): the on-track judgment reads that number."
)


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = IndicatorMeasurement
        fields = ["measured_on", "value", "source", "note"]
        labels = {
            "measured_on": "Date measured",
            "value": "Value measured",
            "source": "Source or evidence",
            "note": "Note (optional)",
        }
        widgets = {
            "measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "measured_on": "The day the value was measured or observed, today or earlier.",
            "source": "Where the value comes from and where it is kept: the roster, the "
            "patrol log, the budget line, the site visit report.",
        }
        error_messages = {
            "measured_on": {
                "invalid": "Enter the date measured as a real date, e.g. 15 March 2027.",
                "required": "Enter the date measured.",
            },
            "value": {"required": "Enter the value measured."},
            "source": {"required": "Enter the source or evidence of the value."},
        }

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields[
            "value"
        ].help_text = (
            f"In the indicator's terms: baseline {indicator.baseline}, target {indicator.target}."
        )

    def clean_measured_on(self):
        measured_on = self.cleaned_data["measured_on"]
        initiative = self.indicator.objective.initiative
        if refusal := initiative.date_refusal(measured_on, FUTURE_MEASUREMENT):
            raise forms.ValidationError(refusal)
        return measured_on

    def clean_value(self) -> str:
        value = self.cleaned_data["value"].strip()
        judged = number_in(self.indicator.baseline) is not None and (
            number_in(self.indicator.target) is not None
        )
        if judged and number_in(value) is None:
            raise forms.ValidationError(NOT_A_NUMBER)
        return value


class CorrectMeasurementForm(ReasonForm, MeasurementForm):
    """A measurement recorded in error, corrected, with the reason."""

    record, done = "measurement", "corrected"


class WithdrawMeasurementForm(ReasonForm):
    """A measurement recorded in error, withdrawn, with the reason."""

    record, done = "measurement", "withdrawn"
