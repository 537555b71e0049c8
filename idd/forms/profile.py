"""Your profile: the name, rank or grade, title, office, phone and e-mail the IDD prints."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.db import transaction

from config.fields import LineField
from idd.models import Profile
from idd.reference import roles

# The user's own fields, with the checks every one-line field has (no line break or
# control character, a length message that says how much was typed).
_FIRST = LineField("first name", max_length=150).formfield()
_LAST = LineField("last name", max_length=150).formfield()
_FIRST.error_messages["required"] = "Enter your first name: the IDD names you with it."
_LAST.error_messages["required"] = "Enter your last name: the IDD names you with it."


class ProfileForm(forms.ModelForm):
    """The profile and the user's name and e-mail, saved together."""

    first_name = _FIRST
    last_name = _LAST
    email = forms.EmailField(
        label="E-mail",
        max_length=254,
        help_text="Printed as the point of contact on the IDDs you prepare.",
        error_messages={"required": "Enter your e-mail address: reviews are sent to it."},
    )

    class Meta:
        model = Profile
        fields = ["first_name", "last_name", "rank_or_grade", "job_title", "office_symbol"]
        fields += ["organization", "phone", "email"]

    def __init__(self, user: User, data=None):
        self.user = user
        profile = roles.profile_of(user) or Profile(user=user)  # created on first save
        initial = {"first_name": user.first_name, "last_name": user.last_name}
        initial["email"] = user.email
        super().__init__(data, instance=profile, initial=initial)
        self.order_fields(self.Meta.fields)

    @transaction.atomic
    def save(self, commit: bool = True) -> Profile:
        user = self.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.email = self.cleaned_data["email"]
        user.save(update_fields=["first_name", "last_name", "email"])
        return super().save(commit=commit)
