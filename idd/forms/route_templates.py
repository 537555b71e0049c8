"""A staffing route template as its organization's administrator edits it (issue 27):
its name, whether it is the default, the approval authority's office, and its stages
(name, suspense, offices) in order, as rows (idd.forms.base.RowFormSet)."""

from __future__ import annotations

from typing import cast

from django import forms

from idd.forms.base import IdChoices, RowFormSet, prompt_selects, row_formset
from idd.forms.people import OrganizationField
from idd.models import Organization, RouteStage, RouteTemplate, StageOffice

MOST_STAGES = 20


def _offered(field: forms.Field, offices: list[Organization]) -> None:
    field.queryset = Organization.objects.filter(pk__in=[o.pk for o in offices])  # type: ignore[attr-defined]
    if isinstance(field, OrganizationField):
        field.top_depth = min((o.depth for o in offices), default=0)


class RouteTemplateForm(forms.ModelForm):
    """The instance carries its organization, so the model's constraints (a name once per
    organization) are checked here and shown as the form's errors."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    class Meta:
        model = RouteTemplate
        fields = ["name", "is_default", "approval_authority"]
        field_classes = {"approval_authority": OrganizationField}
        labels = {"is_default": "The organization's default route"}
        error_messages = {"name": {"required": "Name the route, for example J5 staffing."}}
        help_texts = {
            "is_default": "Offered first when a planner submits an IDD, so only a complete "
            "route (an approval authority, stages with offices) can be the default. Ticking "
            "it makes this route the default in place of the current one.",
            "approval_authority": "The office whose approval authority approves the IDD once "
            "every stage concurred.",
        }

    def __init__(self, *args, offices: list[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        _offered(self.fields["approval_authority"], offices)
        if self.instance.pk is None:  # a new route has no stage yet: it cannot be the default
            del self.fields["is_default"]
        prompt_selects(self)

    def _get_validation_exclusions(self):
        excluded = super()._get_validation_exclusions()  # type: ignore[misc]
        excluded.discard("organization")
        if self.cleaned_data.get("is_default"):
            excluded.add("is_default")  # the service moves the default here
        return excluded


class OfficeChoices(IdChoices):
    """Offices named by their place under the command: "J5 > J5-SC"."""

    names: dict[int, str] = {}

    def label_from_instance(self, obj) -> str:
        below_command = obj.ancestor_keys()[1:]
        return " > ".join(self.names[k] for k in below_command if k in self.names) or obj.name


class StageForm(forms.ModelForm):
    offices = OfficeChoices(
        queryset=Organization.objects.none(),
        label="Offices that coordinate at this stage",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="They coordinate in parallel; the stage completes when each concurred.",
    )

    class Meta:
        model = RouteStage
        fields = ["name", "suspense_days"]
        labels = {"name": "Stage name (optional)"}
        help_texts = {"suspense_days": "Working days each office has to decide: 1 to 60."}

    def __init__(self, *args, offices: list[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        field = cast("OfficeChoices", self.fields["offices"])
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in offices])
        field.names = {o.pk: o.name for o in offices}
        if self.instance.pk:
            self.initial["offices"] = [s.organization_id for s in self.instance.offices.all()]

    def clean(self):
        cleaned = super().clean() or {}
        if "offices" in cleaned and not cleaned["offices"] and not cleaned.get("DELETE"):
            name = getattr(self, "row_name", "this stage")
            self.add_error(
                "offices", f"Choose at least one office for {name}, or remove the stage."
            )
        return cleaned

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        chosen = {o.pk for o in self.cleaned_data["offices"]}
        stage = self.instance
        StageOffice.objects.filter(stage=stage).exclude(organization__in=chosen).delete()
        have = set(StageOffice.objects.filter(stage=stage).values_list("organization", flat=True))
        StageOffice.objects.bulk_create(
            [StageOffice(stage=stage, organization_id=pk) for pk in sorted(chosen - have)]
        )


class StageFormSet(RowFormSet):
    row_label = "stage"
    add_label = "Add another stage"
    default_error_messages = {
        "too_many_forms": "A route has at most %(num)d stages.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = min(self.extra, 1)  # a new route's page asks for one stage, not two

    def _construct_form(self, i, **kwargs):
        # A stage shown is a stage: left without an office it is an error on that stage
        # (or the administrator removes it), never dropped in silence.
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = False
        return form

    def is_blank_extra(self, form) -> bool:
        return False


StageRows = row_formset(RouteTemplate, RouteStage, StageForm, StageFormSet, most=MOST_STAGES)
