"""What the screens show of staffing routes (issue 27, ADR 0026): the route panel of the
review page, "Awaiting my office" on the dashboard, and what changed since an office
concurred. Read-only; the operations are in `idd.services.staffing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from idd.models import Initiative, Organization
from idd.models.access import may
from idd.models.organization import organization_of
from idd.models.staffing import OfficeDecision, Route, RouteStage
from idd.reference import roles
from idd.reference.working_days import suspense_words
from idd.services import submissions
from idd.services.staffing import (
    acts_for,
    approve_refusal,
    forward_refusal,
    outside_templates,
    pending_offices,
    unstaffed,
)


@dataclass
class OfficeRow:
    office: Organization
    decision: OfficeDecision | None
    pending: bool
    mine: bool  # the person looking acts for it and may decide now
    form: object = None  # the page puts the decision form of `mine` here


@dataclass
class StageRow:
    stage: RouteStage
    offices: list[OfficeRow]
    current: bool
    done: bool


def overdue_words(suspense: date | None, today: date | None = None) -> str:
    if suspense is None:
        return ""
    return suspense_words(suspense, today or timezone.localdate())


def is_overdue(suspense: date | None, today: date | None = None) -> bool:
    return suspense is not None and (today or timezone.localdate()) > suspense


def stages_of(route: Route, user: roles.User) -> list[StageRow]:
    """Every stage with its offices and their latest decision (this round's for the stage
    in hand), and which office the person may decide for now."""
    decisions: dict[tuple[int, int], OfficeDecision] = {}
    for d in route.decisions.select_related("office").order_by("decided_at", "pk"):
        decisions[(d.stage_id, d.office_id)] = d  # the latest wins
    rows = []
    position = route.stage.position if route.stage else None
    coordinates = may(user, "coordinate", route.initiative)
    for stage in route.template.stages.prefetch_related("offices__organization"):
        current = stage.pk == route.stage_id
        offices = []
        for link in stage.offices.all():
            decision = decisions.get((stage.pk, link.organization_id))
            if current and decision is not None and decision.round != route.round:
                decision = None  # decided in an earlier round: this one starts again
            pending = current and route.status == Route.Status.COORDINATING and decision is None
            offices.append(
                OfficeRow(
                    link.organization,
                    decision,
                    pending,
                    pending and coordinates and acts_for(user, link.organization),
                )
            )
        done = route.reached_approval or (position is not None and stage.position < position)
        rows.append(StageRow(stage, offices, current, done))
    return rows


def changed_since_concurred(route: Route, user: roles.User) -> list[dict]:
    """This person's offices' concurrences on an earlier submission than the one in hand,
    each with the two submissions to compare (what changed since they concurred)."""
    latest = submissions.latest(route.initiative)
    own = organization_of(user)
    if latest is None or own is None:
        return []
    keys = dict(route.initiative.submissions.values_list("sequence", "pk"))
    return [
        {
            "decision": d,
            "old": f"{submissions.SUBMISSION_KEY}{keys[d.submission_sequence]}",
            "new": f"{submissions.SUBMISSION_KEY}{latest.pk}",
        }
        for d in route.decisions.filter(revision=route.revision).select_related("office")
        if d.concurred
        and d.submission_sequence in keys
        and d.submission_sequence < latest.sequence
        and d.office.contains(own)
    ]


def awaiting_office(user: roles.User) -> list[dict]:
    """ "Awaiting my office": IDDs whose stage in hand waits for the person's office (or
    whose approval waits for them), the soonest suspense first."""
    own = organization_of(user)
    if own is None:
        return []
    offices = own.ancestor_keys()
    coordinating = Route.objects.filter(
        status=Route.Status.COORDINATING, stage__offices__organization__in=offices
    )
    approving = Route.objects.filter(
        status=Route.Status.AWAITING_APPROVAL, template__approval_authority__in=offices
    )
    found = []
    for route in (coordinating | approving).distinct().select_related("initiative", "stage"):
        if not may(user, "read", route.initiative):
            continue
        waiting = [o for o in pending_offices(route) if o.pk in offices]
        if route.status == Route.Status.COORDINATING and not waiting:
            continue
        found.append(
            {
                "route": route,
                "initiative": route.initiative,
                "offices": waiting,
                "approval": route.status == Route.Status.AWAITING_APPROVAL,
                "suspense": route.suspense,
                "words": overdue_words(route.suspense),
                "overdue": is_overdue(route.suspense),
            }
        )
    return sorted(found, key=lambda r: (r["suspense"] is None, r["suspense"] or date.max))


def routes_shown(initiative: Initiative) -> list[Route]:
    """The routes of the revision in hand, the latest first: the command's, and DSCA's."""
    return list(
        Route.objects.filter(initiative=initiative, revision=initiative.revision)
        .exclude(status=Route.Status.STOPPED)
        .select_related("template__organization", "template__approval_authority", "stage")
        .order_by("-started_at", "-pk")
    )


def panel(initiative: Initiative, user: roles.User) -> dict:
    """The routes the review page shows: their stages and offices, who decided what and
    when, the suspense in words, what this person may do on them now."""
    shown = []
    for route in routes_shown(initiative):
        approving = route.status == Route.Status.AWAITING_APPROVAL
        shown.append(
            {
                "route": route,
                "stages": stages_of(route, user),
                "suspense_words": overdue_words(route.suspense) if route.is_open else "",
                "overdue": route.is_open and is_overdue(route.suspense),
                "unstaffed": unstaffed(route) if route.is_open else [],
                "may_approve": approving and approve_refusal(initiative, route, user) is None,
                "changed_since": changed_since_concurred(route, user) if route.is_open else [],
            }
        )
    may_forward = forward_refusal(initiative, user) is None and outside_templates(initiative)
    return {"routes": shown, "may_forward": bool(may_forward)}
