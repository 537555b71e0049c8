"""Changing your own password: Django's form, telling the validators that the person
chooses it (so it is not temporary) and what the old one was (for the rule on characters
changed, V-222541)."""

from __future__ import annotations

from django.contrib.auth.forms import PasswordChangeForm
from django.views.decorators.debug import sensitive_variables

from idd.sign_in.passwords import changed_by_owner


class ChangePasswordForm(PasswordChangeForm):
    @sensitive_variables("old_password")
    def clean_old_password(self):
        old_password = super().clean_old_password()
        changed_by_owner(self.user, old_password)
        return old_password
