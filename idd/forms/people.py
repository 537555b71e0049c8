"""A person's organization and roles, set by an administrator (idd.services.people)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.models import User

from idd.forms.base import prompt_selects
from idd.models import Organization
from idd.reference import roles

ROLE_HINT = "A change of roles signs the person out: they sign in again to use their new roles."


class OrganizationField(forms.ModelChoiceField):
    """Organizations in tree order, each indented under its parent."""

    def __init__(self, *args, top_depth: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.top_depth = top_depth

    def label_from_instance(self, obj) -> str:
        return "\u2003" * max(obj.depth - self.top_depth, 0) + obj.name


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = roles.profile_of(obj)
        where = profile.member_of.name if profile and profile.member_of else "no organization"
        return f"{roles.display_name(obj)} ({obj.get_username()}, {where})"


def _role_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Roles",
        choices=[(role, role) for role in roles.ROLES_OFFERED],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=ROLE_HINT,
    )


class PersonForm(forms.Form):
    """Where the person belongs and their roles there. `seen` is the state the page showed
    (a stale page is refused); `confirmed` says the administrator read what it does."""

    organization = OrganizationField(
        queryset=Organization.objects.none(),
        label="Belongs to",
        error_messages={
            "required": "Choose the organization.",
            "invalid_choice": "Choose one of the organizations you manage.",
        },
    )
    roles = forms.MultipleChoiceField()
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations: list[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _role_field()
        field = cast("OrganizationField", self.fields["organization"])
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        field.top_depth = min((o.depth for o in organizations), default=0)
        prompt_selects(self)


class AddPersonForm(forms.Form):
    """An account to add to an organization, with its roles there."""

    person = PersonField(
        queryset=User.objects.none(),
        label="Person",
        help_text="Accounts that belong to no organization yet, and people of the "
        "organizations you manage (adding one of them moves them here).",
        error_messages={
            "required": "Choose the person to add.",
            "invalid_choice": "Choose one of the people listed.",
        },
    )
    roles = forms.MultipleChoiceField()

    def __init__(self, *args, people: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _role_field()
        cast("PersonField", self.fields["person"]).queryset = User.objects.filter(
            pk__in=[p.pk for p in people]
        ).select_related("profile__member_of")
        prompt_selects(self)
