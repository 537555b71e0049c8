"""A person's organization and roles, set by an administrator (idd.services.people)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.models import User

from idd.forms.base import PROMPT, prompt_selects
from idd.models import Organization
from idd.models.organization import full_names
from idd.reference import roles

ROLE_HINT = "A change of roles signs the person out: they sign in again to use their new roles."


class OrganizationField(forms.ModelChoiceField):
    """Organizations in tree order, each indented under its parent."""

    def __init__(self, *args, top_depth: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.top_depth = top_depth

    def label_from_instance(self, obj) -> str:
        return "\u2003" * max(obj.depth - self.top_depth, 0) + obj.name


def _member_of(person: User) -> Organization | None:
    profile = roles.profile_of(person)
    return profile.member_of if profile else None


def people_choices(people: list[User], command: Organization) -> list:
    """A select's choices: the people of `command` first, then those of other commands,
    then those who belong nowhere yet, each with their organization's full name (names
    alike, such as two J5-SCs, are told apart)."""
    names = full_names({o.pk: o for p in people if (o := _member_of(p))}.values())
    groups: dict[str, list[tuple[int, str]]] = {command.name: [], "Other commands": [],
                                                "No organization yet": []}  # fmt: skip
    for person in people:
        where = _member_of(person)
        group = "No organization yet"
        if where is not None:
            group = command.name if command.contains(where) else "Other commands"
        place = names[where.pk] if where else "no organization"
        label = f"{roles.display_name(person)} ({person.get_username()}, {place})"
        groups[group].append((person.pk, label))
    return [("", PROMPT)] + [(group, rows) for group, rows in groups.items() if rows]


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

    person = forms.ModelChoiceField(
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

    def __init__(self, *args, people: list[User], command: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _role_field()
        field = cast("forms.ModelChoiceField", self.fields["person"])
        field.queryset = User.objects.filter(pk__in=[p.pk for p in people])
        field.choices = people_choices(people, command)
