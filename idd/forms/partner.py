"""The partner typed by name: a text field with suggestions, not a select of every partner.

A select of every partner grows with the data (1,650 options at the load-test scale made
the basics step and the initiative list take hundreds of milliseconds to render). The
field takes the partner's name as listed, in any case, or the start of it when that names
one partner only ("Kestrela" for "Kestrela (fictional)"; several: it asks which);
static/js/partner-field.js suggests names as the planner types (from `partner_search`)
and, on the basics step, shows the chosen partner's units to tick in the same pass.
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


def partners_named(typed: str) -> list[Partner]:
    """The partner `typed` names: the one of that name (any case), else every partner whose
    name starts with it ("Kestrela" for "Kestrela (fictional)"), at most SUGGESTIONS + 1;
    none for a name no partner can have, which never reaches the database as a pattern
    (SQLite refuses a long one). One partner: typed unambiguously."""
    if not 0 < len(typed) <= longest_name():
        return []
    exact = list(Partner.objects.filter(country__iexact=typed)[:1])
    if exact:
        return exact
    starting = Partner.objects.filter(country__istartswith=typed).order_by("country")
    return list(starting[: SUGGESTIONS + 1])


def partner_ids_named(typed: str) -> set[int]:
    """The partner `typed` names unambiguously (partners_named), as a set of its id."""
    found = partners_named(typed)
    return {found[0].pk} if len(found) == 1 else set()


def several_message(typed: str, found: list[Partner]) -> str:
    names = "; ".join(p.country for p in found[:SUGGESTIONS])
    more = " and more" if len(found) > SUGGESTIONS else ""
    return (
        f"“{typed}” starts the names of several partners: {names}{more}. Which one? Type "
        "more of its name."
    )


def not_found_message(typed: str) -> str:
    close = list(Partner.objects.matching(typed).values_list("country", flat=True)[:SUGGESTIONS])
    if close:
        return f"No partner is listed as “{typed}”. Did you mean: {'; '.join(close)}?"
    return (
        f"No partner is listed as “{typed}”. Type the partner's name as listed; an "
        "administrator adds partners that are missing."
    )


class PartnerField(forms.ModelChoiceField):
    """A partner, typed by its name or its name's start (case does not matter)."""

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
        found = partners_named(typed)
        if not found:
            raise forms.ValidationError(not_found_message(typed), code="invalid_choice")
        if len(found) > 1:
            raise forms.ValidationError(several_message(typed, found), code="invalid_choice")
        return found[0]
