"""Links between rows in the exchange file, by position in its lists, and the stored
snapshots' tie to their initiative."""

from __future__ import annotations

import copy
from typing import Any

from django.db import models

from idd.exchange.problems import Problems
from idd.exchange.spec import Kind
from idd.export.storage import revision_pdf_name
from idd.models import (
    PartnerDeliverable,
    ProgramComponent,
    ReviewComment,
    Revision,
    Submission,
    USInput,
)


def prepare(
    problems: Problems,
    kind: Kind,
    row: models.Model,
    data: dict[str, Any],
    path: str,
    made: dict[str, list[models.Model | None]],
) -> bool:
    """Links a row takes before it is stored; False when one is wrong (and reported)."""
    if isinstance(row, ReviewComment):
        return _reply(problems, row, data, path, made.get("comments", []))
    if isinstance(row, USInput):
        return _gated_on(problems, data, path, len(made.get("deliverables", []))) is not None
    if isinstance(row, ProgramComponent):
        return _delivered_by(problems, data, path, len(made.get("us_inputs", []))) is not None
    if isinstance(row, Submission | Revision):
        return _snapshot(problems, row, path)
    return True


def after_save(
    problems: Problems,
    kind: Kind,
    row: models.Model,
    data: dict[str, Any],
    path: str,
    made: dict[str, list[models.Model | None]],
) -> None:
    """Links stored once the row is: the partner deliverables a U.S. input is gated on,
    and the U.S. inputs that deliver a program component."""
    if isinstance(row, USInput):
        deliverables = made.get("deliverables", [])
        gated = _gated_on(Problems(), data, path, len(deliverables)) or []
        matched = [deliverables[n] for n in gated]
        row.matched_deliverables.set([d for d in matched if isinstance(d, PartnerDeliverable)])
    if isinstance(row, ProgramComponent):
        inputs = made.get("us_inputs", [])
        positions = _delivered_by(Problems(), data, path, len(inputs)) or []
        row.us_inputs.set([u for u in (inputs[n] for n in positions) if isinstance(u, USInput)])


def _positions(value: Any, count: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count


def _reply(
    problems: Problems,
    row: ReviewComment,
    data: dict[str, Any],
    path: str,
    earlier: list[models.Model | None],
) -> bool:
    """`reply_to`: null for a thread's first comment, else the position of that comment."""
    at = data.get("reply_to")
    if at is None:
        return True
    if not _positions(at, len(earlier)):
        problems.add(
            f"{path}.reply_to",
            "must be null or the position (from 0) of an earlier comment in comments",
        )
        return False
    thread = earlier[at]
    if thread is None:
        return False  # its own problem is reported
    if getattr(thread, "parent_id", None) is not None:
        problems.add(f"{path}.reply_to", "must name a thread's first comment, not a reply")
        return False
    row.parent = thread
    return True


def _gated_on(problems: Problems, data: dict[str, Any], path: str, count: int) -> list[int] | None:
    """`gated_on`: the positions (from 0) in deliverables of those the input answers."""
    gated = data.get("gated_on", [])
    if not isinstance(gated, list) or not all(_positions(n, count) for n in gated):
        problems.add(
            f"{path}.gated_on",
            f"must be a list of positions (from 0) in deliverables, below {count}",
        )
        return None
    if len(set(gated)) != len(gated):
        problems.add(f"{path}.gated_on", "names a partner deliverable twice")
        return None
    return gated


def _delivered_by(
    problems: Problems, data: dict[str, Any], path: str, count: int
) -> list[int] | None:
    """`delivered_by`: the positions (from 0) in us_inputs of those that deliver it."""
    given = data.get("delivered_by", [])
    if not isinstance(given, list) or not all(_positions(n, count) for n in given):
        problems.add(
            f"{path}.delivered_by",
            f"must be a list of positions (from 0) in us_inputs, below {count}",
        )
        return None
    if len(set(given)) != len(given):
        problems.add(f"{path}.delivered_by", "names a U.S. input twice")
        return None
    return given


def _snapshot(problems: Problems, row: Submission | Revision, path: str) -> bool:
    """A stored snapshot is kept as it was, but names its new initiative; an approved
    revision's PDF is then rendered from it on first download (stored PDFs are keyed by
    the snapshot's content, see idd.export.storage)."""
    doc = row.snapshot
    if not isinstance(doc, dict) or not isinstance(doc.get("meta"), dict):
        problems.add(f"{path}.snapshot", "must be a stored snapshot (an object with “meta”)")
        return False
    if row.initiative_id is None:
        return True
    doc = copy.deepcopy(doc)
    doc["meta"]["id"] = row.initiative_id
    row.snapshot = doc
    if isinstance(row, Revision) and isinstance(row.number, int):
        row.pdf.name = revision_pdf_name(row.initiative_id, row.number, doc)  # type: ignore[arg-type]
    return True
