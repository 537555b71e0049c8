"""Saving the guided form: creating an initiative, saving a step, ordering its rows.

Every save claims the initiative's next version in the same transaction
(`new_version`), so a stale page is refused instead of overwriting someone else's
work, and queues that version's PDF to be rendered ahead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from idd.models import Initiative
from idd.services.locking import claim_version
from idd.tasks import queue_pdf_render

if TYPE_CHECKING:
    from idd.forms.base import Move, StepForms


def new_version(initiative: Initiative, read_version: int) -> None:
    """Claim the initiative's next version (raises StaleEdit if someone saved since it was
    read) and queue that version's PDF to be rendered once the save commits."""
    claim_version(initiative, read_version)
    queue_pdf_render(initiative)


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
            new_version(initiative, read_version)
            notes = step_forms.save(move)
        # Navigation only: neither a new version nor a change in the audit trail.
        Initiative.objects.filter(pk=initiative.pk).update(last_step=next_step)
        initiative.last_step = next_step
    return notes
