"""What the exchange file holds: each kind of row, its key in the file and its fields.

The fields of a row are its model's own (every concrete field but the id and the link to
its parent), so a field added to a model travels in the file without being forgotten
here; docs/exchange-format.md lists them and a test keeps the two in step. Links between
rows in the file are by position in a list, never by database id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from assessments.models import CommitmentAssessment, CommitmentRatings
from idd.models import (
    Indicator,
    Initiative,
    LessonLearned,
    Partner,
    PartnerDeliverable,
    PartnerUnit,
    PriorAssistance,
    ProgramComponent,
    ReviewComment,
    ReviewDecision,
    Revision,
    Risk,
    Submission,
    USInput,
    YearlyObjective,
)

FORMAT = "idd-workbench-initiative"
# Bumped whenever a key is added, removed, renamed or changes its type or meaning.
# 2: the top-level marking; the acknowledged plan checks of a submission; what the U.S.
# did about each U.S. input (status, delivered_on, cancel_reason, delay_cause, delay_note,
# delivery_recorded_by, delivery_recorded_at).
# 3: what Section 333 asks (the initiative's statutory purposes, integrated country
# strategy objective, State's concurrence and joint planning; a U.S. input's construction
# particulars; the program components and the U.S. inputs that deliver them), and the
# assessment, monitoring and evaluation plan (the initiative's initial assessment and
# evaluation plan, each indicator's monitoring plan) and the lessons learned.
VERSION = 3
# Versions this installation reads. Versions 2 and 3 only added optional keys whose
# defaults mean "nothing recorded yet", so an older file reads with the meaning it was
# written with.
READS = (1, 2, 3)


@dataclass(frozen=True)
class Kind:
    """Rows of one model under one key of their parent in the file."""

    key: str
    model: type[models.Model]
    parent: str | None  # the model field linking to the parent row, left out of the file
    children: tuple[Kind, ...] = ()
    # Fields the file holds in its own shape (links, m2m), handled by export and import.
    special: tuple[str, ...] = ()
    leave_out: tuple[str, ...] = ()  # fields that are not data (stored files, where it is)
    many: bool = True  # a list of rows, or one row (or null)
    extra_keys: tuple[str, ...] = ()  # keys of the file's own (see `special`)

    @property
    def fields(self) -> list[models.Field]:
        skip = {"id", self.parent, *self.special, *self.leave_out}
        return [f for f in self.model._meta.concrete_fields if f.name not in skip]

    def keys(self) -> list[str]:
        children = [k.key for k in self.children]
        return [f.name for f in self.fields] + list(self.extra_keys) + children


def _measurements() -> tuple[Kind, ...]:
    """Indicator measurements, where the monitoring model is installed."""
    try:
        model = apps.get_model("idd", "IndicatorMeasurement")
    except LookupError:
        return ()
    return (Kind("measurements", model, "indicator"),)


def is_user(f: models.Field) -> bool:
    return f.is_relation and f.related_model is get_user_model()


UNITS = Kind("targeted_units", PartnerUnit, "partner")
# Which command keeps a partner is this installation's: an import that creates the partner
# gives it the importer's command (importer).
PARTNER = Kind("partner", Partner, None, leave_out=("kept_by",), many=False)
INITIATIVE = Kind(
    "initiative",
    Initiative,
    None,
    special=("partner",),
    # Its organization is this installation's: an import takes its owner's (importer).
    leave_out=("organization",),
    many=False,
    extra_keys=("partner", "team_members", "targeted_units"),
    children=(
        Kind("prior_assistance", PriorAssistance, "initiative"),
        Kind(
            "yearly_objectives",
            YearlyObjective,
            "initiative",
            children=(Kind("indicators", Indicator, "objective", children=_measurements()),),
        ),
        Kind("risks", Risk, "initiative"),
        Kind("lessons_learned", LessonLearned, "initiative"),
        Kind("deliverables", PartnerDeliverable, "initiative"),
        Kind("us_inputs", USInput, "initiative", extra_keys=("gated_on",)),
        # After the U.S. inputs: a component names those that deliver it by position.
        Kind("program_components", ProgramComponent, "initiative", extra_keys=("delivered_by",)),
        Kind("ratings", CommitmentRatings, "subject", many=False),
        Kind("assessments", CommitmentAssessment, "subject"),
        Kind(
            "comments", ReviewComment, "initiative", special=("parent",), extra_keys=("reply_to",)
        ),
        Kind("decisions", ReviewDecision, "initiative"),
        Kind("submissions", Submission, "initiative"),
        Kind("revisions", Revision, "initiative", leave_out=("pdf",)),
    ),
)


def child(kind: Kind, key: str) -> Kind:
    return next(k for k in kind.children if k.key == key)


def all_kinds(kind: Kind = INITIATIVE, path: str = "initiative") -> Iterator[tuple[str, Kind]]:
    """Every kind of row with its path in the file ("initiative.yearly_objectives[]")."""
    yield path, kind
    for sub in kind.children:
        yield from all_kinds(sub, f"{path}.{sub.key}" + ("[]" if sub.many else ""))


def is_optional(f: models.Field) -> bool:
    """The key may be left out of the file: the field then takes its default."""
    auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    return bool(f.blank or f.null or f.has_default() or auto)


def is_auto_time(f: models.Field) -> bool:
    """Set by Django on save (created/updated at): the importer writes the file's back."""
    return bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
