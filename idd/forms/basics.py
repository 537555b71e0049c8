"""Step 1, basics: who the partner is, under which authority, over which fiscal years."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from idd import roles
from idd.choices import CCMD, FIRST_ALLOWED_FY, LAST_ALLOWED_FY, MAX_SPAN_YEARS
from idd.forms.base import Move, StepForms, prompt_selects
from idd.models import Initiative, Partner, PartnerUnit


class PersonChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return roles.display_name(obj)


class UnitChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.service})" if obj.service else obj.name


# A partner's units are reference data every initiative with that partner shares: only
# administrators add them (in the admin), so one planner cannot change another's choices.
ASK_FOR_A_UNIT = (
    "A unit that is not listed is added by an administrator, since every initiative with "
    "this partner shares its units: ask an administrator to add it."
)


def planners_except(user):
    """Planners who could join the team: every planner but the owner."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=roles.PLANNER), is_active=True)
        .exclude(pk=user.pk)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


class BasicsForm(forms.ModelForm):
    """Creates an initiative (no targeted units yet: they depend on the partner) and
    edits its basics afterwards."""

    ccmd = forms.ChoiceField(
        label="Combatant command",
        choices=[("", "The partner's combatant command")] + CCMD.choices,
        required=False,
        help_text="Leave as is to use the combatant command responsible for the partner.",
    )
    first_fiscal_year = forms.IntegerField(
        label="First fiscal year",
        min_value=FIRST_ALLOWED_FY,
        max_value=LAST_ALLOWED_FY,
        help_text="Four digits, for example 2027. FY2027 runs from 1 October 2026.",
    )
    last_fiscal_year = forms.IntegerField(
        label="Last fiscal year",
        min_value=FIRST_ALLOWED_FY,
        max_value=LAST_ALLOWED_FY,
        help_text=f"An initiative spans at most {MAX_SPAN_YEARS} fiscal years.",
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "partner",
            "ccmd",
            "funding_authority",
            "first_fiscal_year",
            "last_fiscal_year",
            "targeted_units",
            "team_members",
        ]
        labels = {"title": "Initiative title", "funding_authority": "Funding authority"}
        help_texts = {
            "title": "A short name a reviewer recognises, e.g. “Kestrela coastal patrol "
            "capability”.",
            "partner": "The partner nation whose forces the initiative builds.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["partner"].queryset = Partner.objects.order_by("country")  # type: ignore[attr-defined]
        prompt_selects(self)
        owner = self.instance.owner if self.instance.pk else user
        team = PersonChoices(
            queryset=planners_except(owner),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Team members",
            help_text="Planners who may edit this draft with you.",
        )
        if self.instance.pk and self.instance.owner_id != user.pk:
            team.disabled = True
            team.help_text = "Only the owner changes the team."
        self.fields["team_members"] = team
        if self.instance.pk:
            self.fields["targeted_units"] = UnitChoices(
                queryset=PartnerUnit.objects.filter(partner_id=self.instance.partner_id),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Targeted partner units",
                help_text="The specific units or offices the initiative builds. If you change "
                f"the partner, save first, then choose that partner's units. {ASK_FOR_A_UNIT}",
            )
        else:
            del self.fields["targeted_units"]

    @property
    def partner_changed(self) -> bool:
        return bool(self.instance.pk) and "partner" in self.changed_data

    def clean(self):
        data = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        partner, first, last = (
            data.get("partner"),
            data.get("first_fiscal_year"),
            data.get("last_fiscal_year"),
        )
        if partner and not data.get("ccmd"):
            data["ccmd"] = partner.ccmd
        if first and last:
            if last < first:
                self.add_error(
                    "last_fiscal_year",
                    f"The last fiscal year (FY{last}) cannot come before the first (FY{first}).",
                )
            elif last - first + 1 > MAX_SPAN_YEARS:
                self.add_error(
                    "last_fiscal_year",
                    f"An initiative spans at most {MAX_SPAN_YEARS} fiscal years: starting in "
                    f"FY{first}, the last can be FY{first + MAX_SPAN_YEARS - 1} at the latest.",
                )
            else:
                outside = self.instance.rows_outside_span(first, last)
                if outside:
                    raise forms.ValidationError(
                        f"FY{first}–FY{last} would leave these rows outside the initiative's "
                        f"fiscal years: {'; '.join(outside)}. Change or remove them on their "
                        "steps first, or keep the fiscal years."
                    )
        # A page from before planners stopped adding units may still send one.
        new_unit = self.data.get(self.add_prefix("new_unit"), "").strip()
        if new_unit:
            raise forms.ValidationError(f"“{new_unit}” was not added. {ASK_FOR_A_UNIT}")
        return data

    def save(self, commit: bool = True) -> Initiative:
        partner_changed = self.partner_changed
        initiative = super().save(commit)
        if commit and partner_changed:
            initiative.targeted_units.clear()
        return initiative


class BasicsStep(StepForms):
    def build(self) -> None:
        self.form = BasicsForm(self.data, instance=self.initiative, user=self.user)
        self.parts = [self.form]

    def save(self, move: Move | None) -> list[str]:
        partner_changed = self.form.partner_changed
        self.form.save()
        if partner_changed:
            return [
                f"You changed the partner: tick the targeted units of {self.initiative.partner}."
            ]
        return []
