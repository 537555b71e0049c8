"""Saving the guided form: creating an initiative, opening and saving a step.

Every save claims the initiative's next version in the same transaction
(`new_version`), so a stale page is refused instead of overwriting someone else's
work, and queues that version's PDF to be rendered ahead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.http import QueryDict

from idd.forms import conflicts, differences
from idd.forms.base import Move, StepForms, VersionForm
from idd.models import Initiative, UnfinishedInput
from idd.models.organization import organization_of
from idd.services import parking
from idd.services.locking import StaleEdit, claim_version
from idd.services.summaries import refresh_summary
from idd.tasks import queue_pdf_render


def new_version(initiative: Initiative, read_version: int) -> None:
    """Claim the initiative's next version (raises StaleEdit if someone saved since it was
    read) and queue that version's PDF to be rendered once the save commits."""
    claim_version(initiative, read_version)
    queue_pdf_render(initiative)


def create_initiative(form, user, last_step: str) -> Initiative:
    """A new initiative from the basics form; its creator owns it."""
    initiative = form.save(commit=False)
    initiative.owner = user
    initiative.organization = organization_of(user)  # the views ask access.may_create first
    initiative.last_step = last_step
    initiative.save()
    form.save_m2m()
    refresh_summary(initiative)
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
            refresh_summary(initiative)
        # Navigation only: neither a new version nor a change in the audit trail.
        Initiative.objects.filter(pk=initiative.pk).update(last_step=next_step)
        initiative.last_step = next_step
    return notes


@dataclass
class StepPage:
    """A step's forms as the page shows them, or, once `saved`, what the save reported."""

    forms: StepForms
    version: VersionForm
    conflict: conflicts.Conflict | None = None
    fresh: bool = False  # shows what is saved, nothing typed
    saved: bool = False
    notes: list[str] = field(default_factory=list)
    add_target: str = ""  # after a save: the row set that gets one more empty row
    restored: bool = False  # shows input kept unsaved (parking), with its messages
    differing: int | None = None  # of input kept when the session ended: fields marked
    unfinished: UnfinishedInput | None = None  # that input, when "Save and exit" kept it

    @property
    def saved_since(self) -> bool:
        """Someone saved the initiative after the kept input was read: saving merges."""
        read = self.unfinished.read_version if self.unfinished else None
        return read is not None and read != self.forms.initiative.version


def open_step(
    initiative: Initiative,
    forms: type[StepForms],
    user,
    parked: QueryDict | None,
    add: str,
    step: str,
) -> StepPage:
    """The step as saved; or what this planner typed and did not save (parking.py: when
    their session ended, or kept by "Save and exit"), which carries the version and
    values they had read, so a stale save is still merged."""
    unfinished = None
    if parked is not None:  # kept when the session ended: what differs is marked
        step_forms = forms(initiative, user, data=parked)
        differing = differences.mark(step_forms)
        return StepPage(step_forms, VersionForm(parked), restored=True, differing=differing)
    if unfinished := parking.unfinished(initiative, step, user):
        parked = unfinished.as_post()
        step_forms = forms(initiative, user, data=parked)
        return StepPage(step_forms, VersionForm(parked), restored=True, unfinished=unfinished)
    step_forms = forms(initiative, user, add=add)
    read = conflicts.read_state(step_forms)
    version = VersionForm(initial={"version": initiative.version, "read": read})
    return StepPage(step_forms, version, fresh=True)


ROW_NOT_ADDED = (
    "No new row was added: the rows below need fixing first. Fix them and add the row "
    "again, or press “Save and exit” to keep what you typed."
)


def submit_step(
    initiative: Initiative,
    forms: type[StepForms],
    user,
    post: QueryDict,
    next_step: str,
    step: str,
) -> StepPage:
    """Save what was posted to a step (which ends any input kept unfinished there); or,
    when someone saved meanwhile, the page again with their input merged with what is
    stored now (`conflicts`), nothing saved."""
    version = VersionForm(post)
    add = post.get("add", "")
    step_forms = forms(initiative, user, data=post, add=add)
    conflict = None
    # Fields both editors changed, after a conflict: "keep theirs" puts theirs back.
    resolved, to_choose = conflicts.apply_choices(step_forms)
    if resolved is not None:
        step_forms = forms(initiative, user, data=resolved, add=add)
    if to_choose:
        step_forms.extra_errors.append(conflicts.choose_message(to_choose))
        conflict = conflicts.Conflict(to_choose)
    stale = not version.is_valid()
    if not stale and step_forms.is_valid():
        move = Move.parse(post.get("move", ""))
        try:
            notes = save_step(
                initiative, step_forms, version.cleaned_data["version"], move, next_step
            )
        except StaleEdit:
            stale = True
        else:
            parking.forget_unfinished(initiative, step, user)
            return StepPage(
                step_forms,
                version,
                saved=True,
                notes=notes,
                add_target=step_forms.stable_add_target(),
            )
    elif not stale and version.cleaned_data["version"] != initiative.version:
        stale = True  # say so first: the errors may come from what was changed meanwhile
    if stale:
        # Their input stays on screen, merged with what was saved meanwhile; the next
        # save is checked against what is stored now.
        stored_version = Initiative.objects.values_list("version", flat=True).get(pk=initiative.pk)
        read = conflicts.parse_read_state(post.get("lock-read"))
        conflict = conflicts.merge_page(step_forms, read, stored_version)
        step_forms = forms(initiative, user, data=conflict.data, add=add)
        version = VersionForm(conflict.data)
    elif add:  # a planner who asked for a row must not type over a saved one instead
        step_forms.extra_errors.append(ROW_NOT_ADDED)
    return StepPage(step_forms, version, conflict=conflict)


def leave_step(
    initiative: Initiative, forms: type[StepForms], user, post: QueryDict, step: str
) -> StepPage:
    """ "Save and exit": save the step; if it does not validate (or someone saved
    meanwhile), keep what was typed for this planner instead (`unfinished` set)."""
    page = submit_step(initiative, forms, user, post, next_step=step, step=step)
    if not page.saved:
        page.unfinished = parking.keep_unfinished(initiative, step, user, post)
        # "Resume" on the dashboard returns to it (navigation only, as in save_step).
        Initiative.objects.filter(pk=initiative.pk).update(last_step=step)
    return page
