"""The review workflow's operations: one plain function per transition.

Each function locks the initiative, checks that this user may take the transition now
(state, role and membership, conditions), takes it, records who and when (the history
record carries the user and the transition as its change reason), records the
reviewer's decision where there is one, stores the IDD as submitted on each
(re)submission (`idd.services.submissions`), freezes the revision on approval (its PDF is
rendered once that commits, never while the initiative is locked), and e-mails
the people who must act next once the transaction commits. A refused transition raises
`RefusedTransition` with a message for the user and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from idd.document.completeness import missing_parts
from idd.document.shape import Document
from idd.document.snapshot import load, snapshot
from idd.export import offered_kinds, revision_pdf, revision_pdf_name
from idd.models import Initiative, ReviewDecision, Revision
from idd.models.access import readers_of
from idd.models.staffing import Route
from idd.models.workflow import AWAITING_REVIEW
from idd.reference import roles
from idd.reference.choices import InitiativeStatus
from idd.services import plan_warnings, submissions
from idd.services.summaries import refresh_summary
from idd.tasks import queue_pdf_render
from idd.tasks import store_revision_pdf as store_revision_pdf_task

# The transitions, in the order the screens offer them.
TRANSITIONS = (
    "submit",
    "resubmit",
    "start_review",
    "request_changes",
    "approve",
    "start_revision",
    "withdraw",
)
REASON_REQUIRED = "Say what needs to change: the planners read this reason first."
FORWARDED_OPEN = (
    "This revision is forwarded and its route is still open: start the next revision once "
    "it is decided."
)
# A reviewer's steps, which a staffing route takes instead (idd.services.staffing).
REVIEWER_STEPS = ("start_review", "request_changes", "approve")
ON_A_ROUTE = (
    "This IDD is being staffed on a route: its offices coordinate and its approval "
    "authority approves it (see the route on the review page)."
)

logger = logging.getLogger(__name__)


class RefusedTransition(Exception):
    """The user may not take this transition now. Nothing was changed."""

    @property
    def message(self) -> str:
        return str(self.args[0])


def words(name: str) -> dict[str, str]:
    """The transition's words (label, what it did, who may take it), from its declaration."""
    declared = getattr(Initiative, name)._django_fsm.transitions.values()
    return next(iter(declared)).custom


def change_reason(name: str) -> str:
    """What the History tab says the transition did: "Submitted for review"."""
    done = words(name)["done"]
    return done[0].upper() + done[1:]


def step_refusal(initiative: Initiative, user: roles.User, name: str) -> str | None:
    """Why this user may not take the transition now, or None when they may."""
    if name not in TRANSITIONS:
        return "There is no such step in the review workflow."
    method = getattr(initiative, name)
    if not can_proceed(method, check_conditions=False):
        return (
            f"This IDD is {initiative.get_status_display().lower()}: "
            f"it cannot be {words(name)['done']} now."
        )
    if not method._django_fsm.has_transition_perm(initiative, initiative.status, user):
        return words(name)["who"]
    if name in REVIEWER_STEPS and on_a_route(initiative):
        return ON_A_ROUTE
    if (
        name == "start_revision"
        and Route.objects.filter(
            initiative=initiative, forwarded=True, status__in=Route.OPEN
        ).exists()
    ):
        return FORWARDED_OPEN
    if words(name).get("needs_complete") and (missing := missing_parts(initiative)):
        return f"The IDD is not complete yet. Still to fill in: {'; '.join(missing)}."
    return None


def on_a_route(initiative: Initiative) -> bool:
    """Its command staffs it on a route (an open one, not sent on to DSCA)."""
    return Route.objects.filter(
        initiative=initiative, forwarded=False, status__in=Route.OPEN
    ).exists()


def allowed(initiative: Initiative, user: roles.User) -> list[str]:
    """The transitions this user may take now, in screen order."""
    return [name for name in TRANSITIONS if step_refusal(initiative, user, name) is None]


def _take(initiative: Initiative, user: roles.User, name: str) -> tuple[Initiative, str]:
    """Lock the initiative, check, take the transition and save. Returns it and its old status.

    Taking a transition moves the optimistic-lock version on, so an edit opened before
    it (say, in another tab before submitting) is refused as stale, not written.
    """
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    reason = step_refusal(locked, user, name)
    if reason:
        raise RefusedTransition(reason)
    before = locked.status
    getattr(locked, name)()
    locked.version += 1
    locked._history_user = user
    locked._change_reason = change_reason(name)
    locked.save()
    queue_pdf_render(locked)
    refresh_summary(locked)
    return locked, before


# --- Who hears about it -------------------------------------------------------------------


def _team(initiative: Initiative) -> list:
    return [initiative.owner, *initiative.team_members.all()]


def _reviewers(initiative: Initiative) -> Iterable:
    return (
        get_user_model()
        .objects.filter(groups__name=roles.REVIEWER, is_active=True)
        .select_related("profile")
        .exclude(pk__in=[u.pk for u in _team(initiative)])
    )


# Whom to tell, in words, when a transition's e-mail cannot be sent: set by the view
# around the service call (`telling`), read when the e-mail is queued.
_tell: ContextVar[Callable[[str], None] | None] = ContextVar("tell", default=None)


@contextmanager
def telling(tell: Callable[[str], None]) -> Iterator[None]:
    """`with review.telling(lambda text: messages.warning(request, text)): review.submit(...)`:
    if the e-mails cannot be sent, the user who acted is told so and whom to tell."""
    token = _tell.set(tell)
    try:
        yield
    finally:
        _tell.reset(token)


def _notify(
    initiative: Initiative,
    name: str,
    actor,
    recipients: Iterable,
    *,
    reason: str = "",
    base_url: str = "",
) -> None:
    """E-mail the recipients (not the actor) once the transaction commits.

    A failure to send never undoes the transition: it is logged, and the user who acted
    is told whom to tell themselves."""
    people = {u.email: u for u in recipients if u.email and u.pk != actor.pk}
    if people:  # only those with a need to know hear of it (idd.models.access)
        told = get_user_model().objects.filter(
            readers_of(initiative), pk__in=[u.pk for u in people.values()]
        )
        allowed = set(told.values_list("pk", flat=True))
        people = {email: u for email, u in people.items() if u.pk in allowed}
    if not people:
        return
    done = words(name)["done"]
    # One line whatever the title holds: a line break in a subject makes sending fail.
    subject = " ".join(f"{initiative.title}: {done}".split())
    body = render_to_string(
        "idd/review/email/transition.txt",
        {
            "initiative": initiative,
            "done": done,
            "actor": roles.display_name(actor),
            "reason": reason,
            "site": settings.SITE_NAME,
            "link": base_url.rstrip("/") + reverse("initiative_review", args=[initiative.pk]),
        },
    )
    message = EmailMessage(subject, body, to=sorted(people))
    names = ", ".join(sorted(roles.display_name(u) for u in people.values()))
    tell = _tell.get()

    def send() -> None:
        try:
            message.send()
        except Exception as error:
            logger.exception("Initiative %s: the %s e-mail could not be sent", initiative.pk, name)
            if tell:
                tell(
                    f"The IDD was {done}, but {names} could not be e-mailed ({error}). "
                    "Tell them yourself."
                )

    transaction.on_commit(send, robust=True)


# --- The transitions ----------------------------------------------------------------------


@transaction.atomic
def submit(
    initiative: Initiative,
    user: roles.User,
    *,
    base_url: str = "",
    acknowledged: str = "",
    tell_reviewers: bool = True,
) -> Initiative:
    """Hand the draft to the reviewers; with plan checks open, only once the planner has
    acknowledged them (`acknowledged`: the digest the confirmation showed). On a staffing
    route (`tell_reviewers=False`) its offices are told instead (idd.services.staffing)."""
    initiative, _ = _take(initiative, user, "submit")
    _record_submission(initiative, user, acknowledged)
    if tell_reviewers:
        _notify(initiative, "submit", user, _reviewers(initiative), base_url=base_url)
    return initiative


@transaction.atomic
def resubmit(
    initiative: Initiative,
    user: roles.User,
    *,
    base_url: str = "",
    acknowledged: str = "",
    tell_reviewers: bool = True,
) -> Initiative:
    initiative, _ = _take(initiative, user, "resubmit")
    _record_submission(initiative, user, acknowledged)
    if tell_reviewers:
        _notify(initiative, "resubmit", user, _reviewers(initiative), base_url=base_url)
    return initiative


def _record_submission(initiative: Initiative, user: roles.User, acknowledged: str) -> None:
    """Store what the reviewers receive, refused (the transition undone with it) while a
    plan check is open and not acknowledged as the planner read it."""
    doc = snapshot(load(initiative.pk))
    checks = plan_warnings.open_checks(doc)
    if refusal := plan_warnings.acknowledgement_refusal(checks, acknowledged):
        raise RefusedTransition(refusal)
    submissions.record(initiative, user, doc, [c.record() for c in checks])


@transaction.atomic
def start_review(initiative: Initiative, user: roles.User, *, base_url: str = "") -> Initiative:
    initiative, _ = _take(initiative, user, "start_review")
    _notify(initiative, "start_review", user, _team(initiative), base_url=base_url)
    return initiative


@transaction.atomic
def request_changes(initiative: Initiative, user, reason: str, *, base_url: str = "") -> Initiative:
    reason = reason.strip()
    if not reason:
        # Checked before anything is written; the database refuses it too.
        problem = step_refusal(initiative, user, "request_changes")
        raise RefusedTransition(problem or REASON_REQUIRED)
    initiative, _ = _take(initiative, user, "request_changes")
    ReviewDecision.objects.create(
        initiative=initiative,
        revision=initiative.revision,
        reviewer=user,
        outcome=ReviewDecision.Outcome.CHANGES_REQUESTED,
        reason=reason,
    )
    _notify(
        initiative,
        "request_changes",
        user,
        _team(initiative),
        reason=reason,
        base_url=base_url,
    )
    return initiative


UNPRINTABLE = (
    "This revision cannot be approved yet: its printed document cannot be produced from "
    "what is stored, and an approved revision must print for good. Nothing was approved. "
    "The error is logged for the support desk; ask the planners to check the indicators' "
    "values and dates."
)


def print_refusal(doc: Document) -> str | None:
    """Why the documents of this snapshot cannot be frozen: each must print (its HTML,
    every chart in it, a fraction of the PDF's cost) before it is approved. Once a baseline
    and target equal as floats broke a chart after approval: the revision's PDF was a 500
    for good while the page said it was being stored."""
    try:
        for kind in offered_kinds(doc):
            kind.html(doc)
    except Exception:
        logger.exception("Initiative %s does not print: approval refused", doc["meta"]["id"])
        return UNPRINTABLE
    return None


@transaction.atomic
def approve(initiative: Initiative, user, reason: str = "", *, base_url: str = "") -> Revision:
    """Approve and freeze: the snapshot of every section is stored for good, and its PDF
    right after the approval commits (`store_revision_pdf`). Refused (RefusedTransition)
    if the document does not print."""
    initiative, _ = _take(initiative, user, "approve")
    return freeze(initiative, user, reason, base_url=base_url)


def freeze(initiative: Initiative, user, reason: str = "", *, base_url: str = "") -> Revision:
    """The approval's record, once the `approve` transition is taken on the locked
    initiative (by a reviewer, or a route's approval authority): the decision, the frozen
    revision and its PDF, and the planners told."""
    ReviewDecision.objects.create(
        initiative=initiative,
        revision=initiative.revision,
        reviewer=user,
        outcome=ReviewDecision.Outcome.APPROVED,
        reason=reason.strip(),
    )
    approved_at = timezone.now()
    doc = snapshot(load(initiative.pk))
    # The revision being frozen belongs in its own revision history (same shape as the
    # snapshot's entries for earlier revisions).
    doc["revisions"].append(
        {
            "number": initiative.revision,
            "approved_by": roles.display_name(user),
            "approved_at": approved_at.isoformat(),
        }
    )
    if refusal := print_refusal(doc):  # raised inside the transaction: nothing is kept
        raise RefusedTransition(refusal)
    revision = Revision.objects.create(
        initiative=initiative,
        number=initiative.revision,
        snapshot=doc,
        # The name the PDF will be stored under; the file follows once this commits.
        pdf=revision_pdf_name(initiative.pk, initiative.revision, doc),
        approved_by=user,
        approved_at=approved_at,
    )
    store_revision_pdf(revision)
    _notify(initiative, "approve", user, _team(initiative), reason=reason, base_url=base_url)
    return revision


def store_revision_pdf(revision: Revision) -> None:
    """Once the approval commits, render and store the revision's PDF, outside the lock.

    Laying it out takes seconds (longer for a big IDD); the initiative stays locked only
    for the approval itself. Rendered in this process right after the commit, and queued
    to the worker too, in case this process stops first; whichever comes second, or a
    download in between, finds it stored (`idd.export.once`: one render).
    """
    revision_id = revision.pk

    def render_now() -> None:
        revision_pdf(Revision.objects.get(pk=revision_id))

    def queue() -> None:
        run_after = timezone.now() + timedelta(seconds=settings.PDF_RENDER_DELAY)
        store_revision_pdf_task.using(run_after=run_after).enqueue(revision_id)

    transaction.on_commit(queue, robust=True)
    transaction.on_commit(render_now, robust=True)


@transaction.atomic
def withdraw(initiative: Initiative, user: roles.User, *, base_url: str = "") -> Initiative:
    initiative, before = _take(initiative, user, "withdraw")
    Route.objects.filter(initiative=initiative, status__in=Route.OPEN).update(
        status=Route.Status.STOPPED
    )
    told = _team(initiative)
    if before in AWAITING_REVIEW:
        told += list(_reviewers(initiative))
    _notify(initiative, "withdraw", user, told, base_url=base_url)
    return initiative


@transaction.atomic
def start_revision(initiative: Initiative, user: roles.User, *, base_url: str = "") -> Initiative:
    """Reopen an approved IDD as the draft of revision N+1; revision N stays frozen."""
    initiative, _ = _take(initiative, user, "start_revision")
    _notify(initiative, "start_revision", user, _team(initiative), base_url=base_url)
    return initiative


def awaiting_review(reviewer) -> QuerySet[Initiative]:
    """IDDs this reviewer may review (not their own team's), the longest-waiting first.

    They wait since their last (re)submission, read from the history record the
    transition wrote; an IDD with no such record waits since it last changed."""
    submitted_at = (
        Initiative.history.filter(
            id=OuterRef("pk"),
            history_change_reason__in=[change_reason("submit"), change_reason("resubmit")],
        )
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    return (
        Initiative.objects.visible_to(reviewer)
        .filter(status__in=AWAITING_REVIEW)
        .exclude(pk__in=Initiative.objects.involving(reviewer).values("pk"))
        .exclude(
            pk__in=Route.objects.filter(forwarded=False, status__in=Route.OPEN).values(
                "initiative_id"
            )
        )
        .annotate(submitted_at=Coalesce(Subquery(submitted_at), "updated_at"))
        .select_related("partner", "owner__profile")
        .order_by("submitted_at", "pk")
    )


def returned_to(user: roles.User) -> list[tuple[Initiative, ReviewDecision | None]]:
    """The user's initiatives sent back with changes requested, each with the reason."""
    returned = (
        Initiative.objects.involving(user)
        .filter(status=InitiativeStatus.CHANGES_REQUESTED)
        .select_related("partner")
        .prefetch_related(
            Prefetch(
                "review_decisions",
                queryset=ReviewDecision.objects.filter(
                    outcome=ReviewDecision.Outcome.CHANGES_REQUESTED
                ).select_related("reviewer__profile", "office_return__office"),
                to_attr="returns",
            )
        )
        .order_by("-updated_at")
    )
    return [
        (i, next((d for d in reversed(i.returns) if d.revision == i.revision), None))
        for i in returned
    ]


def decisions_on(initiative: Initiative, revision: int) -> QuerySet[ReviewDecision]:
    """The reviewers' decisions on one revision, in the order they were taken."""
    return (
        initiative.review_decisions.filter(revision=revision)
        .select_related("reviewer__profile")
        .order_by("decided_at")
    )


def latest_reason(initiative: Initiative) -> ReviewDecision | None:
    """The decision that returned the current revision to its planners, if any."""
    if initiative.status != InitiativeStatus.CHANGES_REQUESTED:
        return None
    return (
        initiative.review_decisions.filter(
            revision=initiative.revision, outcome=ReviewDecision.Outcome.CHANGES_REQUESTED
        )
        .select_related("reviewer__profile")
        .last()
    )
