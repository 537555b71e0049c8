"""Review records: comments anchored to sections, decisions, the document as submitted
each time, and approved revisions."""

from typing import NoReturn, cast

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q

from config.fields import ProseField
from idd.models.initiative import Initiative
from idd.reference.sections import SECTION_CHOICES

# A comment or a reason may argue at length, but stays a message, not a document.
REVIEW_TEXT = 10_000


class ReviewComment(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="review_comments"
    )
    revision = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=20, choices=SECTION_CHOICES)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = ProseField("comment", max_length=REVIEW_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # On a reply that reopened a resolved thread: the resolution it ended (who resolved the
    # thread, when), so the history keeps every resolution and reopening, not only the last.
    reopened_resolution_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopened_resolution_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.body[:60]}"

    @property
    def reopened_thread(self) -> bool:
        """This reply reopened its thread, which had been resolved."""
        return self.reopened_resolution_at is not None


class ReviewDecision(models.Model):
    class Outcome(models.TextChoices):
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="review_decisions"
    )
    revision = models.PositiveSmallIntegerField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = ProseField(blank=True, max_length=REVIEW_TEXT)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="changes_requested") | ~Q(reason=""),
                name="decision_changes_requested_needs_reason",
                violation_error_message="Say what needs to change.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} (revision {self.revision})"

    @property
    def office_decision(self):
        """The office's non-concurrence on a staffing route this request for changes
        records (`OfficeDecision.returned_as`), or None: the screens then say "J8 did not
        concur", the reason as the office wrote it. Lists select `office_return__office`."""
        if self.outcome != self.Outcome.CHANGES_REQUESTED:
            return None
        try:
            return self.office_return
        except ObjectDoesNotExist:
            return None


FROZEN_MESSAGE = "An approved revision is a record: it cannot be changed or deleted."
SUBMITTED_MESSAGE = "A submission is a record of what the reviewers received: it cannot change."


class FrozenRecord(PermissionDenied):
    """Someone tried to change or delete a write-once record."""


class FrozenRevision(FrozenRecord):
    """Someone tried to change or delete an approved revision."""


class WriteOnceQuerySet(models.QuerySet):
    """Bulk writes would bypass the model's save/delete, so they are refused too."""

    def _refuse(self) -> NoReturn:
        model = cast("type[WriteOnce]", self.model)
        raise model.frozen(model.frozen_message)

    def update(self, **kwargs):
        self._refuse()

    def delete(self):
        self._refuse()


class WriteOnce(models.Model):
    """Created once; afterwards every save, update or delete is refused."""

    frozen: type[FrozenRecord] = FrozenRecord
    frozen_message = SUBMITTED_MESSAGE

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise self.frozen(self.frozen_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.frozen(self.frozen_message)


class Submission(WriteOnce):
    """The IDD exactly as the planners handed it to the reviewers, at each (re)submission.

    `sequence` counts the initiative's submissions (1, 2, ...) across its revisions, so
    "what changed since I returned it" compares one submission with the next.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="submissions")
    revision = models.PositiveSmallIntegerField()
    sequence = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    # The plan checks the planner acknowledged when submitting, as they read them
    # (idd.services.plan_warnings): shown to the reviewers.
    acknowledged_checks = models.JSONField(default=list, blank=True)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "sequence"], name="submission_sequence_unique_per_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — submission {self.sequence}"


class Revision(WriteOnce):
    """An approved revision: a frozen snapshot of the IDD's data and its PDF.

    Written once, on approval; afterwards every save, update or delete is refused.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    pdf = models.FileField(upload_to="revisions/", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()

    frozen = FrozenRevision
    frozen_message = FROZEN_MESSAGE
    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "number"], name="revision_number_unique_per_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — revision {self.number}"
