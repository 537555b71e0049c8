"""A partner nation and its units, as the administrators of the command keeping them type
them (idd.services.partners). A name already listed, whatever its case, is an error on the
field naming the one it clashes with; what was typed stays in the field."""

from __future__ import annotations

from django import forms

from idd.forms.base import prompt_selects
from idd.models import Organization, Partner, PartnerUnit


def _one_line(value: str) -> str:
    return " ".join(value.split())


class PartnerForm(forms.ModelForm):
    """Its name and combatant command; `seen` is the partner as the page showed it."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    class Meta:
        model = Partner
        fields = ["country", "ccmd"]
        labels = {"country": "Country", "ccmd": "Combatant command"}
        help_texts = {
            "country": "As planners type it when they start an IDD, e.g. “Kestrela”.",
            "ccmd": "The geographic combatant command whose area of responsibility it is in.",
        }
        error_messages = {
            "country": {"required": "Type the country's name."},
            "ccmd": {"required": "Choose the combatant command."},
        }

    def __init__(self, *args, keeper: Organization | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.keeper = keeper
        prompt_selects(self)

    def clean_country(self) -> str:
        country = _one_line(self.cleaned_data["country"])
        listed = Partner.objects.filter(country__iexact=country).exclude(pk=self.instance.pk)
        found = listed.select_related("kept_by").first()
        if found is None:
            return country
        once = "A country is listed once, whatever the case: type another name"
        if self.keeper is None:
            raise forms.ValidationError(f"“{found.country}” is already listed. {once}.")
        if found.kept_by_id == self.keeper.pk:
            raise forms.ValidationError(
                f"“{found.country}” is already one of {self.keeper.name}'s partner nations. {once}."
            )
        raise forms.ValidationError(
            f"“{found.country}” is already listed as a partner nation, kept by another "
            f"command or by the site's administrators. {once}, or ask the site's "
            f"administrators to hand “{found.country}” to {self.keeper.name}."
        )


class UnitForm(forms.ModelForm):
    """A unit's name and service; `seen` is the unit as the page showed it."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    class Meta:
        model = PartnerUnit
        fields = ["name", "service"]
        labels = {"name": "Unit name", "service": "Service or branch (optional)"}
        help_texts = {"name": "As the partner names it, e.g. “3rd Riverine Company”."}
        error_messages = {"name": {"required": "Type the unit's name."}}

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partner = partner

    def clean_name(self) -> str:
        name = _one_line(self.cleaned_data["name"])
        partner = self.instance.partner
        listed = PartnerUnit.objects.filter(partner=partner, name__iexact=name)
        found = listed.exclude(pk=self.instance.pk).first()
        if found is not None:
            raise forms.ValidationError(
                f"{partner} already has the unit “{found.name}”. A unit is listed once for "
                "its partner, whatever the case: type another name."
            )
        return name

    def clean_service(self) -> str:
        return _one_line(self.cleaned_data["service"])
