"""Managing drafts: delete one that was never submitted, copy an initiative as the start
of a new one, and say what a submission hands the reviewers.

Deleting leaves its record: django-simple-history writes a "deleted" historical record
of the initiative (and of each of its rows) with who and when, and the initiative's record
carries what was deleted as its change reason; the operations log says it too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.text import Truncator

from assessments.models import CommitmentRatings
from idd.document.diff import diff
from idd.document.snapshot import load, snapshot
from idd.guided_form.steps import Step, incomplete
from idd.models import Initiative
from idd.models.access import may, may_create, may_read
from idd.models.organization import organization_of
from idd.reference import roles
from idd.reference.choices import InitiativeStatus as S
from idd.services import plan_warnings
from idd.services.review import change_reason, step_refusal
from idd.services.summaries import refresh_summary

logger = logging.getLogger(__name__)

COPY_PREFIX = "Copy of "
ONLY_OWNER = "Only the initiative's owner can delete it."
ONLY_PLANNERS = "Only planners can start an initiative, so only they can copy one."
KEPT = "Its record is kept: withdraw it instead if it is no longer needed."


class Refused(Exception):
    """The user may not do this now. Nothing was changed."""

    @property
    def message(self) -> str:
        return str(self.args[0])


# --- Deleting a draft ---------------------------------------------------------------------


def may_delete(initiative: Initiative, user: roles.User) -> bool:
    """Whether the user is the one who could delete it (its owner, a planner)."""
    return may(user, "delete", initiative)


def was_ever_submitted(initiative: Initiative) -> bool:
    """Submitted at least once: a reviewer may have read it, so it stays on record."""
    reasons = [change_reason("submit"), change_reason("resubmit")]
    return (
        initiative.revision > 1
        or initiative.revisions.exists()
        or Initiative.history.filter(id=initiative.pk, history_change_reason__in=reasons).exists()
    )


def deletion_refusal(initiative: Initiative, user: roles.User) -> str | None:
    """Why this user may not delete the initiative now, or None when they may."""
    if not may_delete(initiative, user):
        return ONLY_OWNER
    if initiative.status == S.APPROVED:
        return "An approved IDD is a record: it cannot be deleted."
    if initiative.status == S.WITHDRAWN:
        return "A withdrawn IDD is kept as a record: it cannot be deleted."
    if initiative.status != S.DRAFT:
        status = initiative.get_status_display().lower()
        return f"This IDD is {status}: only a draft that was never submitted can be deleted. {KEPT}"
    if was_ever_submitted(initiative):
        return f"This draft was submitted for review before. {KEPT}"
    return None


def rows_of(initiative: Initiative) -> list[str]:
    """What the initiative holds, counted in the words of its sections: "2 risks"."""
    counted = [
        (initiative.yearly_objectives.count(), "yearly objective", "yearly objectives"),
        (initiative.partner_deliverables.count(), "partner deliverable", "partner deliverables"),
        (initiative.us_inputs.count(), "U.S. input", "U.S. inputs"),
        (initiative.risks.count(), "risk", "risks"),
        (initiative.prior_assistance.count(), "prior assistance entry", "prior assistance entries"),
        (
            initiative.commitment_assessments.count(),
            "commitment assessment",
            "commitment assessments",
        ),
        (
            CommitmentRatings.objects.filter(subject=initiative).count(),
            "set of commitment ratings",
            "sets of commitment ratings",
        ),
    ]
    return [f"{n} {one if n == 1 else many}" for n, one, many in counted]


def _counted(rows: list[str]) -> str:
    return ", ".join(row for row in rows if not row.startswith("0 ")) or "no rows"


@transaction.atomic
def delete_draft(initiative: Initiative, user: roles.User) -> str:
    """Delete a draft that was never submitted, with its rows. Returns its title."""
    locked = Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    if locked is None:  # deleted meanwhile by the owner's other press of "Delete": done
        return initiative.title
    if reason := deletion_refusal(locked, user):
        raise Refused(reason)
    what = _counted(rows_of(locked))
    locked._history_user = user
    locked._change_reason = _fitting_reason(f"Deleted before it was ever submitted, with {what}")
    try:
        locked.delete()
    except ProtectedError as error:  # a record that must stay points at it
        raise Refused(f"This IDD is referred to by a record that is kept. {KEPT}") from error
    logger.info(
        "Initiative %s (%r) deleted by %s, with %s",
        initiative.pk,
        locked.title,
        user.get_username(),
        what,
    )
    return locked.title


def deleted_by(pk: int, user: roles.User) -> str | None:
    """The title of the draft this user deleted under this id, else None: a second press
    of "Delete" that arrives after the first has deleted it is answered, not "not found"."""
    deleted = Initiative.history.filter(id=pk, history_type="-", history_user=user).first()
    return deleted.title if deleted else None


# --- Copying an initiative ----------------------------------------------------------------

# Not content: the copy starts its own life (a draft of revision 1, owned by the copier).
NOT_COPIED = {"id", "title", "status", "owner", "created_at", "updated_at", "version"}
NOT_COPIED |= {"revision", "last_step", "organization"}
# A copied deliverable is planned again: its delivery is the original's, not the copy's.
DELIVERY_RECORD = {"status", "delivered_on", "evidence", "verified_by", "verified_at"}
# So is a copied U.S. input: what the U.S. did was for the original.
US_DELIVERY_RECORD = {
    "status",
    "delivered_on",
    "cancel_reason",
    "delay_cause",
    "delay_note",
    "delivery_recorded_by",
    "delivery_recorded_at",
}


def copy_refusal(initiative: Initiative, user: roles.User) -> str | None:
    if not may_read(user, initiative):
        return roles.NOT_FOUND
    if not may(user, "copy", initiative) or not may_create(user):
        return ONLY_PLANNERS
    return None


def copy_title(title: str) -> str:
    """ "Copy of …", cut with an ellipsis if it would not fit the title's length."""
    limit = Initiative._meta.get_field("title").max_length
    wanted = COPY_PREFIX + title
    return wanted if len(wanted) <= limit else wanted[: limit - 1].rstrip() + "…"


def _fitting_reason(text: str) -> str:
    """The history's change reason holds 100 characters (PostgreSQL refuses more); the
    operations log keeps the whole sentence."""
    field = Initiative.history.model._meta.get_field("history_change_reason")
    return Truncator(text).chars(field.max_length)


def _values(row: models.Model, skip: set[str]) -> dict[str, Any]:
    """The row's own stored values (no key, no many-to-many), as keyword arguments."""
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if not f.primary_key and f.name not in skip
    }


def _save_copy(model: type[models.Model], user: roles.User, reason: str, **values) -> Any:
    row = model(**values)
    row._history_user = user  # type: ignore[attr-defined]
    row._change_reason = reason  # type: ignore[attr-defined]
    row.save()
    return row


@transaction.atomic
def copy_initiative(source: Initiative, user: roles.User) -> Initiative:
    """A new draft with the source's content and rows, owned by the copier alone.

    Not copied: the status and revision (a draft of revision 1), deliveries (planned
    again), commitment assessments, comments, decisions and approved revisions.
    """
    if reason := copy_refusal(source, user):
        raise Refused(reason)
    why = f"Copied from initiative {source.pk}"
    copy = _save_copy(
        Initiative,
        user,
        why,
        **_values(source, NOT_COPIED),
        title=copy_title(source.title),
        owner=user,
        organization=organization_of(user),
    )
    copy.targeted_units.set(source.targeted_units.all())
    deliverables = {}
    for d in source.partner_deliverables.all():
        values = _values(d, {"initiative", *DELIVERY_RECORD})
        deliverables[d.pk] = _save_copy(type(d), user, why, **values, initiative=copy)
    us_inputs = {}
    for u in source.us_inputs.prefetch_related("matched_deliverables"):
        values = _values(u, {"initiative", *US_DELIVERY_RECORD})
        new = us_inputs[u.pk] = _save_copy(type(u), user, why, **values, initiative=copy)
        new.matched_deliverables.set([deliverables[d.pk] for d in u.matched_deliverables.all()])
    for c in source.program_components.prefetch_related("us_inputs"):
        component = _save_copy(type(c), user, why, **_values(c, {"initiative"}), initiative=copy)
        component.us_inputs.set([us_inputs[u.pk] for u in c.us_inputs.all()])
    for o in source.yearly_objectives.prefetch_related("indicators"):
        objective = _save_copy(type(o), user, why, **_values(o, {"initiative"}), initiative=copy)
        for i in o.indicators.all():
            _save_copy(type(i), user, why, **_values(i, {"objective"}), objective=objective)
    for row in [*source.risks.all(), *source.prior_assistance.all()]:
        _save_copy(type(row), user, why, **_values(row, {"initiative"}), initiative=copy)
    ratings = CommitmentRatings.objects.filter(subject=source).first()
    if ratings is not None:
        values = _values(ratings, {"subject", "updated_at"})
        CommitmentRatings.objects.create(**values, subject=copy)
    refresh_summary(copy)
    return copy


# --- What a submission hands the reviewers ------------------------------------------------


@dataclass
class Submission:
    """The confirmation before Submit (or Resubmit): what the reviewers will receive."""

    initiative: Initiative
    step: str  # "submit" or "resubmit"
    doc: dict
    counts: list[tuple[str, int]]
    may_edit: bool  # one of its planners, while it is a draft or returned
    # What is still to fill in, told to its planners (then the refusal says just that).
    missing: list[tuple[Step, list[str]]] = field(default_factory=list)
    refusal: str | None = None  # why it cannot be sent now, if it cannot
    # On a resubmission: the sections changed since the submission that was returned.
    changed_sections: list[str] = field(default_factory=list)
    # The plan checks still open, to acknowledge before sending, and their digest.
    checks: list[plan_warnings.OpenCheck] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return plan_warnings.digest(self.checks)


def submission(initiative: Initiative, user: roles.User) -> Submission:
    doc: Any = snapshot(load(initiative.pk))
    step = initiative.submit_step
    may_edit = may(user, "edit", initiative)
    return Submission(
        initiative=initiative,
        step=step,
        doc=doc,
        counts=[
            ("Yearly objectives", len(doc["objectives"])),
            ("Partner deliverables", len(doc["deliverables"])),
            ("U.S. inputs", len(doc["us_inputs"])),
            ("Risks", len(doc["risks"])),
        ],
        may_edit=may_edit,
        missing=incomplete(doc) if may_edit else [],
        refusal=step_refusal(initiative, user, step),
        changed_sections=_changed_since_last_sent(initiative, doc) if step == "resubmit" else [],
        checks=plan_warnings.open_checks(doc),
    )


def _changed_since_last_sent(initiative: Initiative, doc: Any) -> list[str]:
    last = initiative.submissions.order_by("-sequence").first()
    if last is None:  # submitted before submissions were stored
        return []
    return [section.title for section in diff(last.snapshot, doc) if section.changed]
