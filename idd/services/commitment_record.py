"""Recording the partner's commitment: dated assessments and what the partner delivered.

Recording is execution monitoring, not editing the plan: the initiative's planners (owner
and team) may record in any status but withdrawn. An approved revision keeps its own frozen
snapshot, so recording never changes what was approved. Each recording claims the
initiative's next version, so a stale form is refused and the printed IDD is never stale.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from assessments import method, presentation, scoring
from assessments.fiscal import format_date, format_quarter
from assessments.models import CommitmentAssessment
from idd.document.commitment import current_inputs
from idd.models import Initiative, PartnerDeliverable
from idd.models.access import may
from idd.reference import roles
from idd.services.editing import new_version
from idd.services.summaries import refresh_summary

_LABELS = dict(method.DELIVERABLE_STATUSES)
RECORDABLE_STATUSES = PartnerDeliverable.RECORDABLE_STATUSES
NOT_ALLOWED = (
    "Only the initiative's owner and team members can record, and not once it is withdrawn."
)


class RecordingRefused(Exception):
    """The recording breaks a rule of the method; the message says which and what to do."""


def can_record(initiative: Initiative, user: roles.User) -> bool:
    """Planners on the initiative (owner or team), in any status but withdrawn."""
    return may(user, "record", initiative)


def require_recorder(initiative: Initiative, user: roles.User) -> None:
    """PermissionDenied (a 403 saying who may) unless this user may record."""
    if not can_record(initiative, user):
        raise PermissionDenied(NOT_ALLOWED)


def store_assessment(
    initiative: Initiative, kind: str, inputs: scoring.AssessmentInputs, assessed_by
) -> CommitmentAssessment:
    """Store inputs and result exactly as they are now; nothing ever rewrites them."""
    result = scoring.assess(inputs)
    return CommitmentAssessment.objects.create(
        subject=initiative,
        kind=kind,
        assessed_on=inputs.as_of,
        assessed_by=assessed_by,
        inputs=inputs.to_dict(),
        result=result.to_dict(),
        demonstrated=result.demonstrated,
    )


def next_kind(initiative: Initiative) -> str:
    """The first assessment is the baseline; every later one is a re-assessment."""
    has_baseline = CommitmentAssessment.objects.filter(
        subject=initiative, kind=CommitmentAssessment.Kind.BASELINE
    ).exists()
    return (
        CommitmentAssessment.Kind.REASSESSMENT
        if has_baseline
        else CommitmentAssessment.Kind.BASELINE
    )


def recording_refusal(inputs: scoring.AssessmentInputs, initiative: Initiative) -> str | None:
    """Why an assessment of these inputs cannot be recorded today, or None."""
    unjustified = presentation.unjustified_ratings(inputs.ratings.to_dict())
    if unjustified:
        return (
            "Every rating needs its justification before an assessment is recorded. "
            f"Not justified: {', '.join(unjustified)}. Add them in the commitment step of "
            "the guided form (open while the IDD is a draft or returned for changes), then "
            "record again."
        )
    if CommitmentAssessment.objects.filter(subject=initiative, assessed_on=inputs.as_of).exists():
        return (
            f"An assessment dated {format_date(inputs.as_of)} is already recorded, and stored "
            "assessments never change. Record the next one on a later day."
        )
    return None


def todays_recording_refusal(initiative: Initiative) -> str | None:
    """Why today's assessment could not be recorded, or None: shown before the planner tries."""
    return recording_refusal(current_inputs(initiative, as_of=timezone.localdate()), initiative)


def assessed_facts(initiative: Initiative) -> dict[str, str]:
    """What today's assessment would rest on, each fact named for the planner. The
    recording page carries them, so a refused recording can say what changed since."""
    inputs = current_inputs(initiative, as_of=timezone.localdate())
    labels = presentation.RATING_LABELS
    facts = {}
    for name, rating in inputs.ratings.to_dict().items():
        score = "not rated" if rating["score"] is None else rating["score"]
        facts[f"{labels.get(name, name)} rating"] = f"{score}: {rating['justification']}".strip()
    for d in inputs.deliverables:
        facts[f"Partner deliverable “{d.title}”"] = (
            f"{_LABELS.get(d.status, d.status)}, political risk {d.political_risk}, "
            f"due {format_quarter(d.fiscal_year, d.quarter)}"
        )
    for u in inputs.us_inputs:
        facts[f"U.S. input “{u.title}”"] = (
            f"FY{u.fiscal_year}, matched to {len(u.matched_deliverable_ids)} partner deliverables"
        )
    return facts


def changed_facts(then: dict[str, str], now: dict[str, str]) -> list[tuple[str, str, str]]:
    """(fact, as the planner saw it, as it is now) for each fact that differs."""
    names = [*now, *(name for name in then if name not in now)]
    return [
        (name, then.get(name, "(not there)"), now.get(name, "(removed)"))
        for name in names
        if then.get(name) != now.get(name)
    ]


def record_assessment(initiative: Initiative, user, read_version: int) -> CommitmentAssessment:
    """Record today's assessment, computed from the data as it is now, by this user.

    Raises PermissionDenied, RecordingRefused (with the reason) or StaleEdit.
    """
    require_recorder(initiative, user)
    inputs = current_inputs(initiative, as_of=timezone.localdate())
    reason = recording_refusal(inputs, initiative)
    if reason:
        raise RecordingRefused(reason)
    new_version(initiative, read_version)
    assessment = store_assessment(initiative, next_kind(initiative), inputs, user)
    refresh_summary(initiative)
    return assessment


FUTURE_DELIVERY = PartnerDeliverable.FUTURE_DELIVERY


def record_delivery(
    initiative: Initiative,
    deliverable: PartnerDeliverable,
    user,
    *,
    status: str,
    evidence: str,
    read_version: int,
    delivered_on: date | None = None,
) -> PartnerDeliverable:
    """Record what the partner did about one deliverable, who recorded it, when, and the
    evidence. A delivery (in full or in part) keeps the day it happened: `delivered_on`,
    today unless given; any other status clears it. The deliverable's history
    (django-simple-history) keeps every earlier record.

    Raises PermissionDenied, RecordingRefused or StaleEdit.
    """
    require_recorder(initiative, user)
    if deliverable.initiative_id != initiative.pk:
        raise PermissionDenied("This partner deliverable belongs to another initiative.")
    if status not in dict(RECORDABLE_STATUSES):
        raise RecordingRefused(f"{status!r} is not a status a planner records.")
    if not evidence.strip():
        raise RecordingRefused("Say what evidence was seen: a document, an inspection, a report.")
    if delivered_on is not None and (
        refusal := initiative.date_refusal(delivered_on, FUTURE_DELIVERY)
    ):
        raise RecordingRefused(refusal)
    new_version(initiative, read_version)
    deliverable.status = status
    deliverable.delivered_on = (
        (delivered_on or timezone.localdate()) if status in method.RISK_TAKEN else None
    )
    deliverable.evidence = evidence.strip()
    deliverable.verified_by = user
    deliverable.verified_at = timezone.now()
    deliverable.save(
        update_fields=["status", "delivered_on", "evidence", "verified_by", "verified_at"]
    )
    refresh_summary(initiative)
    return deliverable
