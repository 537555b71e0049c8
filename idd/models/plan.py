"""The rows of an IDD: partner deliverables, U.S. inputs, yearly objectives, risks."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from assessments import fiscal, method, references
from config.fields import LineField, ProseField
from idd.models.initiative import NARRATIVE, SHORT_PROSE, Initiative
from idd.reference.choices import (
    FIRST_ALLOWED_FY,
    LAST_ALLOWED_FY,
    DelayCause,
    DeliverableCategory,
    DeliverableStatus,
    FundingAuthority,
    PoliticalRisk,
    RiskCategory,
    Scale,
    USInputCategory,
    USInputStatus,
)
from idd.reference.limits import MOST_DOLLARS, TOO_MUCH

FY_IN_RANGE = Q(fiscal_year__gte=FIRST_ALLOWED_FY) & Q(fiscal_year__lte=LAST_ALLOWED_FY)


class InitiativeRow(models.Model):
    """A row owned by one initiative, kept in the order the planner gave it."""

    initiative: models.ForeignKey  # declared by each subclass with its own related name
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def clean_fiscal_year(self, field: str) -> None:
        """A fiscal year must fall inside the initiative's span."""
        year = getattr(self, field)
        initiative = self.initiative if self.initiative_id else None  # type: ignore[attr-defined]
        if year is None or initiative is None:
            return
        if not initiative.first_fiscal_year <= year <= initiative.last_fiscal_year:
            raise ValidationError(
                {
                    field: f"FY{year} is outside this initiative's fiscal years "
                    f"(FY{initiative.first_fiscal_year}–FY{initiative.last_fiscal_year})."
                }
            )


class ReferencedRow(InitiativeRow):
    """A row named by a short reference (D3, U2) that never changes and is never given to
    another row of its initiative, even once it is removed: free text that says
    "detectors (U2)" keeps meaning the same row whatever dates change. A new row takes the
    next number of its initiative's counter; a copied or imported row keeps its own."""

    COUNTER: ClassVar[str]  # the initiative's counter (idd.models.initiative.NUMBER_COUNTERS)

    reference_number = models.PositiveIntegerField(
        "reference number",
        blank=True,  # given on first save
        editable=False,
        help_text="The number of its reference (3 in D3): never changes, never reused.",
    )

    class Meta(InitiativeRow.Meta):
        abstract = True

    def save(self, *args, **kwargs) -> None:
        initiative_id = self.initiative_id  # type: ignore[attr-defined]
        with transaction.atomic():
            if self.reference_number is None:
                self.reference_number = Initiative.issue_number(initiative_id, self.COUNTER)
            elif self._state.adding:
                Initiative.number_taken(initiative_id, self.COUNTER, self.reference_number)
            super().save(*args, **kwargs)

    @staticmethod
    def label(number: int) -> str:
        """ "D3" for number 3: its kind's prefix (assessments.references)."""
        raise NotImplementedError

    @property
    def reference(self) -> str:
        """ "D3", "U2"; "" before its first save."""
        return self.label(self.reference_number) if self.reference_number else ""


def referenced(noun: str, prefix: str) -> models.UniqueConstraint:
    """No two rows of one initiative share a reference."""
    return models.UniqueConstraint(
        fields=["initiative", "reference_number"],
        name=f"{prefix}_reference_unique_per_initiative",
        violation_error_message=(
            f"Another {noun} of this initiative already has this reference number: each "
            "row keeps its own."
        ),
    )


class PartnerDeliverable(ReferencedRow):
    """Something dated and observable the partner provides, at a political cost to itself."""

    # What a planner records about it once it is due or done, actions first.
    RECORDABLE_STATUSES: tuple[tuple[str, str], ...] = tuple(
        (value, dict(method.DELIVERABLE_STATUSES)[value])
        for value in (method.DELIVERED, method.PARTIAL, method.MISSED, method.VERBAL_ONLY)
    )
    FUTURE_DELIVERY = (
        "The date delivered cannot be in the future: enter the day it happened, today or earlier."
    )

    COUNTER = "deliverable_numbers_issued"

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="partner_deliverables"
    )
    title = LineField("what the partner delivers", max_length=300)
    category = models.CharField(max_length=24, choices=DeliverableCategory.choices)
    quantity = models.PositiveIntegerField(null=True, blank=True)
    due_fiscal_year = models.PositiveSmallIntegerField("due fiscal year")
    due_quarter = models.PositiveSmallIntegerField(
        "due quarter", choices=[(q, f"Q{q}") for q in fiscal.QUARTER_MONTHS]
    )
    verification_method = ProseField(
        "how it will be verified",
        blank=True,
        max_length=SHORT_PROSE,
        help_text="The observable evidence: a signed order, a budget line, a roster, a site visit.",
    )
    political_risk = models.PositiveSmallIntegerField(choices=PoliticalRisk.choices)
    status = models.CharField(
        max_length=16, choices=DeliverableStatus.choices, default=DeliverableStatus.PLANNED
    )
    evidence = ProseField("evidence recorded", blank=True, max_length=NARRATIVE)
    delivered_on = models.DateField(
        "delivered on",
        null=True,
        blank=True,
        help_text="The day the partner delivered it, in full or in part; after the due "
        "quarter it still counts, as delivered late.",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta(InitiativeRow.Meta):
        # By due date everywhere (references keep the order rows were added); the planner's
        # order breaks ties.
        ordering = ["due_fiscal_year", "due_quarter", "position", "pk"]
        constraints = [
            referenced("partner deliverable", "deliverable"),
            models.CheckConstraint(
                condition=Q(political_risk__gte=1) & Q(political_risk__lte=5),
                name="deliverable_political_risk_1_to_5",
                violation_error_message="Political risk is rated from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=Q(due_quarter__gte=1) & Q(due_quarter__lte=4),
                name="deliverable_due_quarter_1_to_4",
                violation_error_message="The due quarter is Q1 to Q4.",
            ),
            models.CheckConstraint(
                condition=Q(due_fiscal_year__gte=FIRST_ALLOWED_FY)
                & Q(due_fiscal_year__lte=LAST_ALLOWED_FY),
                name="deliverable_due_fiscal_year_plausible",
                violation_error_message="The due fiscal year is not plausible.",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0) | Q(quantity=None),
                name="deliverable_quantity_positive",
                violation_error_message="The quantity must be at least 1.",
            ),
            models.CheckConstraint(
                condition=Q(verified_by=None, verified_at=None)
                | (Q(verified_by__isnull=False) & Q(verified_at__isnull=False)),
                name="deliverable_verified_by_and_at_together",
                violation_error_message="A verification records both who and when.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def label(number: int) -> str:
        return references.deliverable_ref(number)

    def reopen_delivery(self) -> None:
        """Back to planned, its delivery to be recorded again (the evidence stays): a
        delivery verified at one political risk does not count at a higher one."""
        self.status = DeliverableStatus.PLANNED
        self.delivered_on = None
        self.verified_by = None
        self.verified_at = None

    @property
    def due_label(self) -> str:
        return fiscal.format_quarter(self.due_fiscal_year, self.due_quarter)

    @property
    def due_date(self):
        return fiscal.quarter_end(self.due_fiscal_year, self.due_quarter)

    def clean(self) -> None:
        self.clean_fiscal_year("due_fiscal_year")


class USInputQuerySet(models.QuerySet):
    def unmatched(self) -> USInputQuerySet:
        """The inputs that answer no partner deliverable (gifts)."""
        return self.annotate(matches=models.Count("matched_deliverables")).filter(matches=0)


class USInput(ReferencedRow):
    """What the U.S. provides, gated on the partner deliverables it answers."""

    COUNTER = "us_input_numbers_issued"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="us_inputs")
    title = LineField("what the U.S. provides", max_length=300)
    category = models.CharField(max_length=16, choices=USInputCategory.choices)
    fiscal_year = models.PositiveSmallIntegerField()
    fiscal_quarter = models.PositiveSmallIntegerField(
        "fiscal quarter",
        null=True,
        blank=True,
        choices=[(q, f"Q{q}") for q in fiscal.QUARTER_MONTHS],
        help_text="The quarter the U.S. provides it, if known: gating is then checked by quarter.",
    )
    estimated_cost = models.DecimalField(
        "estimated cost (USD)", max_digits=14, decimal_places=0, null=True, blank=True
    )
    authority = models.CharField(max_length=12, choices=FundingAuthority.choices)
    matched_deliverables = models.ManyToManyField(
        PartnerDeliverable,
        blank=True,
        related_name="matched_us_inputs",
        verbose_name="partner deliverables it answers",
    )
    # What the U.S. did, recorded after approval (idd.services.us_delivery); overdue and
    # "held back" are derived from the date and the partner's deliverables, never stored.
    status = models.CharField(
        "U.S. delivery status",
        max_length=16,
        choices=USInputStatus.choices,
        default=USInputStatus.PLANNED,
    )
    delivered_on = models.DateField(
        "delivered on",
        null=True,
        blank=True,
        help_text="The day the U.S. delivered it, in full or in part.",
    )
    cancel_reason = ProseField("why it was canceled", blank=True, max_length=SHORT_PROSE)
    delay_cause = models.CharField(
        "cause of the delay", max_length=16, choices=DelayCause.choices, blank=True
    )
    delay_note = ProseField("about the delay", blank=True, max_length=SHORT_PROSE)
    delivery_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    delivery_recorded_at = models.DateTimeField(null=True, blank=True)
    # A construction project's particulars (10 U.S.C. 333(e) asks its location, title and
    # cost: the cost is the estimated cost above); meaningful for construction only.
    construction_location = LineField("construction site", max_length=300, blank=True)
    construction_project_title = LineField("construction project title", max_length=300, blank=True)
    dd1391_reference = LineField("DD Form 1391 attached", max_length=200, blank=True)
    master_plan_reference = LineField("master plan attached", max_length=200, blank=True)

    objects = USInputQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[matched_deliverables])

    class Meta(InitiativeRow.Meta):
        verbose_name = "U.S. input"
        # By when the U.S. provides it (a quarter not yet known last in its year), then
        # the planner's order, so U1 is the first provided everywhere.
        ordering = [
            "fiscal_year",
            F("fiscal_quarter").asc(nulls_last=True),
            "position",
            "pk",
        ]
        constraints = [
            referenced("U.S. input", "us_input"),
            models.CheckConstraint(
                condition=FY_IN_RANGE,
                name="us_input_fiscal_year_plausible",
                violation_error_message="The fiscal year is not plausible.",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_quarter__gte=1, fiscal_quarter__lte=4) | Q(fiscal_quarter=None),
                name="us_input_fiscal_quarter_1_to_4",
                violation_error_message="The fiscal quarter is Q1 to Q4.",
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0) | Q(estimated_cost=None),
                name="us_input_cost_not_negative",
                violation_error_message="The estimated cost cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__lte=MOST_DOLLARS),
                name="us_input_cost_at_most_a_trillion",
                violation_error_message=TOO_MUCH,
            ),
            models.CheckConstraint(
                condition=Q(delivered_on=None)
                | Q(status__in=[USInputStatus.DELIVERED, USInputStatus.PARTIAL]),
                name="us_input_delivered_on_only_when_delivered",
                violation_error_message="Only a delivered U.S. input has a delivery date.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def label(number: int) -> str:
        return references.us_input_ref(number)

    @property
    def when_label(self) -> str:
        """ "FY2027 Q2", or "FY2027" while the quarter is not known."""
        if self.fiscal_quarter is None:
            return f"FY{self.fiscal_year}"
        return fiscal.format_quarter(self.fiscal_year, self.fiscal_quarter)

    @property
    def is_construction(self) -> bool:
        return self.category == method.CONSTRUCTION_CATEGORY

    def clean(self) -> None:
        self.clean_fiscal_year("fiscal_year")


class YearlyObjective(InitiativeRow):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="yearly_objectives"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    objective = ProseField(max_length=SHORT_PROSE)
    milestones = ProseField(blank=True, max_length=SHORT_PROSE)
    history = HistoricalRecords()

    class Meta(InitiativeRow.Meta):
        constraints = [
            models.CheckConstraint(
                condition=FY_IN_RANGE,
                name="objective_fiscal_year_plausible",
                violation_error_message="The fiscal year is not plausible.",
            ),
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year}: {self.objective[:60]}"

    def clean(self) -> None:
        self.clean_fiscal_year("fiscal_year")


class Indicator(models.Model):
    """An indicator of success for a yearly objective."""

    objective = models.ForeignKey(
        YearlyObjective, on_delete=models.CASCADE, related_name="indicators"
    )
    description = LineField("indicator", max_length=300)
    baseline = LineField(max_length=200)
    target = LineField(max_length=200)
    how_measured = LineField(max_length=300)
    # Its monitoring plan (DoDI 5132.14): who collects the data, how often, from what source.
    collected_by = LineField("who collects the data", max_length=200, blank=True)
    collection_frequency = LineField("how often it is collected", max_length=200, blank=True)
    data_source = LineField("source of the data", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description


class Risk(InitiativeRow):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="risks")
    category = models.CharField(max_length=24, choices=RiskCategory.choices)
    description = ProseField(max_length=SHORT_PROSE)
    likelihood = models.PositiveSmallIntegerField(choices=Scale.choices)
    impact = models.PositiveSmallIntegerField(choices=Scale.choices)
    mitigation = ProseField(blank=True, max_length=SHORT_PROSE)
    owner = LineField(
        "risk owner", max_length=200, blank=True, help_text="The office or person who manages it."
    )
    history = HistoricalRecords()

    class Meta(InitiativeRow.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1)
                & Q(likelihood__lte=5)
                & Q(impact__gte=1)
                & Q(impact__lte=5),
                name="risk_likelihood_and_impact_1_to_5",
                violation_error_message="Likelihood and impact are rated from 1 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class PriorAssistance(InitiativeRow):
    """U.S. assistance to the partner in the three fiscal years before the initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="prior_assistance"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    authority = models.CharField(max_length=12, choices=FundingAuthority.choices)
    description = LineField(max_length=300)
    amount = models.DecimalField("amount (USD)", max_digits=14, decimal_places=0)
    history = HistoricalRecords()

    class Meta(InitiativeRow.Meta):
        verbose_name_plural = "prior assistance"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="prior_assistance_amount_not_negative",
                violation_error_message="The amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(amount__lte=MOST_DOLLARS),
                name="prior_assistance_amount_at_most_a_trillion",
                violation_error_message=TOO_MUCH,
            ),
            models.CheckConstraint(
                condition=FY_IN_RANGE,
                name="prior_assistance_fiscal_year_plausible",
                violation_error_message="The fiscal year is not plausible.",
            ),
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.description}"

    def clean(self) -> None:
        initiative = self.initiative if self.initiative_id else None
        if initiative is None or self.fiscal_year is None:
            return
        first = initiative.first_fiscal_year
        if not first - 3 <= self.fiscal_year <= first - 1:
            raise ValidationError(
                {
                    "fiscal_year": f"Prior assistance covers the three fiscal years before the "
                    f"initiative: FY{first - 3}–FY{first - 1}."
                }
            )
