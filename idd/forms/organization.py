"""An organization's name, typed by an administrator adding or renaming one."""

from __future__ import annotations

from django import forms

from idd.models import Organization

TAKEN = "Another organization here already has this name. Choose another."


class OrganizationNameForm(forms.Form):
    """A name, unique among the organization's siblings (`parent`; None for a top one)."""

    name = Organization._meta.get_field("name").formfield(label="Name")

    def __init__(
        self, *args, parent: Organization | None, renaming: Organization | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.parent, self.renaming = parent, renaming

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        siblings = Organization.objects.filter(parent=self.parent, name__iexact=name)
        if self.renaming is not None:
            siblings = siblings.exclude(pk=self.renaming.pk)
        if siblings.exists():
            raise forms.ValidationError(TAKEN)
        return name
