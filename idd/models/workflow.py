"""The review workflow, declared on the model and protected.

The status can only change through the transitions declared here (django-fsm-2,
protected=True): no form, view or admin can write it directly. Each transition names
its source and target states, who may take it (`permission`) and what must be true
(`needs_complete`: a complete IDD); `idd.services.review` runs them, one service
function per transition, and checks completeness (`idd.document.completeness`) for those that need
it: the models cannot judge it themselves, since the rules read the document snapshot,
which reads the models (ADR 0004).

    draft --submit--> submitted --start_review--> in review --approve--> approved
                         ^                           |                      |
                         +--resubmit-- changes requested <--request_changes-+
    approved --start_revision--> draft (revision N+1)
    draft / submitted / in review / changes requested --withdraw--> withdrawn
"""

from __future__ import annotations

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from idd.models.access import may
from idd.reference import roles
from idd.reference.choices import InitiativeStatus as S

EDITABLE_STATUSES = (S.DRAFT, S.CHANGES_REQUESTED)
AWAITING_REVIEW = (S.SUBMITTED, S.IN_REVIEW)
BEFORE_APPROVAL = (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED)


# --- Who may take a transition (django-fsm `permission=` callables) ------------------------


def team_planner(initiative: ReviewWorkflow, user: roles.User) -> bool:
    """A planner who owns the initiative or is on its team."""
    return may(user, "take a team step", initiative)  # type: ignore[arg-type]


def owning_planner(initiative: ReviewWorkflow, user: roles.User) -> bool:
    return may(user, "take the owner's step", initiative)  # type: ignore[arg-type]


def independent_reviewer(initiative: ReviewWorkflow, user: roles.User) -> bool:
    """A reviewer who is not on the initiative's team: nobody reviews their own IDD."""
    return may(user, "review", initiative)  # type: ignore[arg-type]


class ReviewWorkflow(ConcurrentTransitionMixin, models.Model):
    # ConcurrentTransitionMixin: a save from a stale copy (one read before someone else's
    # transition) is refused rather than silently writing the old status back.
    status = FSMField(
        default=S.DRAFT,
        choices=S.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        abstract = True

    @property
    def is_editable_status(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def submit_step(self) -> str:
        """The transition that hands the IDD to the reviewers: "submit" a first time from
        the draft, "resubmit" once changes were requested."""
        return "submit" if self.status == S.DRAFT else "resubmit"

    def clean_fields(self, exclude=None) -> None:
        # Validation writes each cleaned value back; the protected status must not be.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    # Each transition's `custom` carries the words the screens and refusals use.

    @transition(
        field=status,
        source=S.DRAFT,
        target=S.SUBMITTED,
        permission=team_planner,  # type: ignore[arg-type]
        custom={
            "label": "Submit for review",
            "needs_complete": True,
            "done": "submitted for review",
            "who": "Only planners on the initiative's team can submit it.",
        },
    )
    def submit(self) -> None:
        """The planners hand the draft to the reviewers."""

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.IN_REVIEW,
        permission=independent_reviewer,  # type: ignore[arg-type]
        custom={
            "label": "Start review",
            "done": "taken into review",
            "who": "Only a reviewer who is not on the initiative's team can review it.",
        },
    )
    def start_review(self) -> None:
        """A reviewer takes the submitted IDD into review."""

    @transition(
        field=status,
        source=S.IN_REVIEW,
        target=S.CHANGES_REQUESTED,
        permission=independent_reviewer,  # type: ignore[arg-type]
        custom={
            "label": "Request changes",
            "done": "returned to the planners with changes requested",
            "who": "Only a reviewer who is not on the initiative's team can review it.",
        },
    )
    def request_changes(self) -> None:
        """The reviewer returns the IDD to its planners; the reason is a ReviewDecision."""

    @transition(
        field=status,
        source=S.CHANGES_REQUESTED,
        target=S.SUBMITTED,
        permission=team_planner,  # type: ignore[arg-type]
        custom={
            "label": "Resubmit for review",
            "needs_complete": True,
            "done": "resubmitted for review",
            "who": "Only planners on the initiative's team can resubmit it.",
        },
    )
    def resubmit(self) -> None:
        """The planners hand the corrected IDD back to the reviewers."""

    @transition(
        field=status,
        source=S.IN_REVIEW,
        target=S.APPROVED,
        permission=independent_reviewer,  # type: ignore[arg-type]
        custom={
            "label": "Approve",
            "done": "approved",
            "who": "Only a reviewer who is not on the initiative's team can approve it.",
        },
    )
    def approve(self) -> None:
        """The reviewer approves; the service freezes the revision (snapshot and PDF)."""

    @transition(
        field=status,
        source=list(BEFORE_APPROVAL),
        target=S.WITHDRAWN,
        permission=owning_planner,  # type: ignore[arg-type]
        custom={
            "label": "Withdraw",
            "done": "withdrawn",
            "who": "Only the initiative's owner can withdraw it.",
        },
    )
    def withdraw(self) -> None:
        """The owner abandons the initiative before approval."""

    @transition(
        field=status,
        source=S.APPROVED,
        target=S.DRAFT,
        permission=team_planner,  # type: ignore[arg-type]
        custom={
            "label": "Start the next revision",
            "done": "reopened as a draft of the next revision",
            "who": "Only planners on the initiative's team can start a new revision.",
        },
    )
    def start_revision(self) -> None:
        """The approved revision stays frozen; the live IDD becomes the next draft."""
        self.revision += 1  # type: ignore[attr-defined]
