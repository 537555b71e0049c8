"""A planner's request for a partner unit that is not listed, and an administrator's
decision on it (idd.services.unit_requests)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from idd.forms.partner import PartnerField
from idd.models import Partner, PartnerUnit, PartnerUnitRequest
from idd.models.unit_request import clash

ACCEPT, DECLINE = "accept", "decline"


class UnitRequestForm(forms.ModelForm):
    """Name, service and why. The partner is the initiative's when the request comes from
    one (then not asked); otherwise the planner types it."""

    class Meta:
        model = PartnerUnitRequest
        fields = ["partner", "name", "service", "reason"]
        field_classes = {"partner": PartnerField}
        labels = {
            "partner": "Partner",
            "name": "Unit name",
            "service": "Service or branch",
            "reason": "Why the initiative needs it",
        }
        help_texts = {
            "partner": "The partner nation whose unit it is: type its name.",
            "name": "As the partner names it, e.g. “3rd Riverine Company”.",
            "reason": "What the unit does in the initiative. The administrator reads this "
            "before adding the unit for every initiative with this partner.",
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partner: Partner | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        if partner is not None:
            del self.fields["partner"]

    def clean(self):
        data = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        partner = self.partner or data.get("partner")
        name = data.get("name")
        if partner and name and (problem := clash(partner, name)):
            self.add_error("name", problem)
        return data


class AcceptForm(forms.Form):
    """The unit's name as it will be listed: the requested one, which the administrator
    may correct before accepting."""

    name = PartnerUnit._meta.get_field("name").formfield(label="Unit name as it will be listed")


class DeclineForm(forms.Form):
    reason = PartnerUnitRequest._meta.get_field("decline_reason").formfield(
        label="Why it is declined",
        required=True,
        help_text="The planner reads this.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the request is declined: the planner reads it."},
    )


def decision_forms(request: PartnerUnitRequest, data=None, decision: str = ""):
    """The accept and decline forms of one request (prefixed by its id, so a page lists
    several); `data` binds the one the administrator pressed."""
    prefix = f"request-{request.pk}"
    accept = AcceptForm(
        data if decision == ACCEPT else None, prefix=prefix, initial={"name": request.name}
    )
    decline = DeclineForm(data if decision == DECLINE else None, prefix=prefix)
    return accept, decline
