"""The people of an organization, managed in the product (issue 27): an administrator adds
an account to an organization of their subtree (an account that belongs nowhere yet, or a
person of their subtree), moves a person within their subtree and sets their roles there.
Who may is `idd.models.access.may_manage`; people outside it are not found (404).

A change is refused, with a message and nothing changed, when the page was stale (someone
changed the person since it was opened: `State.token`), or when an administrator would
take away their own administration and leave their organization with no administrator.
Before a move, or any change that would leave an IDD on a route with nobody able to act
for an office (`stranded`), the administrator confirms it, having read what it does.
Each change is an administrator action in the audit log; the signals of
`idd.services.audit_receivers` add the organization and role changes themselves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from idd.models import Organization, Profile
from idd.models.access import managed_by, manages_all, may_manage, may_read
from idd.models.staffing import Route
from idd.reference import roles
from idd.services import audit
from idd.services.organizations import NOT_AN_ADMINISTRATOR

ROLES = roles.ROLES_OFFERED
NO_SUCH_PERSON = "There is no such person among those you manage."
STALE = (
    "{name} was changed by someone else after you opened this page: now {now}. Nothing "
    "was changed. Read the person's organization and roles again and make your change."
)
LAST_ADMINISTRATOR = (
    "You are the only administrator of {organization}: {what} would leave it with nobody "
    "to manage its people and staffing routes. Nothing was changed. Make someone else an "
    "administrator of {organization} first."
)


class Refused(Exception):
    @property
    def message(self) -> str:
        return str(self.args[0])


# --- Whom an administrator manages ---------------------------------------------------------


def _without_organization() -> Q:
    return Q(profile__isnull=True) | Q(profile__member_of__isnull=True)


def managed_people(user: roles.User) -> QuerySet[User]:
    """The accounts this administrator manages: those of their subtree, and those that
    belong nowhere yet (to add). A superuser's account is the site administrators' own."""
    people = User.objects.all()
    if manages_all(user):
        return people
    top = managed_by(user)
    if top is None:
        return people.none()
    within = Q(profile__member_of__path__startswith=top.path)
    return people.filter(within | _without_organization()).exclude(is_superuser=True)


def person(user: roles.User, pk: int) -> User:
    """One account this administrator manages; 404 otherwise, as if it did not exist."""
    if not roles.has_role(user, roles.ADMINISTRATOR):
        raise PermissionDenied(NOT_AN_ADMINISTRATOR)
    found = managed_people(user).select_related("profile__member_of").filter(pk=pk).first()
    if found is None:
        raise Http404(NO_SUCH_PERSON)
    return found


def candidates(user: roles.User, organization: Organization) -> list[User]:
    """Accounts to add to `organization`: active ones that belong nowhere yet, or to
    another organization this administrator manages."""
    found = (
        managed_people(user)
        .filter(is_active=True)
        .exclude(profile__member_of=organization)
        .select_related("profile__member_of")
        .order_by("last_name", "first_name", "username")
    )
    return list(found)


def done_words(person: User, organization: Organization, held: tuple[str, ...]) -> str:
    """ "GS-13 Sam Whitfield is now in J8 as a coordinator and a reviewer." """
    named = [f"{'an' if r[0].lower() in 'aeiou' else 'a'} {r.lower()}" for r in held]
    if len(named) > 1:
        named = [", ".join(named[:-1]) + " and " + named[-1]]
    as_ = f"as {named[0]}" if named else "with no role"
    return f"{roles.display_name(person)} is now in {organization.name} {as_}."


def role_names(person: User) -> list[str]:
    held = set(person.groups.values_list("name", flat=True))
    return [role for role in ROLES if role in held]


# --- What a change is ------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """A person as the page shows them; its `token` travels with the form."""

    organization: Organization | None
    roles: tuple[str, ...]

    @property
    def token(self) -> str:
        key = self.organization.pk if self.organization else ""
        return hashlib.sha256(f"{key}|{'|'.join(self.roles)}".encode()).hexdigest()[:20]

    def words(self) -> str:
        where = self.organization.name if self.organization else "in no organization"
        held = ", ".join(r.lower() for r in self.roles) or "no role"
        return f"{where}, {held}"


def state_of(person: User) -> State:
    profile = roles.profile_of(person)
    return State(profile.member_of if profile else None, tuple(role_names(person)))


@dataclass(frozen=True)
class Stranded:
    """An IDD on a route that would wait for an office with nobody able to act for it."""

    route: Route
    office: Organization
    title: str  # the IDD's title, or words that do not name it (no need to know)

    def words(self) -> str:
        return (
            f"Nobody could act for {self.office.name} on {self.title}, which waits for "
            f"{self.office.name} now: it would stay there until an administrator adds "
            f"someone with the role to {self.office.name}."
        )


@dataclass
class Change:
    person: User
    before: State
    after: State
    stranded: list[Stranded] = field(default_factory=list)

    @property
    def moving(self) -> bool:
        return self.before.organization is not None and self.before.organization != (
            self.after.organization
        )

    @property
    def needs_confirmation(self) -> bool:
        return self.moving or bool(self.stranded)

    @property
    def added_roles(self) -> list[str]:
        return [r for r in self.after.roles if r not in self.before.roles]

    @property
    def removed_roles(self) -> list[str]:
        return [r for r in self.before.roles if r not in self.after.roles]


def _acts(state: State, office: Organization, role: str) -> bool:
    return (
        role in state.roles
        and state.organization is not None
        and office.contains(state.organization)
    )


def stranded(admin: roles.User, person: User, before: State, after: State) -> list[Stranded]:
    """The open routes waiting for an office that `person` acts for now and would not after
    the change, with nobody else active able to act for it (idd.services.staffing's
    `unstaffed`, asked before the change)."""
    if before.organization is None:
        return []
    offices = before.organization.ancestor_keys()
    waiting = (
        Route.objects.filter(
            Q(status=Route.Status.COORDINATING, stage__offices__organization__in=offices)
            | Q(status=Route.Status.AWAITING_APPROVAL, template__approval_authority__in=offices)
        )
        .distinct()
        .select_related("initiative", "template__approval_authority")
    )
    found = []
    for route in waiting:
        if route.status == Route.Status.AWAITING_APPROVAL:
            needed = [(route.template.approval_authority, roles.APPROVAL_AUTHORITY)]
        else:
            pending = route.pending_offices()
            needed = [(o, roles.COORDINATOR) for o in pending if o.pk in offices]
        for office, role in needed:
            if office is None or not _acts(before, office, role) or _acts(after, office, role):
                continue
            others = User.objects.filter(
                is_active=True, groups__name=role, profile__member_of__path__startswith=office.path
            ).exclude(pk=person.pk)
            if not others.exists():
                readable = may_read(admin, route.initiative)
                title = (
                    f"“{route.initiative.title}”"
                    if readable
                    else "an IDD outside your need to know"
                )
                found.append(Stranded(route, office, title))
    return found


# --- Making it ---------------------------------------------------------------------------------


def plan(
    admin: roles.User,
    person: User,
    organization: Organization,
    chosen: list[str],
    seen: str | None,
) -> Change:
    """What setting `person` in `organization` with the roles `chosen` would do, from a page
    that showed them as `seen` (its token; None from the form that adds someone, which
    shows no state: a move it makes is confirmed on a page that has one).
    Refused if the page is stale, or if it takes away the last administration."""
    before = state_of(person)
    if seen is not None and before.token != seen:
        raise Refused(STALE.format(name=roles.display_name(person), now=before.words()))
    after = State(organization, tuple(r for r in ROLES if r in chosen))
    change = Change(person, before, after, stranded(admin, person, before, after))
    if refusal := _last_administrator(admin, change):
        raise Refused(refusal)
    return change


def _last_administrator(admin: roles.User, change: Change) -> str | None:
    """Why an administrator may not take away their own administration, or None."""
    before, after = change.before, change.after
    if change.person.pk != admin.pk or roles.ADMINISTRATOR not in before.roles:
        return None
    top, now = before.organization, after.organization
    # Still administering it: from it, or from an organization above it.
    if top is None or (
        roles.ADMINISTRATOR in after.roles and now is not None and now.contains(top)
    ):
        return None
    others = User.objects.filter(
        is_active=True,
        groups__name=roles.ADMINISTRATOR,
        profile__member_of__in=top.ancestor_keys(),
    ).exclude(pk=admin.pk)
    if others.exists():
        return None
    what = "moving yourself" if change.moving else "removing your administrator role"
    return LAST_ADMINISTRATOR.format(organization=top.name, what=what)


@transaction.atomic
def apply(
    request: HttpRequest, person_pk: int, organization: Organization, chosen: list[str], seen: str
) -> Change:
    """Set the person's organization and roles, as planned from the page whose state was
    `seen` (its token)."""
    admin = request.user
    if not may_manage(admin, organization):
        raise Http404("There is no such organization among those you manage.")
    person(admin, person_pk)  # still one they manage
    locked = User.objects.select_for_update().get(pk=person_pk)
    change = plan(admin, locked, organization, chosen, seen)
    profile, _ = Profile.objects.get_or_create(user=locked)
    if profile.member_of_id != organization.pk:
        profile.member_of = organization
        profile.save(update_fields=["member_of"])
    groups = {g.name: g for g in Group.objects.filter(name__in=ROLES)}
    for name in change.added_roles:
        locked.groups.add(groups.get(name) or Group.objects.create(name=name))
    if change.removed_roles:
        locked.groups.remove(*[groups[name] for name in change.removed_roles])
    audit.record(
        request,
        audit.Event.ADMIN_ACTION,
        obj=locked,
        action="person's organization and roles set",
        organization=[
            change.before.organization.full_name() if change.before.organization else None,
            organization.full_name(),
        ],
        roles=[list(change.before.roles), list(change.after.roles)],
        left_without_anyone=[f"{s.office.name}: route {s.route.pk}" for s in change.stranded],
    )
    return change
