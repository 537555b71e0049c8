"""Amounts in whole U.S. dollars, typed as planners write them: "1,900,000", "$1,900,000"
or "1900000", and shown back with thousands separators."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from idd.reference.limits import MOST_DOLLARS, TOO_MUCH

# What a planner may type around the digits: a dollar sign, thousands separators, spaces.
_DECORATION = re.compile(r"[\s$,]")
NOT_AN_AMOUNT = (
    "Enter the amount in whole U.S. dollars, for example 1,900,000 (commas and a $ sign "
    "are fine; no cents, letters or ranges)."
)


class MoneyField(forms.DecimalField):
    """A model's whole-dollar DecimalField, entered with or without separators."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_value", MOST_DOLLARS)
        super().__init__(*args, **kwargs)
        self.error_messages["max_value"] = TOO_MUCH
        self.error_messages["invalid"] = NOT_AN_AMOUNT
        self.error_messages["max_decimal_places"] = NOT_AN_AMOUNT
        self.error_messages["max_whole_digits"] = (
            "That amount is too large: at most %(max)s digits of dollars."
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = _DECORATION.sub("", value)
            # "1,900,000.00" is a whole amount written with cents.
            value = re.sub(r"\.0+$", "", value)
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        attrs.setdefault("autocomplete", "off")
        return attrs

    def prepare_value(self, value):
        """A stored amount with separators; what the planner typed, as typed."""
        if isinstance(value, Decimal | int):
            return f"{value:,.0f}"
        return value
