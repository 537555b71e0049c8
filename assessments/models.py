"""Stored commitment assessments and the planner's ratings they start from.

The subject (an initiative) is named by settings.ASSESSMENTS_SUBJECT_MODEL, so this
app never imports idd. The arithmetic lives in assessments.scoring, over plain data.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from config.fields import ProseField

RATED_FIELDS = (
    "physical_risk",
    "motivation",
    "intensity",
    "salience",
    "personnel",
    "budget",
    "maintenance",
    "institutions",
)


def _rating(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, choices=[(n, str(n)) for n in range(1, 6)]
    )


def _justification() -> ProseField:
    # The evidence for one rating: a paragraph, not an essay.
    return ProseField(blank=True, max_length=2_000)


def _one_to_five(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}) | Q(**{field: None}),
        name=f"ratings_{field}_1_to_5",
        violation_error_message="Ratings run from 1 to 5.",
    )


class CommitmentRatings(models.Model):
    """The planner's current ratings, each 1-5 with its justification."""

    subject = models.OneToOneField(
        settings.ASSESSMENTS_SUBJECT_MODEL,
        on_delete=models.CASCADE,
        related_name="commitment_ratings",
    )
    physical_risk = _rating("physical risk")
    physical_risk_justification = _justification()
    motivation = _rating("motivation")
    motivation_justification = _justification()
    intensity = _rating("intensity")
    intensity_justification = _justification()
    salience = _rating("salience")
    salience_justification = _justification()
    personnel = _rating("personnel")
    personnel_justification = _justification()
    budget = _rating("budget")
    budget_justification = _justification()
    maintenance = _rating("maintenance and logistics")
    maintenance_justification = _justification()
    institutions = _rating("institutions")
    institutions_justification = _justification()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "commitment ratings"
        constraints = [_one_to_five(field) for field in RATED_FIELDS]

    def __str__(self) -> str:
        return f"Ratings for {self.subject}"


class CommitmentAssessment(models.Model):
    """A dated assessment, stored with its inputs and results as they were that day."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", "Baseline"
        REASSESSMENT = "reassessment", "Re-assessment"

    subject = models.ForeignKey(
        settings.ASSESSMENTS_SUBJECT_MODEL,
        on_delete=models.CASCADE,
        related_name="commitment_assessments",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    inputs = models.JSONField()
    result = models.JSONField()
    # Copied out of result for listing and trend queries; None = not yet observable.
    demonstrated = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(kind="baseline"),
                name="one_baseline_per_subject",
                violation_error_message="There is already a baseline assessment.",
            ),
            models.CheckConstraint(
                condition=Q(demonstrated__lte=100) | Q(demonstrated=None),
                name="assessment_demonstrated_0_to_100",
                violation_error_message="Demonstrated commitment runs from 0 to 100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.assessed_on:%d %b %Y}"
