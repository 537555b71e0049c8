"""Staffing routes (issue 27, ADR 0026): submitting on a route, each office's decision,
the approval authority's approval, forwarding to DSCA.

An organization with route templates staffs its IDDs on them; one with none keeps the
single reviewer (`idd.services.review`). Every function here locks the initiative first
(`select_for_update`), so two offices concurring at the same moment both land, one after
the other, and the second sees the first; an office decides once per round (a unique
constraint), so a second tab is refused. A refusal raises `review.RefusedTransition` with
a message and changes nothing.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import dateformat, timezone

from idd.models import Initiative, Organization, ReviewDecision, Revision
from idd.models.access import acts_for, may, may_approve, offices_to_decide
from idd.models.staffing import OfficeDecision, Route, RouteStage, RouteTemplate, StageOffice
from idd.reference import roles
from idd.reference.choices import InitiativeStatus as S
from idd.reference.working_days import add_working_days
from idd.services import review, submissions
from idd.services.review import RefusedTransition
from idd.tasks import queue_pdf_render, send_route_reminders

Outcome = OfficeDecision.Outcome

STALE = (
    "This IDD moved on since you opened the page (another decision was recorded): "
    "nothing was recorded. Read the route again."
)
REASON_REQUIRED = "Say why your office does not concur: the planners read this reason first."
COMMENT_REQUIRED = "Write your comment, or choose “Concur” without one."


# --- Which route ---------------------------------------------------------------------------


def command_of(organization: Organization) -> Organization:
    """The top of the tree an organization sits in (its command, or DSCA)."""
    return Organization.objects.get(pk=organization.ancestor_keys()[0])


def templates_for(initiative: Initiative) -> list[RouteTemplate]:
    """The routes its planners may pick: those of its organization and the organizations
    above it, the nearest default first; a route an IDD cannot travel (`refusal`) last,
    so the Submit page never preselects one."""
    above = initiative.organization.ancestor_keys()
    found = RouteTemplate.objects.filter(organization__in=above).select_related("organization")
    depth = {pk: n for n, pk in enumerate(above)}
    refused = {t.pk for t in found if t.refusal()}
    return sorted(
        found,
        key=lambda t: (t.pk in refused, not t.is_default, -depth[t.organization_id], t.name),
    )


def outside_templates(initiative: Initiative) -> QuerySet[RouteTemplate]:
    """The default routes of organizations outside the initiative's command (DSCA's)."""
    command = command_of(initiative.organization)
    return (
        RouteTemplate.objects.filter(is_default=True)
        .exclude(organization__path__startswith=command.path)
        .select_related("organization")
    )


def open_route(initiative: Initiative, *, lock: bool = False) -> Route | None:
    routes = Route.objects.filter(initiative=initiative, status__in=Route.OPEN)
    if lock:
        routes = routes.select_for_update(of=("self",))
    return routes.select_related("template__approval_authority", "stage").first()


def returned_route(initiative: Initiative) -> Route | None:
    return Route.objects.filter(
        initiative=initiative, status=Route.Status.RETURNED, forwarded=False
    ).first()


# --- Submitting on a route -----------------------------------------------------------------


def submit(
    initiative: Initiative,
    user: roles.User,
    *,
    base_url: str = "",
    acknowledged: str = "",
    template_id: str = "",
) -> Initiative:
    return _submit("submit", initiative, user, template_id, base_url, acknowledged)


def resubmit(
    initiative: Initiative,
    user: roles.User,
    *,
    base_url: str = "",
    acknowledged: str = "",
    template_id: str = "",
) -> Initiative:
    return _submit("resubmit", initiative, user, template_id, base_url, acknowledged)


@transaction.atomic
def _submit(
    step: str,
    initiative: Initiative,
    user: roles.User,
    template_id: str,
    base_url: str,
    acknowledged: str,
) -> Initiative:
    """Submit or resubmit. With route templates, on a route: a returned one restarts at
    the stage that returned it; else the one picked (the default when none is)."""
    take = review.submit if step == "submit" else review.resubmit
    returned = returned_route(initiative)
    choices = templates_for(initiative)
    if returned is None and not choices:
        return take(initiative, user, base_url=base_url, acknowledged=acknowledged)
    template = None if returned else _picked(choices, template_id)
    initiative = take(
        initiative, user, base_url=base_url, acknowledged=acknowledged, tell_reviewers=False
    )
    if returned is not None:
        route = Route.objects.select_for_update().get(pk=returned.pk)
        route.status = Route.Status.COORDINATING
        stage = route.stage
        if route.returned_from_approval_id:  # every office again, from the first stage
            stage = first_stage(route)
            route.returned_from_approval = None
            route.reached_approval = False
        _start_stage(route, stage)  # type: ignore[arg-type]
    else:
        assert template is not None
        route = _start(initiative, user, template, forwarded=False)
    # The route takes the place of the reviewer who would take it into review.
    initiative.start_review()
    _save(initiative, user, f"Sent on the route “{route.template.name}”")
    return initiative


def _picked(choices: list[RouteTemplate], template_id: str) -> RouteTemplate:
    if not template_id:
        template = next((t for t in choices if t.is_default), None)
        if template is None:
            raise RefusedTransition("Choose the route this IDD is staffed on.")
    else:
        template = next((t for t in choices if str(t.pk) == str(template_id)), None)
        if template is None:
            raise RefusedTransition("That route is not one this IDD's organization keeps.")
    if refusal := template.refusal():
        raise RefusedTransition(f"{refusal} Ask an administrator to complete it.")
    return template


def _start(initiative: Initiative, user: roles.User, template: RouteTemplate, *, forwarded: bool):
    first = template.stages.order_by("position").first()
    route = Route(
        initiative=initiative,
        template=template,
        revision=initiative.revision,
        forwarded=forwarded,
        started_by=cast("User", user),  # signed in: the step was allowed
        round=0,
        stage_started_at=timezone.now(),
    )
    _start_stage(route, first)  # type: ignore[arg-type]
    return route


def _start_stage(route: Route, stage: RouteStage) -> None:
    """The stage starts (or starts again): a new round, its suspense, its offices told."""
    route.stage = stage
    route.round += 1
    route.reached = max(route.reached, stage.position)
    route.stage_started_at = timezone.now()
    route.suspense = add_working_days(timezone.localdate(), stage.suspense_days)
    route.save()
    _queue_reminders()


def _save(initiative: Initiative, user: roles.User, why: str) -> None:
    initiative.version += 1
    initiative._history_user = user  # type: ignore[attr-defined]
    initiative._change_reason = why  # type: ignore[attr-defined]
    initiative.save()
    queue_pdf_render(initiative)  # the printed record changed: its coordination tables


def _queue_reminders() -> None:
    """Once this commits, the worker e-mails the offices the IDD reached."""
    transaction.on_commit(lambda: send_route_reminders.enqueue(), robust=True)


# --- Who acts ------------------------------------------------------------------------------


def pending_offices(route: Route) -> list[Organization]:
    return route.pending_offices()


def unstaffed(route: Route) -> list[Organization]:
    """Offices the route waits on with nobody able to act for them (moved away, or never
    added): the route panel says so, so that an administrator adds someone."""
    return unstaffed_on([route])[route.pk]


def unstaffed_on(routes: list[Route]) -> dict[int, list[Organization]]:
    """`unstaffed` of each route (by key), in three queries however many routes: the
    administrators' dashboard asks it of every open route of their organizations."""
    coordinating = [r for r in routes if r.status == Route.Status.COORDINATING and r.stage_id]
    at_stage: dict[int, list[Organization]] = {}
    for link in StageOffice.objects.filter(
        stage__in={r.stage_id for r in coordinating}
    ).select_related("organization"):
        at_stage.setdefault(link.stage_id, []).append(link.organization)
    decided = set(
        OfficeDecision.objects.filter(route__in=coordinating).values_list(
            "route_id", "round", "office_id"
        )
    )
    staffed: dict[str, list[str]] = {roles.COORDINATOR: [], roles.APPROVAL_AUTHORITY: []}
    for role, path in (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=staffed, profile__member_of__isnull=False)
        .values_list("groups__name", "profile__member_of__path")
    ):
        staffed[role].append(path)

    def nobody(office: Organization, role: str) -> bool:
        return not any(path.startswith(office.path) for path in staffed[role])

    found: dict[int, list[Organization]] = {}
    for route in routes:
        authority = route.template.approval_authority
        if route.status == Route.Status.AWAITING_APPROVAL and authority is not None:
            found[route.pk] = [authority] if nobody(authority, roles.APPROVAL_AUTHORITY) else []
            continue
        pending = at_stage.get(route.stage_id or 0, []) if route in coordinating else []
        found[route.pk] = [
            office
            for office in pending
            if (route.pk, route.round, office.pk) not in decided
            and nobody(office, roles.COORDINATOR)
        ]
    return found


def act_refusal(
    initiative: Initiative, route: Route | None, user: roles.User, office: Organization, round_: int
) -> str | None:
    """Why this person may not decide for this office now (the policy's
    `offices_to_decide` says whether), or None."""
    mine = offices_to_decide(user, route) if route is not None and round_ == route.round else []
    if any(o.pk == office.pk for o in mine):
        return None
    if route is None or route.status != Route.Status.COORDINATING:
        return "This IDD is not waiting for any office's coordination now."
    if round_ != route.round:
        return STALE
    if not route.stage.offices.filter(organization=office).exists():  # type: ignore[union-attr]
        return f"{office} does not coordinate at this stage."
    if not acts_for(user, office):
        return f"You act only for the office you belong to: not for {office}."
    if not may(user, "coordinate", initiative):
        return f"Only a coordinator of {office} who is not on the IDD's team decides for it."
    earlier = route.decisions.filter(round=route.round, office=office).first()
    if earlier is not None:
        return (
            f"{office} has already decided at this stage: {earlier.signed_as}, "
            f"{earlier.get_outcome_display().lower()}. Nothing was recorded."
        )
    return f"You may not decide for {office} now."


# --- Deciding ------------------------------------------------------------------------------


@transaction.atomic
def decide(
    initiative: Initiative,
    user: roles.User,
    office: Organization,
    outcome: str,
    comment: str = "",
    *,
    round_: int,
    base_url: str = "",
) -> OfficeDecision:
    """One office's decision at the stage in hand. The stage completes once every office
    concurred; a non-concurrence returns the IDD to its planners with the reason."""
    comment = comment.strip()
    if outcome == Outcome.NON_CONCUR and not comment:
        raise RefusedTransition(REASON_REQUIRED)
    if outcome == Outcome.CONCUR_WITH_COMMENT and not comment:
        raise RefusedTransition(COMMENT_REQUIRED)
    if outcome not in Outcome.values:
        raise RefusedTransition("Choose concur, concur with comment or non-concur.")
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    route = open_route(locked, lock=True)
    if refusal := act_refusal(locked, route, user, office, round_):
        raise RefusedTransition(refusal)
    assert route is not None and route.stage is not None
    latest = submissions.latest(locked)
    try:
        with transaction.atomic():  # a second tab's insert, should it get this far
            decision = OfficeDecision.objects.create(
                route=route,
                stage=route.stage,
                round=route.round,
                office=office,
                outcome=outcome,
                comment=comment if outcome != Outcome.CONCUR else "",
                decided_by=cast("User", user),
                signed_as=roles.display_name(user),  # type: ignore[arg-type]
                job_title=_job_title(user),
                revision=route.revision,
                submission_sequence=latest.sequence if latest else None,
            )
    except IntegrityError:
        raise RefusedTransition(f"{office} has already decided at this stage.") from None
    if outcome == Outcome.NON_CONCUR:
        _return(locked, route, user, decision, base_url)
    elif not pending_offices(route):
        _next(locked, route, user)
    return decision


def _job_title(user: roles.User) -> str:
    profile = roles.profile_of(user)  # type: ignore[arg-type]
    return profile.job_title if profile else ""


def _return(locked, route: Route, user, decision: OfficeDecision, base_url: str) -> None:
    # Stored as the office wrote it (the screens name the office, `office_decision`); the
    # e-mail, which has no such place, says who.
    said = f"{decision.office} did not concur: {decision.comment}"
    if route.forwarded:  # after approval: the planners answer it in the next revision
        route.status = Route.Status.NOT_CONCURRED
        route.save()
        _save(locked, user, f"Not concurred by {decision.office}")
        review._notify(locked, "request_changes", user, review._team(locked), reason=said)
        return
    route.status = Route.Status.RETURNED
    route.save()
    locked.request_changes()
    _save(locked, user, f"Returned to the planners: {decision.office} non-concurred")
    decision.returned_as = ReviewDecision.objects.create(
        initiative=locked,
        revision=locked.revision,
        reviewer=user,
        outcome=ReviewDecision.Outcome.CHANGES_REQUESTED,
        reason=decision.comment,
    )
    decision.save(update_fields=["returned_as"])
    review._notify(
        locked, "request_changes", user, review._team(locked), reason=said, base_url=base_url
    )


def _next(locked, route: Route, user) -> None:
    """Every office concurred: the next stage, or the approval authority after the last."""
    following = (
        route.template.stages.filter(position__gt=route.stage.position).order_by("position").first()  # type: ignore[union-attr]
    )
    if following is not None:
        _start_stage(route, following)
        return
    route.status = Route.Status.AWAITING_APPROVAL
    route.reached_approval = True
    route.stage = None
    route.suspense = None
    route.save()
    _queue_reminders()


# --- Approving and forwarding ----------------------------------------------------------------


def approve_refusal(initiative: Initiative, route: Route | None, user: roles.User) -> str | None:
    """Why this person may not approve now (the policy's `may_approve` says whether), or None."""
    if route is not None and may_approve(user, route):
        return None
    if route is None or route.status != Route.Status.AWAITING_APPROVAL:
        return "This IDD is not waiting for an approval authority now."
    authority = route.template.approval_authority
    if authority is None or not acts_for(user, authority):
        return f"Only the approval authority of {authority or 'the route'} approves it."
    return (
        f"Only a person with the approval authority role in {authority}, "
        "not on the IDD's team, approves it."
    )


@transaction.atomic
def approve(
    initiative: Initiative, user: roles.User, remarks: str = "", *, base_url: str = ""
) -> Revision | None:
    """The approval authority approves once every stage concurred: the command's route
    freezes the revision (as a reviewer's approval does); DSCA's records its approval."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    route = open_route(locked, lock=True)
    if refusal := approve_refusal(locked, route, user):
        raise RefusedTransition(refusal)
    assert route is not None
    route.status = Route.Status.APPROVED
    route.approved_by = user  # type: ignore[assignment]
    route.approved_at = timezone.now()
    route.approved_as = roles.display_name(user)  # type: ignore[arg-type]
    route.approved_job_title = _job_title(user)
    route.approval_remarks = remarks.strip()
    route.save()
    if route.forwarded:
        _save(locked, user, f"Approved for {route.template.approval_authority} (forwarded route)")
        return None
    locked.approve()
    _save(locked, user, review.change_reason("approve"))
    return review.freeze(locked, user, remarks, base_url=base_url)


SEND_BACK_REASON_REQUIRED = "Say what the planners must change: they read this reason first."
FORWARDED_NOT_RETURNED = (
    "A forwarded revision is already approved by the command: it is not returned to the "
    "planners from here. Approve it, or ask an office of {organization} to non-concur "
    "with the reason."
)


def first_stage(route: Route) -> RouteStage | None:
    return route.template.stages.order_by("position").first()


@transaction.atomic
def send_back(
    initiative: Initiative, user: roles.User, reason: str, *, base_url: str = ""
) -> Route:
    """The approval authority returns the IDD to its planners instead of approving, with
    the reason (a request for changes, as a reviewer's). Every office concurred on what
    the planners now change, so on resubmission the route starts again at its first
    stage: each office coordinates on the changed IDD (seeing what changed since it
    concurred) before the authority is asked again. The safest of the choices: no
    concurrence given on the earlier text carries forward to an approval."""
    reason = reason.strip()
    if not reason:
        raise RefusedTransition(SEND_BACK_REASON_REQUIRED)
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    route = open_route(locked, lock=True)
    if refusal := approve_refusal(locked, route, user):
        raise RefusedTransition(refusal)
    assert route is not None
    if route.forwarded:
        raise RefusedTransition(
            FORWARDED_NOT_RETURNED.format(organization=route.template.organization)
        )
    locked.request_changes()
    _save(locked, user, "Returned to the planners by the approval authority")
    # Its stages stay done, their decisions standing, until the planners resubmit.
    route.status = Route.Status.RETURNED
    route.returned_from_approval = ReviewDecision.objects.create(
        initiative=locked,
        revision=locked.revision,
        reviewer=cast("User", user),  # signed in: the policy allowed it
        outcome=ReviewDecision.Outcome.CHANGES_REQUESTED,
        reason=reason,
    )
    route.save()
    review._notify(
        locked, "request_changes", user, review._team(locked), reason=reason, base_url=base_url
    )
    return route


NO_OUTSIDE_ROUTE = (
    "No organization outside the command (DSCA) keeps a route to forward it on: "
    "ask an administrator to add DSCA's route."
)


def forwarded_route(initiative: Initiative) -> Route | None:
    """The route the revision in hand was forwarded on (to DSCA), if it was."""
    return (
        Route.objects.filter(initiative=initiative, forwarded=True, revision=initiative.revision)
        .exclude(status=Route.Status.STOPPED)
        .select_related("template__organization", "template__approval_authority")
        .first()
    )


def forward_refusal(initiative: Initiative, user: roles.User) -> str | None:
    """Why this person may not forward the IDD now, in words, or None."""
    if initiative.status != S.APPROVED:
        return "Only an approved IDD is forwarded."
    if not may(user, "forward", initiative):
        return "Only its planners, or the approval authority who approved it, forward it."
    earlier = forwarded_route(initiative)
    if earlier is not None:
        return (
            f"Revision {initiative.revision} was already forwarded to "
            f"{earlier.template.organization} on "
            f"{dateformat.format(timezone.localtime(earlier.started_at), 'j M Y')}."
        )
    if open_route(initiative) is not None:
        return "This IDD is already on a route."
    if not outside_templates(initiative).exists():
        return NO_OUTSIDE_ROUTE
    return None


@transaction.atomic
def forward(
    initiative: Initiative, user: roles.User, template_id: int | str | None = None
) -> Route:
    """Send the approved revision on to an organization outside the command (DSCA), on
    its default route: its offices coordinate and its approval authority approves."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if refusal := forward_refusal(locked, user):
        raise RefusedTransition(refusal)
    outside = list(outside_templates(locked))
    template = next((t for t in outside if str(t.pk) == str(template_id)), None)
    if template is None and template_id in (None, "") and len(outside) == 1:
        template = outside[0]
    if template is None:
        raise RefusedTransition("Choose the organization to forward it to.")
    if refusal := template.refusal():
        raise RefusedTransition(f"{refusal} Ask an administrator to complete it.")
    route = _start(locked, user, template, forwarded=True)
    _save(locked, user, f"Forwarded to {template.organization}")
    return route


# --- The record -----------------------------------------------------------------------------


def in_hands_of(office: Organization) -> QuerySet[Route]:
    """Open routes whose stage in hand (or approval) waits on this office."""
    return Route.objects.filter(
        Q(status=Route.Status.COORDINATING, stage__offices__organization=office)
        | Q(status=Route.Status.AWAITING_APPROVAL, template__approval_authority=office)
    ).distinct()
