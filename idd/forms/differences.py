"""Input given back unsaved after a session ended (services.parking): each field where
what is shown differs from what is stored is marked, and counted for the banner.
uswds/field.html shows the mark beside the field, "Differs from the saved text", and
names it in the field's aria-describedby."""

from __future__ import annotations

from idd.forms.base import StepForms
from idd.forms.conflicts import compared_fields, sent, stored

MARK = "differs_from_saved"  # the attribute on the form's own copy of the field


def mark(step_forms: StepForms) -> int:
    """Marks every visible field whose shown value is not the stored one; how many.
    A new row's fields differ wherever something was typed: nothing of it is stored."""
    count = 0
    step_forms.is_valid()  # which rows are removed (the page shows their errors anyway)
    for form in step_forms.all_forms():
        for name in compared_fields(form):
            if form[name].is_hidden or sent(form, name) == stored(form, name):
                continue
            setattr(form.fields[name], MARK, True)
            count += 1
    return count
