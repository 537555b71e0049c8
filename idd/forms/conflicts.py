"""A step saved by someone else while this planner edited it: their changes beside yours.

Every step page carries the values it was opened with (`read_state`: one hidden field,
{form: {field: fingerprint of its value}}). When a save is refused because someone else
saved first, each field is merged three ways (idd.guided_form.merge) and the page comes back with:
- the other person's value wherever only they changed a field, so saving again never
  writes the old value back over theirs;
- this planner's value wherever only they changed it;
- a choice ("keep theirs" / "keep mine") wherever both changed the same field.
The next save then writes only what this planner changed or chose. Rows the other
person added are kept (they are not on this page, so this save leaves them alone);
rows they removed are explained on the row itself (see RowFormSet).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import InlineForeignKeyField
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from idd.forms.base import RowFormSet, StepForms
from idd.guided_form.merge import Outcome, Plain, merge, plain
from idd.reference.roles import display_name

CLASH = "clash"  # posted once per field both changed: its name on the page
KEEP = "keep-"  # posted per such field: keep-<name> = "theirs" or "mine"
THEIRS, MINE = "theirs", "mine"
BLANK = "(blank)"

ReadState = dict[str, dict[str, Plain]]


@dataclass(frozen=True)
class ChangedField:
    """One field someone else changed while this planner edited the page."""

    where: str  # the row by number and title ("Partner deliverable 2 “Crews manned”"), or ""
    label: str
    name: str  # the field's name on the page
    theirs: str  # as shown to the planner
    mine: str
    outcome: Outcome  # THEIRS (kept in the form) or BOTH (the planner chooses)
    who: str  # who saved theirs, and when, from the audit trail

    @property
    def to_choose(self) -> bool:
        return self.outcome is Outcome.BOTH

    @property
    def heading(self) -> str:
        """ "Partner deliverable 1 “Crews manned”, how it will be verified", or the label."""
        if not self.where:
            return self.label
        return f"{self.where}, {self.label[:1].lower()}{self.label[1:]}"

    @property
    def was(self) -> str | None:
        """The value both started from, where only they changed it (this planner sent it
        back unchanged); unknown where both changed it (the page carries fingerprints)."""
        return None if self.to_choose else self.mine


@dataclass
class Conflict:
    fields: list[ChangedField]
    added: list[str] = field(default_factory=list)  # rows the other person added
    removing: list[str] = field(default_factory=list)  # rows they changed, this planner removes
    data: QueryDict | None = None  # the page again, merged

    @property
    def to_choose(self) -> list[ChangedField]:
        return [f for f in self.fields if f.to_choose]


def form_key(form: forms.BaseForm) -> str | None:
    """How the read state names a form: a row by its id, a step's own form by its class."""
    if hasattr(form, "row_name"):
        pk = form.instance.pk  # type: ignore[attr-defined]
        return f"{form.instance._meta.label_lower}:{pk}" if pk else None  # type: ignore[attr-defined]
    return type(form).__name__


def compared_fields(form: forms.BaseForm) -> list[str]:
    """The fields a planner edits (not the row's id, parent or Remove box)."""
    pk_name = form.instance._meta.pk.name if isinstance(form, forms.ModelForm) else ""
    return [
        name
        for name, f in form.fields.items()
        if name not in (DELETION_FIELD_NAME, pk_name)
        and not isinstance(f, InlineForeignKeyField)
        and not f.disabled
    ]


def stored(form: forms.BaseForm, name: str) -> Plain:
    """The field's value as stored now (the form's initial value)."""
    bound = form[name]
    return plain(bound.field.prepare_value(bound.initial))


def sent(form: forms.BaseForm, name: str) -> Plain:
    return plain(form[name].value())


def read_state(step_forms: StepForms) -> str:
    """The page's values as stored now (fingerprints), for the hidden field carrying them."""
    state = {
        key: stored_state(form)
        for form in step_forms.all_forms()
        if (key := form_key(form)) is not None
    }
    return json.dumps(state, separators=(",", ":"))


def _parsed(text: str | None) -> dict | None:
    try:
        value = json.loads(text or "")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def parse_values(text: str | None) -> dict[str, Plain] | None:
    """The values one form was opened with, as a page sent them; None if not sent."""
    values = _parsed(text)
    return None if values is None else {name: plain(v) for name, v in values.items()}


def parse_read_state(text: str | None) -> ReadState | None:
    """The read state a page sent; None if missing or not one we wrote."""
    state = _parsed(text)
    if state is None or not all(isinstance(v, dict) for v in state.values()):
        return None
    return {key: {n: plain(v) for n, v in values.items()} for key, values in state.items()}


def _put_stored(data: QueryDict, form: forms.BaseForm, name: str) -> None:
    """Show the stored value of a field in place of what the page sent."""
    bound = form[name]
    value = bound.field.prepare_value(bound.initial)
    if isinstance(value, list | tuple):
        data.setlist(bound.html_name, [str(v) for v in value])
    else:
        data[bound.html_name] = "" if value is None else str(value)


def _shown(f: forms.Field, value: Plain) -> str:
    values = value if isinstance(value, tuple) else (value,)
    choices = getattr(f, "choices", None)
    if choices is not None:
        labels = {str(k): str(v) for k, v in choices}
        values = tuple(labels.get(v, v) for v in values if v)
    return "; ".join(v for v in values if v) or BLANK


def last_saved_by(instance, cache: dict | None = None) -> str:
    """Who last saved this object, and when, from its django-simple-history records."""
    cache = {} if cache is None else cache
    key = (type(instance), instance.pk)
    if key not in cache:
        history = getattr(instance, "history", None)
        record = history.order_by("-history_date").first() if history is not None else None
        cache[key] = (
            f"{display_name(record.history_user, nobody='Someone')}, "
            f"{timezone.localtime(record.history_date):%-d %b %Y %H:%M}"
            if record is not None
            else "Someone else"
        )
    return cache[key]


def row_title(form: forms.BaseForm) -> str:
    """A stored row as the planner knows it: by number and title (“Crews manned”)."""
    name = getattr(form, "row_name", "")
    title = Truncator(str(form.instance)).chars(60) if name and form.instance.pk else ""  # type: ignore[attr-defined]
    return f"{name} “{title}”" if title else name


def _changed(form, name, result: Outcome, who: str) -> ChangedField:
    f = form.fields[name]
    return ChangedField(
        where=row_title(form),
        label=str(f.label or name),
        name=form[name].html_name,
        theirs=_shown(f, stored(form, name)),
        mine=_shown(f, sent(form, name)),
        outcome=result,
        who=who,
    )


def _formsets(step_forms: StepForms) -> list[RowFormSet]:
    sets = [p for p in step_forms.parts if isinstance(p, RowFormSet)]
    return sets + [f.nested for s in sets for f in s.forms if getattr(f, "nested", None)]  # type: ignore[attr-defined]


def _added_rows(step_forms: StepForms) -> list[str]:
    """Rows stored now that the page does not show: someone else added them."""
    added = []
    for formset in _formsets(step_forms):
        shown = {f.instance.pk for f in formset.forms if f.instance.pk}
        added += [
            f"{formset.row_label} “{row}”" for row in formset.get_queryset() if row.pk not in shown
        ]
    return added


def merge_form(
    form: forms.BaseForm, read: dict[str, Plain] | None, data: QueryDict, who: str
) -> list[ChangedField]:
    """Merge one refused form into `data` (the page as sent): the stored value where only
    someone else changed a field. Returns the fields they changed."""
    names = compared_fields(form)
    theirs = {n: fingerprint(stored(form, n)) for n in names}
    mine = {n: fingerprint(sent(form, n)) for n in names}
    changed = []
    for name, result in merge(read, mine, theirs).items():
        if result is Outcome.THEIRS:
            _put_stored(data, form, name)
        if result in (Outcome.THEIRS, Outcome.BOTH):
            changed.append(_changed(form, name, result, who))
    return changed


def fingerprint(value: Plain) -> str:
    """A short digest of a value: the page carries these, not the texts again, so a page
    full of long texts is not twice as large (each is only compared for equality)."""
    return hashlib.blake2b(json.dumps(value).encode(), digest_size=8).hexdigest()


def stored_state(form: forms.BaseForm) -> dict[str, Plain]:
    """Fingerprints of the form's values as stored now."""
    return {name: fingerprint(stored(form, name)) for name in compared_fields(form)}


def merge_page(step_forms: StepForms, read: ReadState | None, version: int) -> Conflict:
    """The refused page merged with what is stored now, and what the other person changed."""
    step_forms.is_valid()  # which rows are removed is known once validated
    data = step_forms.data.copy()
    for name in [n for n in data if n.startswith(KEEP)]:
        del data[name]
    changed: list[ChangedField] = []
    now: ReadState = {}
    who: dict = {}
    for form in step_forms.all_forms():
        key = form_key(form)
        if key is None:
            continue
        base = read.get(key) if read is not None else None
        changed += merge_form(form, base, data, last_saved_by(form.instance, who))  # type: ignore[attr-defined]
        now[key] = stored_state(form)
    data.setlist(CLASH, [f.name for f in changed if f.to_choose])
    data["lock-version"] = str(version)
    data["lock-read"] = json.dumps(now, separators=(",", ":"))
    return Conflict(changed, _added_rows(step_forms), _removing_changed(step_forms, read), data)


def _removing_changed(step_forms: StepForms, read: ReadState | None) -> list[str]:
    """Rows this planner ticked Remove on that someone else changed meanwhile."""
    rows = []
    for formset in _formsets(step_forms):
        for form in formset.forms:
            key = form_key(form)
            if formset.is_removed(form) and key and stored_state(form) != (read or {}).get(key):
                rows.append(row_title(form))
    return rows


def apply_choices(step_forms: StepForms) -> tuple[QueryDict | None, list[ChangedField]]:
    """The choices made on fields both changed: the page's data with "keep theirs" put
    back (None if no such choice), and the fields still to choose."""
    data = step_forms.data
    names = set(data.getlist(CLASH)) if isinstance(data, QueryDict) else set()
    if not names:
        return None, []
    step_forms.is_valid()  # which rows are removed is known once validated
    fields = {
        form[name].html_name: (form, name)
        for form in step_forms.all_forms()
        for name in compared_fields(form)
    }
    merged, pending = data.copy(), []
    who: dict[tuple[type, object], str] = {}  # last_saved_by's cache
    kept_theirs = False
    for html_name in sorted(names & fields.keys()):
        form, name = fields[html_name]
        choice = data.get(KEEP + html_name, "")
        if choice == THEIRS:
            _put_stored(merged, form, name)
            kept_theirs = True
        elif choice != MINE:
            pending.append(_changed(form, name, Outcome.BOTH, last_saved_by(form.instance, who)))  # type: ignore[attr-defined]
    return (merged if kept_theirs else None), pending


def choose_message(pending: list[ChangedField]) -> SafeString:
    """For the error summary: each field still to choose, linked to its choice."""
    links = ((f.name, f.heading) for f in pending)
    names = format_html_join("; ", '<a href="#keep-{}">{}</a>', links)
    return format_html(
        "You and someone else both changed the same field, so choose which change to keep "
        "before saving: {}.",
        names,
    )
