"""Building blocks shared by the guided form's steps.

A step page is one HTML form: a hidden version (optimistic lock), the step's own
forms and row formsets, and the navigation buttons. `StepForms` bundles the parts of
one step so the view can validate, render and save them together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet, inlineformset_factory

from idd.document.shape import Document
from idd.models import Initiative

FormPart = forms.BaseForm | forms.BaseFormSet
PROMPT = "- Select -"
FORGED_ROWS = (
    "These rows were not sent as this page shows them (a row count or a row id was "
    "changed), so nothing was saved. Reload the step and enter your changes again."
)
ROW_INDEX = re.compile(r"[0-9]{1,4}")  # a row of a page (at most a few hundred)
# Where the number of a row added in place goes in its words ("Partner deliverable 7").
ROW_NUMBER = "__number__"


class VersionForm(forms.Form):
    """The initiative's version when the planner opened the page (optimistic lock), and
    the values the page was opened with, to tell after a conflict who changed what
    (idd.forms.conflicts)."""

    prefix = "lock"
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_147_483_647)
    read = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)


@dataclass(frozen=True)
class Move:
    """A "Move up" / "Move down" button: which row of which formset, and which way."""

    prefix: str
    index: int
    step: int  # -1 up, +1 down

    @classmethod
    def parse(cls, value: str) -> Move | None:
        """'deliverables:2:up' -> Move('deliverables', 2, -1); None if malformed."""
        prefix, _, rest = value.partition(":")
        index, _, direction = rest.partition(":")
        # ASCII digits only ("²".isdigit() is true, int("²") raises), and no more than a
        # page holds: a forged button value is ignored, never an error.
        if not prefix or not ROW_INDEX.fullmatch(index) or direction not in ("up", "down"):
            return None
        return cls(prefix, int(index), -1 if direction == "up" else 1)


def at_least(field: forms.Field, minimum: int, message: str) -> None:
    """A lower bound checked on the field itself (the database constraint is the last line)."""
    field.validators.append(MinValueValidator(minimum, message))
    if isinstance(field.widget, forms.NumberInput):  # a money field is a text input
        field.widget.attrs["min"] = minimum


def needed_to_submit(form: forms.BaseForm, *names: str) -> None:
    """Mark fields the completeness rules (idd.document.completeness) need before the IDD can be
    submitted, though a save accepts them empty: the pack labels them "needed to submit"."""
    for name in names:
        form.fields[name].needed_to_submit = True  # type: ignore[attr-defined]


# The largest id a database column holds (bigint); a forged id past it is not looked up.
MOST_ID = 2**63 - 1


class IdChoices(forms.ModelMultipleChoiceField):
    """Rows ticked by their ids. An id no column can hold (a forged 200-digit number) is
    refused like any unknown choice instead of being looked up: SQLite raised
    OverflowError on it, a 500 the fuzz found."""

    def _check_values(self, value):
        for pk in value or ():
            digits = str(pk).strip()
            if re.fullmatch(r"-?[0-9]+", digits) and abs(int(digits)) > MOST_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]


def prompt_selects(form: forms.BaseForm) -> None:
    """Empty choices of selects read "- Select -" rather than dashes."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == BLANK_CHOICE_DASH[0][1]:
                field.empty_label = PROMPT
        elif isinstance(field, forms.ChoiceField) and isinstance(field.widget, forms.Select):
            choices = list(field.choices)  # type: ignore[arg-type]
            if choices and choices[0] == BLANK_CHOICE_DASH[0]:
                field.choices = [("", PROMPT), *choices[1:]]


def fiscal_year_choices(years: list[int], current: int | None = None) -> list[tuple[str, str]]:
    """A select of the initiative's fiscal years. A stored year outside them stays
    selectable (and labeled) so saving never silently changes it."""
    choices = [("", PROMPT)] + [(str(y), f"FY{y}") for y in years]
    if current is not None and current not in years:
        choices.append((str(current), f"FY{current} (outside this initiative's fiscal years)"))
    return choices


@dataclass
class SavedRows:
    """What `RowFormSet.save_rows` did: the rows kept (in order) and those removed."""

    kept: list
    removed: list


class RowFormSet(BaseInlineFormSet):
    """Rows of one parent, in the planner's order, removable and movable without JavaScript.

    Shows one empty row when there are none, and one more when the planner pressed
    "Add another" (`add=True`). Labels name the rows in the planner's words.
    """

    row_label = "row"  # lower case: legends capitalize it
    parent_name = ""  # the row this formset is nested in, if any
    add_label = "Add another row"
    default_error_messages = {
        "too_many_forms": "An IDD holds at most %(num)d of these rows here. Remove some, "
        "or split the initiative.",
    }

    def __init__(self, *args, add: bool = False, row_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = int(add) + int(not self.get_queryset())
        self.row_label = row_label or self.row_label

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        self._name_row(form, str(i + 1))
        return form

    @property
    def empty_form(self):
        """The row "Add another" inserts in place (static/js/add-row.js): its names hold
        `__prefix__` and the words that number it `ROW_NUMBER`, both filled in by the script."""
        form = super().empty_form
        self._name_row(form, ROW_NUMBER)
        return form

    def _name_row(self, form, number: str) -> None:
        # The parent object itself (not only its id), so row validation reads no more rows.
        if self.instance.pk:
            setattr(form.instance, self.fk.name, self.instance)
        prompt_selects(form)
        # How the error summary names the row: "Partner deliverable 2: Due quarter: …".
        label = f"{self.row_label[:1].upper()}{self.row_label[1:]} {number}"
        # A stored row's own reference (D3, U2: idd.models.plan.ReferencedRow), which the
        # document and free text name it by; "" for other rows and rows not yet saved.
        form.row_ref = getattr(form.instance, "reference", "")
        form.row_number = number
        form.row_name = (
            f"{self.parent_name}, {self.row_label} {number}" if self.parent_name else label
        )
        nested = getattr(form, "nested", None)
        if nested is not None:
            nested.parent_name = form.row_name

    def save_rows(self, move: Move | None = None, start: int = 0) -> SavedRows:
        """Delete the rows marked "Remove", save the others in the order shown (after an
        optional move up or down), numbering their positions from `start`."""
        forms = self.live_forms()
        if move is not None and move.prefix == self.prefix and move.index < len(self.forms):
            target = self.forms[move.index]
            if target in forms:
                i = forms.index(target)
                j = i + move.step
                if 0 <= j < len(forms):
                    forms[i], forms[j] = forms[j], forms[i]
        saved = SavedRows(kept=[], removed=[])
        for form in self.forms:
            if self.is_removed(form) and form.instance.pk:
                saved.removed.append(form.instance)
                form.instance.delete()
        for position, form in enumerate(forms, start=start):  # type: ignore[assignment]
            row = form.save(commit=False)
            setattr(row, self.fk.name, self.instance)
            if row.pk is None or form.has_changed() or row.position != position:
                row.position = position
                row.save()
                form.save_m2m()
            saved.kept.append(row)
        return saved

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            number = ROW_NUMBER if index is None else index + 1
            form.fields[DELETION_FIELD_NAME].label = f"Remove {self.row_label} {number}"
        # The hidden id names a row of this parent only: a forged id of another
        # initiative's row is refused, not copied into a new row.
        row_id = form.fields[self._pk_field.name]  # type: ignore[attr-defined]
        row_id.queryset = self.get_queryset().prefetch_related(None)
        row_id.label = "This row"
        row_id.error_messages["invalid_choice"] = (
            "someone else removed it after you opened this page. If it should stay, copy "
            "your text, tick Remove on this row and save, then add it again as a new row."
        )

    def clean(self) -> None:
        super().clean()
        if self.is_bound and self._rows_forged():
            raise forms.ValidationError(FORGED_ROWS, code="forged")
        if self.is_bound and self._rows_after_save() > self.max_num:
            raise forms.ValidationError(
                self.error_messages["too_many_forms"] % {"num": self.max_num},  # type: ignore[attr-defined]
                code="too_many_forms",
            )

    def _rows_forged(self) -> bool:
        """Rows the page cannot have sent: a stored row shown as a new one (or a new one
        as stored), or one row twice. The page sends the stored rows first, each with
        its id, then the new ones without."""
        initial, ids = self.initial_form_count(), []
        for i, form in enumerate(self.forms):
            posted = str(self.data.get(f"{form.prefix}-{self._pk_field.name}", "")).strip()  # type: ignore[attr-defined]
            if bool(posted) != (i < initial):
                return True
            ids += [posted] if posted else []
        return len(ids) != len(set(ids))

    def _rows_after_save(self) -> int:
        """Stored rows (those someone else added since included) after this save."""
        removed = sum(1 for f in self.forms if self.is_removed(f) and f.instance.pk)
        added = sum(1 for f in self.live_forms() if f.instance.pk is None)  # type: ignore[misc, attr-defined]
        return len(self.get_queryset()) - removed + added

    def is_removed(self, form: forms.BaseForm) -> bool:
        return self.can_delete and form.is_bound and self._should_delete_form(form)  # type: ignore[attr-defined]

    def is_blank_extra(self, form: forms.BaseForm) -> bool:
        """An empty row the planner left untouched: ignored on save."""
        return form.instance.pk is None and not form.has_changed()  # type: ignore[attr-defined]

    def live_forms(self) -> list[forms.BaseForm]:
        """Forms that are neither removed nor blank: what will be saved, in order."""
        return [f for f in self.forms if not self.is_removed(f) and not self.is_blank_extra(f)]


def row_formset(parent, model, form, formset, most: int):
    """The inline formset of one kind of row: removable, none extra, and at most `most`
    rows, however many a (forged) request claims, so one page stays cheap to validate
    and to show."""
    return inlineformset_factory(
        parent,
        model,
        form=form,
        formset=formset,
        extra=0,
        can_delete=True,
        max_num=most,
        absolute_max=most,
        validate_max=True,
    )


class StepForms:
    """The forms and row formsets of one step, validated and saved together.

    Subclasses build `self.parts` in `build()` and write the rows in `save()`.
    """

    def __init__(
        self, initiative: Initiative, user, data=None, add: str = "", doc: Document | None = None
    ):
        self.initiative = initiative
        self.user = user
        self.data = data
        self.add = add  # prefix of the formset that gets one more empty row
        self.doc = doc  # the snapshot, for steps that show it beside the form
        self.extra_errors: list[str] = []
        self.parts: list[FormPart] = []
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def save(self, move: Move | None) -> list[str]:
        """Write the step; returns notes for the planner (e.g. what a removal changed)."""
        raise NotImplementedError

    def stable_add_target(self) -> str:
        """After saving, the prefix that "Add another" should extend on the next page."""
        return self.add

    # --- shared behavior ------------------------------------------------------------
    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self.parts]  # validate all, to show every error
        return all(results) and not self.extra_errors

    def has_changed(self) -> bool:
        return any(part.has_changed() for part in self.parts)

    def all_forms(self) -> Iterator[forms.BaseForm]:
        """Every form on the page that will be saved, nested ones included."""
        for part in self.parts:
            if isinstance(part, forms.BaseFormSet):
                for form in part.forms:
                    if not part.is_removed(form):  # type: ignore[attr-defined]
                        yield form
                        yield from nested_forms(form)
            else:
                yield part

    def typed_text(self) -> list[tuple[str, str]]:
        """The text typed into this page, each named as the error summary names its field:
        shown to copy when a save is refused outright. Call after is_valid()."""
        typed = []
        for form in self.all_forms():
            for name in form.changed_data:
                field, value = form.fields[name], form[name].value()
                if not isinstance(field.widget, forms.TextInput | forms.Textarea):
                    continue
                if isinstance(value, str) and value.strip():
                    label = str(field.label or name)
                    row = getattr(form, "row_name", "")
                    typed.append((f"{row}: {label}" if row else label, value))
        return typed

    def error_forms(self) -> list[forms.BaseForm]:
        return [form for form in self.all_forms() if form.errors]

    def non_form_errors(self) -> list[str]:
        errors = list(self.extra_errors)
        for part in self.parts:
            if isinstance(part, forms.BaseFormSet):
                errors.extend(part.non_form_errors())  # type: ignore[arg-type]
                for form in part.forms:
                    nested = getattr(form, "nested", None)
                    if nested is not None:
                        errors.extend(nested.non_form_errors())
        return errors


def nested_forms(form: forms.BaseForm) -> Iterator[forms.BaseForm]:
    """Forms of a formset nested inside a row form (indicators inside an objective)."""
    nested = getattr(form, "nested", None)
    if nested is None:
        return
    for child in nested.forms:
        if not nested.is_removed(child):
            yield child
