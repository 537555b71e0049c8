"""The partner typed by name: a text field with suggestions, not a select of every partner.

A select of every partner grows with the data (1,650 options at the load-test scale made
the basics step and the initiative list take hundreds of milliseconds to render). The
field takes the partner's name as listed, in any case; static/js/partner-field.js
suggests names as the planner types (from `partner_search`) and, on the basics step,
shows the chosen partner's units to tick in the same pass.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy

from idd.models import Partner

SUGGESTIONS = 5  # names offered when a typed one matches no partner


def typed_name(value: object) -> str:
    """What was typed as a partner's name, spaces collapsed; "" for text no name holds
    (a control character such as NUL, which PostgreSQL refuses even in a query)."""
    typed = " ".join(str(value or "").split())
    return "" if any(ord(c) < 32 or ord(c) == 127 for c in typed) else typed


def longest_name() -> int:
    return Partner._meta.get_field("country").max_length or 0


def partner_ids_named(typed: str) -> set[int]:
    """The partner whose name is `typed` (any case); none for a name no partner can have,
    which never reaches the database as a pattern (SQLite refuses a long one)."""
    if not 0 < len(typed) <= longest_name():
        return set()
    return set(Partner.objects.filter(country__iexact=typed).values_list("pk", flat=True))


def not_found_message(typed: str) -> str:
    close = list(Partner.objects.matching(typed).values_list("country", flat=True)[:SUGGESTIONS])
    if close:
        return f"No partner is listed as “{typed}”. Did you mean: {'; '.join(close)}?"
    return (
        f"No partner is listed as “{typed}”. Type the partner's name as listed; an "
        "administrator adds partners that are missing."
    )


class PartnerField(forms.ModelChoiceField):
    """A partner, typed by its name (case does not matter)."""

    widget = forms.TextInput

    def __init__(self, queryset=None, **kwargs) -> None:
        kwargs.pop("to_field_name", None)
        super().__init__(queryset=Partner.objects.all(), to_field_name="country", **kwargs)
        self.widget.attrs.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "data-partner-search": reverse_lazy("partner_search"),
            }
        )

    def to_python(self, value):
        typed = typed_name(value)
        if not typed:
            if str(value or "").strip():
                raise forms.ValidationError(
                    "A partner's name has no control characters: type it as listed.",
                    code="invalid_choice",
                )
            return None
        longest = longest_name()
        if len(typed) > longest:
            raise forms.ValidationError(
                f"A partner's name is at most {longest} characters: type it as listed.",
                code="invalid_choice",
            )
        found = Partner.objects.filter(country__iexact=typed).first()
        if found is None:
            raise forms.ValidationError(not_found_message(typed), code="invalid_choice")
        return found
