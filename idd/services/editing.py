"""Saving the guided form: creating an initiative, saving a step, ordering its rows.

Every save claims the initiative's next version in the same transaction
(`locking.claim_version`), so a stale page is refused instead of overwriting
someone else's work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count

from idd.models import Initiative, PartnerDeliverable, PriorAssistance, USInput, YearlyObjective
from idd.services.locking import claim_version

if TYPE_CHECKING:
    from idd.forms.base import Move, RowFormSet, StepForms


@dataclass
class SavedRows:
    kept: list = field(default_factory=list)
    removed: list = field(default_factory=list)


def create_initiative(form, user, last_step: str) -> Initiative:
    """A new initiative from the basics form; its creator owns it."""
    initiative = form.save(commit=False)
    initiative.owner = user
    initiative.last_step = last_step
    initiative.save()
    form.save_m2m()
    return initiative


def save_step(
    initiative: Initiative,
    step_forms: StepForms,
    read_version: int,
    move: Move | None,
    next_step: str,
) -> list[str]:
    """Save one step if anything changed (raises StaleEdit if someone saved since it was
    read) and remember where the planner goes next, so the dashboard can resume there."""
    notes: list[str] = []
    with transaction.atomic():
        if step_forms.has_changed() or move is not None:
            claim_version(initiative, read_version)
            notes = step_forms.save(move)
        # Navigation only: neither a new version nor a change in the audit trail.
        Initiative.objects.filter(pk=initiative.pk).update(last_step=next_step)
        initiative.last_step = next_step
    return notes


def save_rows(formset: RowFormSet, move: Move | None = None, start: int = 0) -> SavedRows:
    """Delete the rows marked "Remove", save the others in the order shown (after an
    optional move up or down), numbering their positions from `start`."""
    forms = formset.live_forms()
    if move is not None and move.prefix == formset.prefix and move.index < len(formset.forms):
        target = formset.forms[move.index]
        if target in forms:
            i = forms.index(target)
            j = i + move.step
            if 0 <= j < len(forms):
                forms[i], forms[j] = forms[j], forms[i]
    saved = SavedRows()
    for form in formset.forms:
        if formset.is_removed(form) and form.instance.pk:
            saved.removed.append(form.instance)
            form.instance.delete()
    for position, form in enumerate(forms, start=start):  # type: ignore[assignment]
        row = form.save(commit=False)
        setattr(row, formset.fk.name, formset.instance)
        if row.pk is None or form.has_changed() or row.position != position:
            row.position = position
            row.save()
            form.save_m2m()
        saved.kept.append(row)
    return saved


def rows_outside_span(initiative: Initiative, first: int, last: int) -> list[str]:
    """The rows that a new fiscal-year span would leave outside it, named for the planner."""
    if not initiative.pk:
        return []
    outside = [
        f"partner deliverable “{d.title}” (due FY{d.due_fiscal_year})"
        for d in PartnerDeliverable.objects.filter(initiative=initiative).exclude(
            due_fiscal_year__range=(first, last)
        )
    ]
    outside += [
        f"U.S. input “{u.title}” (FY{u.fiscal_year})"
        for u in USInput.objects.filter(initiative=initiative).exclude(
            fiscal_year__range=(first, last)
        )
    ]
    outside += [
        f"yearly objective for FY{o.fiscal_year}"
        for o in YearlyObjective.objects.filter(initiative=initiative).exclude(
            fiscal_year__range=(first, last)
        )
    ]
    outside += [
        f"prior assistance “{p.description}” (FY{p.fiscal_year}, which must be one of the "
        f"three years before FY{first})"
        for p in PriorAssistance.objects.filter(initiative=initiative).exclude(
            fiscal_year__range=(first - 3, first - 1)
        )
    ]
    return outside


def inputs_left_unmatched(input_ids: set[int]) -> list[str]:
    """Notes on the U.S. inputs among these that no longer answer any partner deliverable
    (after the deliverables they were matched to were removed)."""
    if not input_ids:
        return []
    inputs = (
        USInput.objects.filter(pk__in=input_ids)
        .annotate(matches=Count("matched_deliverables"))
        .filter(matches=0)
    )
    return [
        f"U.S. input “{u.title}” is no longer matched to any partner deliverable: "
        "match it on the U.S. inputs step, or remove it."
        for u in inputs
    ]
