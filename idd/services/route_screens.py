"""What the screens show of staffing routes (issue 27, ADR 0026): the route panel of the
review page, "Awaiting my office" on the dashboard, and what changed since an office
concurred. Read-only; the operations are in `idd.services.staffing`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import dateformat, timezone

from idd.models import Initiative, Organization, Submission
from idd.models.access import (
    managed_by,
    manages_all,
    may,
    may_approve,
    may_manage,
    offices_to_decide,
    remember_readable,
)
from idd.models.organization import organization_of
from idd.models.staffing import OfficeDecision, Route, RouteStage
from idd.reference import roles
from idd.reference.choices import InitiativeStatus as S
from idd.reference.working_days import suspense_words
from idd.services import submissions
from idd.services.staffing import (
    first_stage,
    forward_refusal,
    forwarded_route,
    unstaffed,
    unstaffed_on,
)

FORWARD_SHOWN = 10  # "Approved: forward to DSCA" on the dashboard: the latest few


@dataclass
class OfficeRow:
    office: Organization
    decision: OfficeDecision | None  # the one that stands
    pending: bool
    mine: bool  # the person looking acts for it and may decide now
    # Its decisions at this stage before the stage restarted, the oldest first.
    earlier: list[OfficeDecision] = field(default_factory=list)
    form: object = None  # the page puts the decision form of `mine` here

    @property
    def said(self) -> str:
        """What became of the standing decision, in words ("" when it simply stands)."""
        return self.decision.standing(superseded=False) if self.decision else ""

    @property
    def earlier_said(self) -> list[tuple[OfficeDecision, str]]:
        return [(d, d.standing(superseded=True)) for d in self.earlier]


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
    """Every stage with its offices, the decision of each that stands and those superseded
    when the stage restarted, and which office the person may decide for now."""
    decisions = list(route.decisions.select_related("office").order_by("decided_at", "pk"))
    superseded = route.superseded(decisions)
    by_office: dict[tuple[int, int], list[OfficeDecision]] = defaultdict(list)
    for d in decisions:
        by_office[(d.stage_id, d.office_id)].append(d)
    rows = []
    position = route.stage.position if route.stage else None
    mine = {office.pk for office in offices_to_decide(user, route)}
    for stage in route.template.stages.prefetch_related("offices__organization"):
        current = stage.pk == route.stage_id
        offices = []
        for link in stage.offices.all():
            taken = by_office[(stage.pk, link.organization_id)]
            standing = [d for d in taken if d.pk not in superseded]
            decision = standing[-1] if standing else None
            pending = current and route.status == Route.Status.COORDINATING and decision is None
            offices.append(
                OfficeRow(
                    link.organization,
                    decision,
                    pending,
                    link.organization_id in mine,
                    earlier=[d for d in taken if d.pk in superseded],
                )
            )
        done = route.reached_approval or (position is not None and stage.position < position)
        rows.append(StageRow(stage, offices, current, done))
    return rows


def changed_since_concurred(route: Route, user: roles.User) -> list[dict]:
    """This person's offices' latest decisions (a concurrence, or the non-concurrence that
    sent it back) on an earlier submission than the one in hand, each with the two
    submissions to compare (what changed since they decided)."""
    latest = submissions.latest(route.initiative)
    own = organization_of(user)
    if latest is None or own is None:
        return []
    keys = dict(route.initiative.submissions.values_list("sequence", "pk"))
    concurred = {  # each office's latest concurrence, or the non-concurrence it answers
        d.office_id: d
        for d in route.decisions.filter(revision=route.revision)
        .select_related("office")
        .order_by("decided_at", "pk")
        if d.office.contains(own)
    }
    return [
        {
            "decision": d,
            "old": f"{submissions.SUBMISSION_KEY}{keys[d.submission_sequence]}",
            "new": f"{submissions.SUBMISSION_KEY}{latest.pk}",
        }
        for d in concurred.values()
        if d.submission_sequence in keys and d.submission_sequence < latest.sequence
    ]


def _back_after_changes(offices: list[int]) -> dict[int, dict]:
    """Per route in coordination, the latest decision of these offices (a concurrence, or
    a non-concurrence) on an earlier submission than the latest one, with the two
    submissions to compare: the IDD came back to them changed, after a return and the
    planners' resubmission. One query."""
    submitted = Submission.objects.filter(initiative=OuterRef("route__initiative"))
    latest = submitted.order_by("-sequence")
    found = (
        OfficeDecision.objects.filter(
            route__status=Route.Status.COORDINATING,
            office__in=offices,
            revision=F("route__revision"),
        )
        .annotate(
            latest_sequence=Subquery(latest.values("sequence")[:1]),
            latest_key=Subquery(latest.values("pk")[:1]),
            read_key=Subquery(
                submitted.filter(sequence=OuterRef("submission_sequence")).values("pk")[:1]
            ),
        )
        .select_related("office")
        .order_by("decided_at", "pk")
    )
    # Each office's latest decision on each route: back to it if taken on an older
    # submission (the office that non-concurred is asked again; one that concurred reads
    # the reply).
    latest_of = {(d.route_id, d.office_id): d for d in found}
    return {
        d.route_id: {
            "decision": d,
            "old": f"{submissions.SUBMISSION_KEY}{d.read_key}",
            "new": f"{submissions.SUBMISSION_KEY}{d.latest_key}",
        }
        for d in latest_of.values()
        if d.read_key and d.submission_sequence < d.latest_sequence
    }


def awaiting_office(user: roles.User) -> list[dict]:
    """ "Awaiting my office": IDDs whose stage in hand waits for an office this person may
    decide for now, or whose approval waits for them (the policy's `offices_to_decide` and
    `may_approve`, as the route panel asks), the soonest suspense first; then those that
    came back changed after the office concurred ("Back after changes"), though it is not
    asked again."""
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
    back = _back_after_changes(offices)
    came_back = Route.objects.filter(pk__in=list(back))
    found = []
    # Read at once, whatever the number of routes: the policy then asks no query per route.
    routes = list(
        (coordinating | approving | came_back)
        .distinct()
        .select_related("initiative", "stage", "template__approval_authority")
        .prefetch_related("decisions", "stage__offices__organization", "initiative__team_members")
    )
    remember_readable(user, [route.initiative for route in routes])
    for route in routes:
        waiting = offices_to_decide(user, route)
        approval = may_approve(user, route)
        told = route.pk in back and may(user, "read", route.initiative)
        if not (waiting or approval or told):
            continue
        found.append(
            {
                "route": route,
                "initiative": route.initiative,
                "offices": waiting,
                "approval": approval,
                "asked": bool(waiting) or approval,  # else only told it came back changed
                "back": back.get(route.pk),
                "suspense": route.suspense,
                "words": overdue_words(route.suspense),
                "overdue": is_overdue(route.suspense),
            }
        )
    return sorted(
        found,
        key=lambda r: (not r["asked"], r["suspense"] is None, r["suspense"] or date.max),
    )


def to_forward(user: roles.User) -> list[Initiative]:
    """ "Approved: forward to DSCA": approved IDDs this person may forward now, as its
    planner or as the approval authority whose office approved it on the route."""
    own = organization_of(user)
    if own is None or not (
        roles.is_planner(user) or roles.has_role(user, roles.APPROVAL_AUTHORITY)
    ):
        return []
    current = Route.objects.filter(revision=F("initiative__revision"))
    approved_here = current.filter(
        forwarded=False,
        status=Route.Status.APPROVED,
        template__approval_authority__in=own.ancestor_keys(),
    )
    forwarded = current.filter(forwarded=True).exclude(status=Route.Status.STOPPED)
    candidates = (
        Initiative.objects.visible_to(user)
        .filter(
            Q(pk__in=Initiative.objects.involving(user).values("pk"))
            | Q(pk__in=approved_here.values("initiative_id")),
            status=S.APPROVED,
        )
        .exclude(pk__in=forwarded.values("initiative_id"))
        .order_by("-updated_at")
    )
    return [i for i in candidates[:FORWARD_SHOWN] if forward_refusal(i, user) is None]


def waiting_on_nobody(user: roles.User) -> list[dict]:
    """For administrators: open routes of the organizations they manage (the IDD's, or the
    route's) that wait on an office with nobody able to act for it, as the route panel
    warns: an administrator adds someone, else the IDD stays there."""
    if not roles.is_administrator(user):
        return []
    routes = Route.objects.filter(
        status__in=(Route.Status.COORDINATING, Route.Status.AWAITING_APPROVAL)
    )
    if not manages_all(user):
        top = managed_by(user)
        if top is None:
            return []
        routes = routes.filter(
            Q(initiative__organization__path__startswith=top.path)
            | Q(template__organization__path__startswith=top.path)
        )
    routes = routes.select_related("initiative", "template__approval_authority", "stage")
    open_routes = list(routes.order_by("started_at", "pk"))
    waiting = unstaffed_on(open_routes)
    return [
        # Each office with whether this administrator may add someone to it (else: another's).
        {"route": route, "offices": [(o, may_manage(user, o)) for o in waiting[route.pk]]}
        for route in open_routes
        if waiting[route.pk]
    ]


def forwarding(initiative: Initiative, user: roles.User) -> dict:
    """Forwarding to DSCA as the next step: whether this person may now, and if they
    would but cannot, why, in words (DSCA keeps no route); once forwarded, that fact
    ("Forwarded to … on …", and its approval), said to whoever reads the IDD."""
    if initiative.status != S.APPROVED:
        return {"may": False, "why_not": "", "done": ""}
    forwarded = forwarded_route(initiative)
    if forwarded is not None:
        return {"may": False, "why_not": "", "done": forwarded_words(forwarded)}
    if not may(user, "forward", initiative):
        return {"may": False, "why_not": "", "done": ""}
    refusal = forward_refusal(initiative, user)
    return {"may": refusal is None, "why_not": refusal or "", "done": ""}


def forwarded_words(route: Route) -> str:
    """ "Forwarded to Defense Security Cooperation Agency on 7 Dec 2026", and what became
    of it there once decided."""
    where = route.template.organization
    said = f"Forwarded to {where} on {_day(route.started_at)}"
    if route.status == Route.Status.APPROVED and route.approved_at:
        authority = route.template.approval_authority
        by = "there" if authority == where else f"by {authority}"
        said += f" and approved {by} on {_day(route.approved_at)}"
    elif route.status == Route.Status.NOT_CONCURRED:
        said += f"; an office of {where} did not concur"
    return said


def _day(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j M Y")


def routes_shown(initiative: Initiative) -> list[Route]:
    """The routes of the revision in hand, the latest first: the command's, and DSCA's."""
    return list(
        initiative.routes.filter(revision=initiative.revision)  # each knows its initiative
        .exclude(status=Route.Status.STOPPED)
        .select_related(
            "template__organization",
            "template__approval_authority",
            "stage",
            "returned_from_approval__reviewer__profile",
        )
        .order_by("-started_at", "-pk")
    )


def panel(initiative: Initiative, user: roles.User) -> dict:
    """The routes the review page shows: their stages and offices, who decided what and
    when, the suspense in words, what this person may do on them now."""
    shown = []
    for route in routes_shown(initiative):
        shown.append(
            {
                "route": route,
                "stages": stages_of(route, user),
                "suspense_words": overdue_words(route.suspense) if route.is_open else "",
                "overdue": route.is_open and is_overdue(route.suspense),
                "unstaffed": unstaffed(route) if route.is_open else [],
                "may_approve": may_approve(user, route),
                "changed_since": changed_since_concurred(route, user) if route.is_open else [],
                # Where it starts again once returned from approval: its first stage.
                "restarts_at": first_stage(route) if route.returned_from_approval_id else None,
            }
        )
    return {"routes": shown, "forwarding": forwarding(initiative, user)}
