"""Staffing routes (issue 27, ADR 0026): how an IDD travels through its command's offices.

An organization keeps route templates: ordered stages, each with one or more offices that
coordinate in parallel by a suspense (working days), and the office whose approval
authority signs at the end. Submitting starts a `Route` (one initiative's trip along a
template); at each stage an action officer of each office records an `OfficeDecision`.

Each time a stage starts (reached, or restarted after a non-concurrence) the route's
`round` goes up by one, and an office decides once per round: the unique constraint
refuses a second decision from another tab, whatever the timing. The services
(`idd.services.staffing`) lock the route's initiative before they read or write it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from config.fields import LineField, ProseField
from idd.models.initiative import Initiative
from idd.models.organization import Organization
from idd.models.review import ReviewDecision

DECISION_TEXT = 10_000
LONGEST_SUSPENSE = 60  # working days: three months


class RouteTemplate(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="route_templates"
    )
    name = LineField(max_length=100, help_text="For example Standard J5 staffing.")
    is_default = models.BooleanField(
        "the organization's default",
        default=False,
        help_text="Offered first when a planner of this organization submits an IDD.",
    )
    approval_authority = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The office whose approval authority approves once every stage concurred.",
    )

    class Meta:
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="route_template_name_unique_per_organization",
                violation_error_message="This organization already has a route of this name.",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(is_default=True),
                name="route_template_one_default_per_organization",
                violation_error_message="This organization already has a default route.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def refusal(self) -> str | None:
        """Why an IDD cannot travel this route as it stands, or None."""
        stages = list(self.stages.annotate(office_count=models.Count("offices")))
        if self.approval_authority_id is None:
            return f"The route “{self.name}” has no approval authority: nobody could approve."
        if not stages:
            return f"The route “{self.name}” has no stages."
        empty = [s.label for s in stages if not s.office_count]
        if empty:
            return f"The route “{self.name}” has a stage with no office: {', '.join(empty)}."
        return None

    @property
    def in_use(self) -> bool:
        """Some IDD travelled it: its stages are then a record and no longer change."""
        return self.routes.exists()


class RouteStage(models.Model):
    template = models.ForeignKey(RouteTemplate, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    name = LineField(max_length=100, blank=True, help_text="For example Directorates.")
    suspense_days = models.PositiveSmallIntegerField(
        "suspense (working days)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(LONGEST_SUSPENSE)],
    )

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "position"],
                name="route_stage_position_unique",
                violation_error_message="Another stage of this route has this position.",
            ),
            models.CheckConstraint(
                condition=Q(suspense_days__gte=1) & Q(suspense_days__lte=LONGEST_SUSPENSE),
                name="route_stage_suspense_plausible",
                violation_error_message=f"A suspense is 1 to {LONGEST_SUSPENSE} working days.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"Stage {self.position}" + (f" ({self.name})" if self.name else "")


class StageOffice(models.Model):
    """One office coordinating at one stage."""

    stage = models.ForeignKey(RouteStage, on_delete=models.CASCADE, related_name="offices")
    # PROTECT: an office named on a route cannot be deleted (its IDDs would have nobody).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="stage_offices"
    )

    class Meta:
        ordering = ["stage", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "organization"],
                name="stage_office_once_per_stage",
                violation_error_message="This office is already at this stage.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} at {self.stage}"


class Route(models.Model):
    class Status(models.TextChoices):
        COORDINATING = "coordinating", "In coordination"
        RETURNED = "returned", "Returned to the planners"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        APPROVED = "approved", "Approved"
        # A forwarded route an office non-concurred on: closed; the planners answer it in
        # the next revision.
        NOT_CONCURRED = "not_concurred", "Not concurred"
        STOPPED = "stopped", "Stopped"  # the IDD was withdrawn

    OPEN = (Status.COORDINATING, Status.RETURNED, Status.AWAITING_APPROVAL)

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="routes")
    template = models.ForeignKey(RouteTemplate, on_delete=models.PROTECT, related_name="routes")
    revision = models.PositiveSmallIntegerField()
    # False: the command's own staffing, which ends in the revision's approval; True: sent
    # on after approval to an organization outside the command (DSCA).
    forwarded = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.COORDINATING)
    # The stage in hand (the one returned from, while returned); None awaiting approval.
    stage = models.ForeignKey(
        RouteStage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The furthest stage reached: every office up to it keeps reading the IDD.
    reached = models.PositiveSmallIntegerField(default=1)
    reached_approval = models.BooleanField(default=False)
    round = models.PositiveIntegerField(default=1)
    stage_started_at = models.DateTimeField()
    suspense = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Who approved, as they were then (rank and name, title), and their remarks: the record.
    approved_as = LineField(max_length=200, blank=True)
    approved_job_title = LineField(max_length=100, blank=True)
    approval_remarks = ProseField(blank=True, max_length=DECISION_TEXT)
    # The approval authority's request for changes while the route is returned from its
    # approval (it then starts again at its first stage on resubmission); cleared then.
    returned_from_approval = models.OneToOneField(
        ReviewDecision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["initiative", "started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(status__in=["coordinating", "returned", "awaiting_approval"]),
                name="route_one_open_per_initiative",
                violation_error_message="This IDD is already on a route.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} on {self.template}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def pending_offices(self) -> list[Organization]:
        """The offices of the stage in hand that have not decided in this round. Lists of
        routes prefetch `decisions` and `stage__offices__organization`: no query then."""
        if self.stage is None or self.status != self.Status.COORDINATING:
            return []
        decided = {d.office_id for d in self.decisions.all() if d.round == self.round}
        return [
            link.organization
            for link in self.stage.offices.all()
            if link.organization_id not in decided
        ]

    def superseded(self, decisions: Iterable[OfficeDecision]) -> set[int]:
        """Of these decisions (all of this route's), the keys of those whose stage started
        again in a later round: after a non-concurrence and the planners' resubmission."""
        decisions = list(decisions)
        latest: dict[int, int] = {}
        for d in decisions:
            latest[d.stage_id] = max(latest.get(d.stage_id, 0), d.round)
        if self.stage_id is not None:
            latest[self.stage_id] = max(latest.get(self.stage_id, 0), self.round)
        return {d.pk for d in decisions if d.round < latest[d.stage_id]}


class OfficeDecision(models.Model):
    class Outcome(models.TextChoices):
        CONCUR = "concur", "Concur"
        CONCUR_WITH_COMMENT = "concur_with_comment", "Concur with comment"
        NON_CONCUR = "non_concur", "Non-concur"

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="decisions")
    stage = models.ForeignKey(RouteStage, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveIntegerField()
    office = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    comment = ProseField(blank=True, max_length=DECISION_TEXT)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Who they were when they decided (rank and name, title): people move and get promoted.
    signed_as = LineField(max_length=200)
    job_title = LineField(max_length=100, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveSmallIntegerField()
    # The submission they read: what changed since is shown to them on resubmission.
    submission_sequence = models.PositiveSmallIntegerField(null=True, blank=True)
    # A non-concurrence that returned the IDD is also the reviewers' request for changes
    # (what the planners' returned alerts read); the printed record says it once, here.
    returned_as = models.OneToOneField(
        ReviewDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="office_return",
    )

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["route", "round", "office"],
                name="office_decides_once_per_round",
                violation_error_message="This office has already decided at this stage.",
            ),
            models.CheckConstraint(
                condition=Q(outcome="concur") | ~Q(comment=""),
                name="office_decision_comment_or_reason",
                violation_error_message="Give the comment or the reason for non-concurring.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office}: {self.get_outcome_display()}"

    @property
    def concurred(self) -> bool:
        return self.outcome != self.Outcome.NON_CONCUR

    @property
    def past_tense(self) -> str:
        """ "concurred" or "non-concurred": what changed since the office did so."""
        return "concurred" if self.concurred else "non-concurred"

    def standing(self, superseded: bool) -> str:
        """What became of the decision, in words for the record ("" when it simply stands)."""
        said = []
        if self.outcome == self.Outcome.NON_CONCUR:
            said.append(
                "Closed the forwarded route: the planners answer it in a new revision."
                if self.route.forwarded
                else "Returned the IDD to its planners."
            )
        if superseded:
            said.append("Superseded: the stage restarted after resubmission.")
        return " ".join(said)


class RouteReminder(models.Model):
    """An e-mail an office was sent about a route's stage: each kind once per round."""

    class Kind(models.TextChoices):
        REACHED = "reached", "Reached the office"
        DUE_SOON = "due_soon", "Due in two working days"
        OVERDUE = "overdue", "Overdue"

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="reminders")
    round = models.PositiveIntegerField()
    office = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    # Empty once sent; else why it could not be (it is not tried again: the log has it).
    failure = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["route", "round", "office", "kind"], name="route_reminder_once_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.office}"
