"""The audit trail of an initiative: who changed what, and when, in it and in its rows.

Read from django-simple-history's records (kept by the models' `history` fields and
`HistoryRequestMiddleware`, which stores the signed-in user). Consecutive records of
one object are compared with `diff_against`; many-to-many links and the names behind
foreign keys are fetched once for the whole trail, so the number of queries stays
fixed however long the history grows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from assessments.fiscal import format_date, format_quarter
from idd.document.diff import FieldChange
from idd.models import (
    Indicator,
    Initiative,
    PartnerDeliverable,
    PriorAssistance,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.reference.roles import display_name
from idd.reference.times import full_timestamp

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
KINDS = {"+": ADDED, "~": CHANGED, "-": REMOVED}
# Bookkeeping, not content: never shown as a change.
IGNORED = {"id", "version", "updated_at", "created_at", "last_step", "initiative"}
# The counters of the rows' references: bookkeeping, raised without a history record.
IGNORED |= {"deliverable_numbers_issued", "us_input_numbers_issued"}
LABELS = {"position": "Place in the list", "status": "Status"}
# A fiscal year and its quarter are one value on the page ("FY2027 Q2"), so one change:
# model -> (fiscal year field, quarter field, label).
QUARTERS: dict[type, tuple[str, str, str]] = {
    PartnerDeliverable: ("due_fiscal_year", "due_quarter", "Due"),
}


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    kind: str  # ADDED, CHANGED or REMOVED
    group: str  # "Initiative", "Partner deliverable"...
    name: str
    reason: str  # the workflow step that made the change, if any
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Tracked:
    model: type[models.Model]
    group: str
    name: Callable[[Any], str]


def _named(record: Any, model: type[PartnerDeliverable | USInput]) -> str:
    """ "D3 Assign crews"; the title alone for a row removed before rows had references."""
    number = getattr(record, "reference_number", 0)
    return f"{model.label(number)} {record.title}" if number else record.title


TRACKED = (
    Tracked(Initiative, "Initiative", lambda r: r.title),
    Tracked(PartnerDeliverable, "Partner deliverable", lambda r: _named(r, PartnerDeliverable)),
    Tracked(USInput, "U.S. input", lambda r: _named(r, USInput)),
    Tracked(YearlyObjective, "Yearly objective", lambda r: f"FY{r.fiscal_year}: {r.objective}"),
    Tracked(Indicator, "Indicator", lambda r: r.description),
    Tracked(Risk, "Risk", lambda r: r.description),
    Tracked(PriorAssistance, "Prior assistance", lambda r: f"FY{r.fiscal_year} {r.description}"),
)


def _records(initiative_pk: int) -> dict[type, list]:
    """Every historical record of the initiative and its rows, oldest first per object."""
    objective_ids = YearlyObjective.history.filter(initiative_id=initiative_pk).values("id")
    found = {}
    for tracked in TRACKED:
        history = tracked.model.history  # type: ignore[attr-defined]
        if tracked.model is Initiative:
            records = history.filter(id=initiative_pk)
        elif tracked.model is Indicator:
            records = history.filter(objective_id__in=objective_ids)
        else:
            records = history.filter(initiative_id=initiative_pk)
        found[tracked.model] = list(
            records.select_related("history_user__profile").order_by("history_date", "history_id")
        )
    return found


class _Names:
    """Names behind ids (users, units, partners, deliverables), fetched once per trail."""

    def __init__(self, records: dict[type, list], links: dict[tuple, dict[int, list[int]]]):
        wanted: dict[type, set] = defaultdict(set)
        for model, rows in records.items():
            for field in model._meta.fields:  # type: ignore[attr-defined]
                if field.is_relation and field.name not in IGNORED:
                    wanted[field.related_model] |= {getattr(r, field.attname) for r in rows}
        for (model, field_name), by_record in links.items():
            target = model._meta.get_field(field_name).related_model
            wanted[target] |= {i for ids in by_record.values() for i in ids}
        # Deliverables are named from their own history, which also knows deleted ones.
        self.deliverables = {
            r.id: _named(r, PartnerDeliverable) for r in records[PartnerDeliverable]
        }
        wanted.pop(PartnerDeliverable, None)
        self.objects = {
            related: _manager(related).in_bulk([i for i in ids if i is not None])
            for related, ids in wanted.items()
        }

    def of(self, model: type, pk: Any) -> str:
        if pk is None:
            return ""
        if model is PartnerDeliverable:
            return self.deliverables.get(pk, f"deleted deliverable #{pk}")
        obj = self.objects.get(model, {}).get(pk)
        if obj is None:
            return f"#{pk} (no longer exists)"
        if isinstance(obj, get_user_model()):
            return display_name(obj)
        return str(getattr(obj, "name", obj))


def _manager(model: type) -> Any:
    """Users come with their profiles: they are named with their rank."""
    if model is get_user_model():
        return model._default_manager.select_related("profile")
    return model._default_manager  # type: ignore[attr-defined]


def _links(records: dict[type, list]) -> dict[tuple, dict[int, list[int]]]:
    """The many-to-many links each historical record saw: {(model, field): {history_id: ids}}."""
    links = {}
    for model, rows in records.items():
        for field in model._meta.many_to_many:  # type: ignore[attr-defined]
            history_model = HistoricalRecords.m2m_models.get(field)
            if history_model is None:
                continue
            target = get_m2m_reverse_field_name(field)
            by_record: dict[int, list[int]] = defaultdict(list)
            for row in history_model.objects.filter(
                history_id__in=[r.history_id for r in rows]
            ).values("history_id", f"{target}_id"):
                by_record[row["history_id"]].append(row[f"{target}_id"])
            links[(model, field.name)] = by_record
    return links


def _label(model: type, name: str) -> str:
    if name in LABELS:
        return LABELS[name]
    text = str(model._meta.get_field(name).verbose_name)  # type: ignore[attr-defined]
    return text[0].upper() + text[1:]


def _show(model: type, name: str, value: Any, names: _Names) -> str:
    """The value as the IDD's pages show it: names, labels, $1,900,000, FY2027, 30 Sep 2027."""
    field = model._meta.get_field(name)  # type: ignore[attr-defined]
    if value is None or value == "":
        return ""
    if field.is_relation:
        return names.of(field.related_model, value)
    if name == "position":
        return str(value + 1)  # first, second... as the planner counts
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if name.endswith("fiscal_year"):
        return f"FY{value}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):  # every decimal in the IDD is U.S. dollars
        return f"${value:,.0f}"
    if isinstance(value, datetime):
        return full_timestamp(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _due(record, year: str, quarter: str) -> str:
    fiscal_year, q = getattr(record, year), getattr(record, quarter)
    return format_quarter(fiscal_year, q) if fiscal_year and q else ""


def _changes(model, old, new, links, names: _Names) -> tuple[FieldChange, ...]:
    m2m = [f.name for f in model._meta.many_to_many]
    delta = new.diff_against(old, excluded_fields=[*IGNORED, *m2m])
    year, quarter, due = QUARTERS.get(model, ("", "", ""))
    changes: list[FieldChange] = []
    for c in delta.changes:
        if c.field in (year, quarter):  # one change of "FY2027 Q2", where the first was
            if not any(change.label == due for change in changes):
                changes.append(FieldChange(due, _due(old, year, quarter), _due(new, year, quarter)))
            continue
        changes.append(
            FieldChange(
                _label(model, c.field),
                _show(model, c.field, c.old, names),
                _show(model, c.field, c.new, names),
            )
        )
    for name in m2m:
        by_record = links.get((model, name), {})
        field = model._meta.get_field(name)
        before, after = (
            sorted(names.of(field.related_model, i) for i in by_record.get(r.history_id, []))
            for r in (old, new)
        )
        if before != after:
            changes.append(FieldChange(_label(model, name), "; ".join(before), "; ".join(after)))
    return tuple(changes)


def _entries(tracked: Tracked, rows: Iterable, links, names: _Names) -> list[Entry]:
    previous: dict[int, Any] = {}
    entries = []
    for record in rows:
        kind = KINDS[record.history_type]
        before = previous.get(record.id)
        changes: tuple[FieldChange, ...] = ()
        if kind == CHANGED and before is not None:
            changes = _changes(tracked.model, before, record, links, names)
        previous[record.id] = record
        reason = record.history_change_reason or ""
        if kind == CHANGED and not changes and not reason:
            continue  # saved without a visible change (e.g. only the lock version moved)
        entries.append(
            Entry(
                when=record.history_date,
                who=display_name(record.history_user, nobody="System"),
                kind=kind,
                group=tracked.group,
                name=tracked.name(record),
                reason=reason,
                changes=changes,
            )
        )
    return entries


def trail(initiative_pk: int) -> list[Entry]:
    """Every change to the initiative and its rows, newest first."""
    records = _records(initiative_pk)
    links = _links(records)
    names = _Names(records, links)
    entries = []
    for tracked in TRACKED:
        entries += _entries(tracked, records[tracked.model], links, names)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
