"""Step 1, basics: who the partner is, under which authority, over which fiscal years."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from idd.forms.base import IdChoices, Move, StepForms, needed_to_submit, prompt_selects
from idd.forms.partner import PartnerField, partner_ids_named, typed_name
from idd.models import Initiative, Organization, Partner, PartnerUnit
from idd.models.organization import organization_of
from idd.reference import roles
from idd.reference.choices import (
    CCMD,
    FIRST_ALLOWED_FY,
    LAST_ALLOWED_FY,
    MAX_SPAN_YEARS,
    StatutoryPurpose,
)
from idd.reference.distribution import RESTRICTED, Choice


class PersonChoices(IdChoices):
    def label_from_instance(self, obj) -> str:
        return roles.display_name(obj)


class UnitsByPartner(forms.CheckboxSelectMultiple):
    """Checkboxes in one group per partner (the pack renders each as a fieldset named by
    the partner). Only the chosen partner's group is rendered, and those of units already
    ticked; static/js/partner-field.js fetches the group of a partner chosen on the page.
    `groups`: (partner id, partner name, unit ids); `follows`: the id of the partner field."""

    groups: list[tuple[int, str, list[int]]] = []
    follows = ""
    requests_units = True  # offers "My unit is not listed: request it" (a submit button)
    asked: list[str] = []  # units requested for this initiative, awaiting an administrator


class UnitChoices(IdChoices):
    def label_from_instance(self, obj) -> str:
        return unit_label(obj)


def unit_label(unit: PartnerUnit) -> str:
    return f"{unit.name} ({unit.service})" if unit.service else unit.name


def units_of(partners: set[int]) -> UnitChoices:
    """The units of the partners given, grouped by partner; any unit is accepted, and
    clean() keeps only the chosen partner's."""
    units = list(PartnerUnit.objects.filter(partner__in=partners).select_related("partner"))
    widget = UnitsByPartner()
    groups: dict[int, tuple[int, str, list[int]]] = {}
    for unit in units:
        groups.setdefault(unit.partner_id, (unit.partner_id, unit.partner.country, []))[2].append(
            unit.pk
        )
    widget.groups = list(groups.values())
    field = UnitChoices(
        queryset=PartnerUnit.objects.select_related("partner"),
        required=False,
        widget=widget,
        label="Targeted partner units",
        help_text="The specific units or offices the initiative builds: tick those of the "
        f"partner chosen above. {ASK_FOR_A_UNIT}",
        error_messages={"invalid_choice": UNIT_REMOVED},
    )
    field.choices = [(u.pk, unit_label(u)) for u in units]  # one query
    return field


# A partner's units are reference data every initiative with that partner shares: only
# administrators add them (accepting a planner's request), so one planner cannot change
# another's choices.
ASK_FOR_A_UNIT = (
    "A unit that is not listed is added by an administrator, since every initiative with "
    "this partner shares its units: request it with “My unit is not listed” below."
)


UNIT_REMOVED = (
    "A unit you ticked is no longer listed: an administrator removed it after you opened "
    "this page. The list below shows the partner's units as they are now: tick again and save."
)


def planners_except(user, organization: Organization | None):
    """Planners who could join the team: every planner but the owner who may read it (in
    its organization or above it, idd.models.access)."""
    if organization is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(Q(groups__name=roles.PLANNER), is_active=True)
        .filter(profile__member_of__in=organization.ancestor_keys())
        .exclude(pk=user.pk)
        .select_related("profile")  # named with their rank
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


class BasicsForm(forms.ModelForm):
    """Creates an initiative and edits its basics afterwards: the partner and its
    targeted units are chosen together, in one save."""

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
    statutory_purposes = forms.MultipleChoiceField(
        label="Statutory purposes (10 U.S.C. 333(a))",
        choices=StatutoryPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Needed to submit when the funding authority is 10 U.S.C. 333: tick each "
        "kind of operation the program builds the partner's capacity to conduct, in the "
        "statute's words. Other authorities leave this empty.",
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "partner",
            "ccmd",
            "funding_authority",
            "statutory_purposes",
            "first_fiscal_year",
            "last_fiscal_year",
            "targeted_units",
            "team_members",
            "distribution_statement",
            "distribution_reason",
            "distribution_office",
            "distribution_determined_on",
        ]
        field_classes = {"partner": PartnerField}
        labels = {
            "title": "Initiative title",
            "funding_authority": "Funding authority",
            "distribution_statement": "Distribution statement",
            "distribution_reason": "Reason for the restriction",
            "distribution_office": "Controlling DoD office",
            "distribution_determined_on": "Date of determination",
        }
        help_texts = {
            "title": "A short name a reviewer recognizes, e.g. “Kestrela coastal patrol "
            "capability”.",
            "partner": "The partner nation whose forces the initiative builds: type its "
            "name, or its start, e.g. “Kestrela”.",
            "distribution_statement": "Who may receive the printed IDD (DoD Instruction "
            "5230.24). Printed on its cover in the instruction's wording.",
            "distribution_reason": "Needed for statements B to F.",
            "distribution_office": "Needed for statements B to F: the office other requests "
            "are referred to, e.g. “USAFRICOM J5, Stuttgart, Germany”.",
            "distribution_determined_on": "When the controlling office decided the statement: "
            "needed for statements B to F before the IDD is submitted.",
        }
        widgets = {
            "distribution_determined_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.partner_id:  # the partner is typed by name (PartnerField)
            self.initial["partner"] = self.instance.partner.country
        prompt_selects(self)
        owner = self.instance.owner if self.instance.pk else user
        home = self.instance.organization if self.instance.pk else organization_of(user)
        team = PersonChoices(
            queryset=planners_except(owner, home),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Team members",
            help_text="Planners who may edit this draft with you.",
        )
        if self.instance.pk and self.instance.owner_id != user.pk:
            team.disabled = True
            team.help_text = "Only the owner changes the team."
        self.fields["team_members"] = team
        units = units_of(self._partners_shown())
        units.widget.follows = self["partner"].auto_id
        if self.instance.pk:  # said beside the button, so nobody asks twice
            units.widget.asked = [
                f"“{r.name}” ({r.partner})"
                for r in self.instance.unit_requests.open().select_related("partner")
            ]
        self.fields["targeted_units"] = units
        needed_to_submit(self, "targeted_units", "distribution_statement")
        if self.instance.is_section_333:
            needed_to_submit(self, "statutory_purposes")

    def _partners_shown(self) -> set[int]:
        """The partner chosen (as typed, or as saved) and those of any unit ticked, so a
        page sent back with an error shows every tick it was sent with."""
        if not self.is_bound:
            return {self.instance.partner_id} if self.instance.partner_id else set()
        typed = typed_name(self.data.get(self.add_prefix("partner")))
        chosen = partner_ids_named(typed)
        sent = UnitsByPartner().value_from_datadict(
            self.data, self.files, self.add_prefix("targeted_units")
        )
        ticked = [v for v in sent or [] if str(v).isdigit()]
        units = PartnerUnit.objects.filter(pk__in=ticked).values_list("partner_id", flat=True)
        return chosen | set(units)

    def clean(self):
        data = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        partner, first, last = (
            data.get("partner"),
            data.get("first_fiscal_year"),
            data.get("last_fiscal_year"),
        )
        if partner and not data.get("ccmd"):
            data["ccmd"] = partner.ccmd
        if partner:
            self._refuse_other_partners_units(partner, data.get("targeted_units") or [])
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
        # Kept in the statute's order, whatever order they were sent in.
        data["statutory_purposes"] = [
            p for p in StatutoryPurpose.values if p in data.get("statutory_purposes", [])
        ]
        self._check_distribution(data)
        # A page from before planners stopped adding units may still send one.
        new_unit = self.data.get(self.add_prefix("new_unit"), "").strip()
        if new_unit:
            raise forms.ValidationError(f"“{new_unit}” was not added. {ASK_FOR_A_UNIT}")
        return data

    def _check_distribution(self, data: dict[str, Any]) -> None:
        """Statements B to F name their reason and controlling office
        (idd.reference.distribution)."""
        choice = Choice(
            data.get("distribution_statement") or "",
            data.get("distribution_reason") or "",
            data.get("distribution_office") or "",
        )
        for field, message in choice.problems().items():
            self.add_error(f"distribution_{field}", message)
        if choice.letter not in RESTRICTED:  # A (or none) restricts nothing: nothing to keep
            data.update(distribution_reason="", distribution_office="")
            data["distribution_determined_on"] = None

    def _refuse_other_partners_units(self, partner: Partner, units) -> None:
        """Without JavaScript every partner's units show: a tick for another partner's is
        refused, with the ticks kept on the page to correct."""
        others = [u for u in units if u.partner_id != partner.pk]
        if not others:
            return
        one = len(others) == 1
        names = "; ".join(f"“{u.name}” ({u.partner})" for u in others)
        self.add_error(
            "targeted_units",
            f"Tick only units of {partner}, the partner chosen: {names} "
            f"{'is a unit' if one else 'are units'} of another partner. "
            f"Untick {'it' if one else 'them'}, or choose {'its' if one else 'their'} partner.",
        )


class BasicsStep(StepForms):
    def build(self) -> None:
        self.form = BasicsForm(self.data, instance=self.initiative, user=self.user)
        self.parts = [self.form]

    def save(self, move: Move | None) -> list[str]:
        self.form.save()
        return []
