"""The one access policy (issue 27, ADR 0025): who may do what to an initiative.

Every "may this person do X to this initiative" question is asked here, by views,
services, templates and the workflow's transitions. Two rules come first, in this order:

1. **Need to know** (`readable`): a person reads the initiatives owned within their
   organization's subtree, and (once staffing routes exist) those routed to their office
   (`routed_to_office`). Anything else is not found (404), never refused (403): a refusal
   would tell that it exists.
2. **What they may do to one they read**: the table `RULES`, as data. An action is allowed
   when one of its rules matches: the role the person holds, who they are to the
   initiative (on its team, its owner, outside its team, anyone) and its status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import F, Q, QuerySet

from idd.models.organization import Organization, organization_of
from idd.reference import roles
from idd.reference.choices import InitiativeStatus as S

if TYPE_CHECKING:
    from idd.models.initiative import Initiative
    from idd.models.partner import Partner
    from idd.models.staffing import Route


# --- 1. Need to know ------------------------------------------------------------------------


def routed_to_office(organization: Organization) -> Q:
    """Initiatives currently or previously routed to this office (or to one above it): every
    office of a stage its route reached, and the approval authority's once the route
    reached approval (idd.models.staffing). One subquery."""
    # By name: the staffing models import the initiative, which imports this module.
    route_model = apps.get_model("idd", "Route")
    offices = organization.ancestor_keys()
    routes = route_model.objects.filter(
        Q(
            template__stages__offices__organization__in=offices,
            template__stages__position__lte=F("reached"),
        )
        | Q(template__approval_authority__in=offices, reached_approval=True)
    )
    return Q(pk__in=routes.values("initiative_id"))


def offices_routed(initiative: Initiative) -> list[int]:
    """The same hook seen from the initiative: the offices it is or was routed to (their
    keys): those of every stage its routes reached, and each approval authority reached."""
    office_model = apps.get_model("idd", "StageOffice")
    template_model = apps.get_model("idd", "RouteTemplate")
    stages = office_model.objects.filter(
        stage__template__routes__initiative=initiative,
        stage__position__lte=F("stage__template__routes__reached"),
    ).values_list("organization_id", flat=True)
    authorities = template_model.objects.filter(
        routes__initiative=initiative, routes__reached_approval=True
    ).values_list("approval_authority_id", flat=True)
    return sorted({*stages, *(pk for pk in authorities if pk is not None)})


def readers_of(initiative: Initiative) -> Q:
    """The filter on users who may read this initiative (`readable` the other way round):
    in its owning organization or above it, or in an office it was routed to. For
    whom to tell: an e-mail names the initiative."""
    keys = initiative.organization.ancestor_keys() + offices_routed(initiative)
    return Q(profile__member_of__in=keys)


def readable(user: roles.User) -> Q:
    """The filter on initiatives this person may read: owned within their organization's
    subtree, or routed to it. Nothing without a role or an organization."""
    organization = organization_of(user) if roles.has_any_role(user) else None
    if organization is None:
        return Q(pk__in=[])
    subtree = Organization.objects.within(organization).values("pk")
    return Q(organization__in=subtree) | routed_to_office(organization)


def may_read(user: roles.User, initiative: Initiative) -> bool:
    """`readable` asked of one initiative (one query, remembered on it for this user)."""
    if not initiative.pk:
        return False
    known: dict = initiative.__dict__.setdefault("_readable_by", {})
    if user.pk not in known:
        model = type(initiative)
        known[user.pk] = model.objects.filter(readable(user), pk=initiative.pk).exists()
    return bool(known[user.pk])


def remember_readable(user: roles.User, initiatives: Iterable[Initiative]) -> None:
    """Ask `may_read` of many initiatives in one query, for a list that asks `may` of each."""
    found = {i.pk: i for i in initiatives if i.pk}
    if not found:
        return
    model = type(next(iter(found.values())))
    readable_keys = set(
        model.objects.filter(readable(user), pk__in=found).values_list("pk", flat=True)
    )
    for pk, initiative in found.items():
        initiative.__dict__.setdefault("_readable_by", {})[user.pk] = pk in readable_keys


# --- 2. What a reader may do ----------------------------------------------------------------


class Who(Enum):
    ANYONE = "anyone who reads it"
    TEAM = "its owner and team members"
    OWNER = "its owner"
    OUTSIDE_TEAM = "anyone not on its team"  # nobody reviews their own IDD
    # Not on its team, in the office whose approval authority approved the revision in
    # hand on the command's staffing route (or under it).
    APPROVING_OFFICE = "the office that approved it on its route"


EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
OPEN_FOR_COMMENTS = frozenset({S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED})
ANY_STATUS: frozenset[str] = frozenset(S.values)


@dataclass(frozen=True)
class Rule:
    role: str
    who: Who
    statuses: frozenset[str] = ANY_STATUS


# The workflow's transitions check their own source statuses (idd.models.workflow): their
# rules here say only who takes them.
RULES: dict[str, tuple[Rule, ...]] = {
    "edit": (Rule(roles.PLANNER, Who.TEAM, EDITABLE),),
    "record": (Rule(roles.PLANNER, Who.TEAM, ANY_STATUS - {S.WITHDRAWN}),),
    "delete": (Rule(roles.PLANNER, Who.OWNER),),
    "copy": (Rule(roles.PLANNER, Who.ANYONE),),
    "comment": (
        Rule(roles.REVIEWER, Who.OUTSIDE_TEAM, OPEN_FOR_COMMENTS),
        Rule(roles.PLANNER, Who.TEAM, OPEN_FOR_COMMENTS),
    ),
    "resolve": (Rule(roles.PLANNER, Who.TEAM, OPEN_FOR_COMMENTS),),
    "take a team step": (Rule(roles.PLANNER, Who.TEAM),),  # submit, resubmit, revise
    "take the owner's step": (Rule(roles.PLANNER, Who.OWNER),),  # withdraw
    "review": (Rule(roles.REVIEWER, Who.OUTSIDE_TEAM),),  # start, approve, return
}

# --- Staffing routes (issue 27, items 4-6; idd.services.staffing) ---------------------------
# The command staffs an IDD in review; DSCA's route follows the approval. Who may act on a
# route now (which office's decision, the approval) is `offices_to_decide` and
# `may_approve` below: these rules and the route's state.
ON_A_ROUTE = frozenset({S.IN_REVIEW, S.APPROVED})
RULES |= {
    # Those staffing it comment on its sections as reviewers do, while comments are open.
    "comment": RULES["comment"]
    + (
        Rule(roles.COORDINATOR, Who.OUTSIDE_TEAM, OPEN_FOR_COMMENTS),
        Rule(roles.APPROVAL_AUTHORITY, Who.OUTSIDE_TEAM, OPEN_FOR_COMMENTS),
    ),
    "coordinate": (Rule(roles.COORDINATOR, Who.OUTSIDE_TEAM, ON_A_ROUTE),),
    "approve on a route": (Rule(roles.APPROVAL_AUTHORITY, Who.OUTSIDE_TEAM, ON_A_ROUTE),),
    # The planners, or the approval authority who approved it: the next step is theirs.
    "forward": (
        Rule(roles.PLANNER, Who.TEAM, frozenset({S.APPROVED})),
        Rule(roles.APPROVAL_AUTHORITY, Who.APPROVING_OFFICE, frozenset({S.APPROVED})),
    ),
}


def _is(who: Who, user: roles.User, initiative: Initiative) -> bool:
    if who is Who.ANYONE:
        return True
    if who is Who.OWNER:
        return initiative.owner_id == user.pk
    member = initiative.is_member(user)
    if who is Who.APPROVING_OFFICE:
        return not member and _in_approving_office(user, initiative)
    return member if who is Who.TEAM else not member


def _in_approving_office(user: roles.User, initiative: Initiative) -> bool:
    route_model = apps.get_model("idd", "Route")  # by name: see routed_to_office
    approved = route_model.objects.filter(
        initiative=initiative,
        forwarded=False,
        status=route_model.Status.APPROVED,
        revision=initiative.revision,
    ).values_list("template__approval_authority", flat=True)
    return any(acts_for(user, pk) for pk in approved if pk is not None)


def may(user: roles.User, action: str, initiative: Initiative) -> bool:
    """Whether this person may take `action` (a key of RULES, or "read") on the initiative."""
    if not may_read(user, initiative):
        return False
    if action == "read":
        return True
    return any(
        roles.has_role(user, rule.role)
        and initiative.status in rule.statuses
        and _is(rule.who, user, initiative)
        for rule in RULES[action]
    )


# --- Who may act on a staffing route now ------------------------------------------------------
# The one answer the dashboard's "Awaiting my office", the route panel, its forms and the
# services (`staffing.act_refusal`, `staffing.approve_refusal`) all ask.


def acts_for(user: roles.User, office: Organization | int) -> bool:
    """The person belongs to the office (or to an office under it); the office or its key."""
    own = organization_of(user)
    key = office if isinstance(office, int) else office.pk
    return own is not None and key in own.ancestor_keys()


def offices_to_decide(user: roles.User, route: Route) -> list[Organization]:
    """The offices of the stage in hand this person may decide for now: those that have
    not decided in this round, which the person acts for, as a coordinator the
    policy lets coordinate (not on the IDD's team)."""
    if route.status != route.Status.COORDINATING or not may(user, "coordinate", route.initiative):
        return []
    return [office for office in route.pending_offices() if acts_for(user, office)]


def may_approve(user: roles.User, route: Route) -> bool:
    """The route awaits its approval, and this person holds the approval authority role in
    the approving office (or under it), not on the IDD's team. A coordinator of that office
    reads that it awaits approval; they never get a button that would be refused."""
    authority = route.template.approval_authority
    return (
        route.status == route.Status.AWAITING_APPROVAL
        and authority is not None
        and acts_for(user, authority)
        and may(user, "approve on a route", route.initiative)
    )


def may_create(user: roles.User) -> bool:
    """Planners who belong to an organization (the new initiative becomes its)."""
    return roles.is_planner(user) and organization_of(user) is not None


# --- Organizations ---------------------------------------------------------------------------


def managed_by(user: roles.User) -> Organization | None:
    """The top of the subtree this administrator manages: their own organization (all of
    them for a superuser, shown as None with `manages_all`)."""
    if not roles.has_role(user, roles.ADMINISTRATOR):
        return None
    return organization_of(user)


def manages_all(user: roles.User) -> bool:
    return bool(getattr(user, "is_superuser", False))


def may_manage(user: roles.User, organization: Organization) -> bool:
    """An administrator manages their own organization's subtree, not another's."""
    if manages_all(user):
        return True
    top = managed_by(user)
    return top is not None and top.contains(organization)


def may_keep(user: roles.User, partner: Partner) -> bool:
    """A partner nation and its units are managed by the administrators who manage the
    command keeping it (`Partner.kept_by`); one no command keeps, by superusers only."""
    if manages_all(user):
        return True
    return partner.kept_by is not None and may_manage(user, partner.kept_by)


def kept_partners(user: roles.User) -> QuerySet[Partner]:
    """`may_keep` for many: the partner nations this person keeps (one query)."""
    partners = apps.get_model("idd", "Partner").objects
    if manages_all(user):
        return partners.all()
    top = managed_by(user)
    if top is None:
        return partners.none()
    return partners.filter(kept_by__path__startswith=top.path)
