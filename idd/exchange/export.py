"""An initiative and all its rows as the exchange file's data (docs/exchange-format.md)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from idd.exchange.codec import encode
from idd.exchange.spec import FORMAT, INITIATIVE, PARTNER, UNITS, VERSION, Kind
from idd.models import Initiative


def export_initiative(initiative: Initiative) -> dict[str, Any]:
    """The whole file: the format's name and version, its marking, and the initiative."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "marking": settings.MARKING,
        "initiative": _initiative(initiative),
    }


def export_json(initiative: Initiative) -> str:
    return json.dumps(export_initiative(initiative), ensure_ascii=False, indent=2) + "\n"


def _fields(kind: Kind, row: models.Model) -> dict[str, Any]:
    return {f.name: encode(f, getattr(row, f.name)) for f in kind.fields}


def _rows(kind: Kind, rows: models.QuerySet) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        data = _fields(kind, row)
        for sub in kind.children:
            data[sub.key] = _rows(sub, getattr(row, _related_name(sub)).all())
        out.append(data)
    return out


def _related_name(kind: Kind) -> str:
    parent = kind.model._meta.get_field(kind.parent or "")
    assert isinstance(parent, models.ForeignKey)  # every child kind hangs on a foreign key
    return str(parent.remote_field.related_name)


def _initiative(initiative: Initiative) -> dict[str, Any]:
    data = _fields(INITIATIVE, initiative)
    data["partner"] = _fields(PARTNER, initiative.partner)
    data["team_members"] = sorted(u.get_username() for u in initiative.team_members.all())
    data["targeted_units"] = [_fields(UNITS, u) for u in initiative.targeted_units.order_by("name")]
    for kind in INITIATIVE.children:
        if not kind.many:
            row = getattr(initiative, _related_name(kind), None)
            data[kind.key] = None if row is None else _fields(kind, row)
        else:
            data[kind.key] = _rows(kind, getattr(initiative, _related_name(kind)).all())
    _links(initiative, data)
    return data


def _links(initiative: Initiative, data: dict[str, Any]) -> None:
    """Links between rows, as positions in the file's lists."""
    deliverables = [d.pk for d in initiative.partner_deliverables.all()]
    for entry, us_input in zip(data["us_inputs"], initiative.us_inputs.all(), strict=True):
        matched = {d.pk for d in us_input.matched_deliverables.all()}
        entry["gated_on"] = [n for n, pk in enumerate(deliverables) if pk in matched]
    inputs = [u.pk for u in initiative.us_inputs.all()]
    for entry, component in zip(
        data["program_components"], initiative.program_components.all(), strict=True
    ):
        linked = {u.pk for u in component.us_inputs.all()}
        entry["delivered_by"] = [n for n, pk in enumerate(inputs) if pk in linked]
    comments = [c.pk for c in initiative.review_comments.all()]
    for entry, comment in zip(data["comments"], initiative.review_comments.all(), strict=True):
        entry["reply_to"] = None if comment.parent_id is None else comments.index(comment.parent_id)
