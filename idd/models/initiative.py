from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments.fiscal import format_date
from config.fields import LineField, ProseField
from idd.models.access import readable
from idd.models.organization import Organization
from idd.models.partner import Partner, PartnerUnit
from idd.models.workflow import ReviewWorkflow
from idd.reference import roles
from idd.reference.choices import (
    CCMD,
    FIRST_ALLOWED_FY,
    LAST_ALLOWED_FY,
    MAX_SPAN_YEARS,
    EvaluationKind,
    FundingAuthority,
    StatutoryPurpose,
)
from idd.reference.distribution import Reason, Statement
from idd.reference.limits import MOST_DOLLARS, TOO_MUCH

# The counters of the rows' references (D1, U1), written only by Initiative.issue_number.
NUMBER_COUNTERS = ("deliverable_numbers_issued", "us_input_numbers_issued")

# Limits on what planners type. A page of the PDF holds about 3,500 characters: a
# narrative field may fill a page or so; the objective it serves is a sentence or two.
NARRATIVE = 5_000
SHORT_PROSE = 2_000


def statutory_purposes(value: object) -> None:
    """A list of 10 U.S.C. 333(a) purposes (idd.reference.choices.StatutoryPurpose), each once."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("The statutory purposes are a list of purposes.")
    unknown = sorted(set(value) - set(StatutoryPurpose.values))
    if unknown:
        raise ValidationError(f"Not a purpose of 10 U.S.C. 333(a): {', '.join(unknown)}.")
    if len(set(value)) != len(value):
        raise ValidationError("A statutory purpose is named twice.")


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def visible_to(self, user: roles.User) -> InitiativeQuerySet:
        """What this person may read (their need to know: `idd.models.access.readable`). Every list,
        count, search, suggestion and export starts here."""
        return self.filter(readable(user))

    def involving(self, user: roles.User) -> InitiativeQuerySet:
        """Initiatives the user owns or is a team member of, among those they may read.

        One list of ids from two indexed lookups (owned, team memberships), so the
        database fetches those rows by key: a join with DISTINCT, or an OR of the two,
        made it walk every initiative for each caller."""
        owned = Initiative.objects.filter(owner=user).order_by().values("pk")
        teams = Initiative.team_members.through.objects.filter(user=user)
        mine = owned.union(teams.order_by().values("initiative_id"))
        return self.visible_to(user).filter(pk__in=mine)


class Initiative(ReviewWorkflow):
    """A Significant Security Cooperation Initiative and the content of its IDD."""

    title = LineField(max_length=200)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="initiatives")
    ccmd = models.CharField("combatant command", max_length=12, choices=CCMD.choices)
    funding_authority = models.CharField(max_length=12, choices=FundingAuthority.choices)
    first_fiscal_year = models.PositiveSmallIntegerField()
    last_fiscal_year = models.PositiveSmallIntegerField()
    targeted_units = models.ManyToManyField(PartnerUnit, blank=True, related_name="initiatives")

    # Strategic context
    problem_statement = ProseField(blank=True, max_length=NARRATIVE)
    campaign_objective = ProseField(
        "campaign-plan objective",
        blank=True,
        max_length=SHORT_PROSE,
        help_text="The CCMD campaign-plan objective it serves.",
    )
    ics_objective = ProseField(
        "integrated country strategy objective",
        blank=True,
        max_length=SHORT_PROSE,
        help_text="The U.S. embassy's integrated country strategy objective it serves.",
    )
    desired_end_state = ProseField(blank=True, max_length=NARRATIVE)
    theory_of_change = ProseField(blank=True, max_length=NARRATIVE)

    # What 10 U.S.C. 333 asks of a program (needed only under that authority): its
    # purposes (333(a)) and the Department of State's concurrence and joint planning (333(b)).
    statutory_purposes = models.JSONField(
        "statutory purposes (10 U.S.C. 333(a))",
        default=list,
        blank=True,
        validators=[statutory_purposes],
    )
    state_concurrence_office = LineField("State office", max_length=200, blank=True)
    state_concurrence_person = LineField("State official", max_length=200, blank=True)
    state_concurred_on = models.DateField("State concurred on", null=True, blank=True)
    state_concurrence_requested_on = models.DateField(
        "concurrence requested on", null=True, blank=True
    )
    state_joint_planning = ProseField(
        "joint planning with the Department of State", blank=True, max_length=NARRATIVE
    )

    # Absorptive capacity and sustainment
    absorptive_capacity = ProseField(
        "absorptive capacity",
        blank=True,
        max_length=NARRATIVE,
        help_text="People, money, maintenance and institutions able to take in what is given.",
    )
    sustainment_plan = ProseField(blank=True, max_length=NARRATIVE)
    sustainment_annual_cost = models.DecimalField(
        "annual sustainment cost (USD)", max_digits=14, decimal_places=0, null=True, blank=True
    )
    sustainment_funding_source = LineField(
        "source of funds after U.S. support ends", max_length=300, blank=True
    )

    # Assessment, monitoring and evaluation (10 U.S.C. 383, DoDI 5132.14): the initial
    # assessment and the evaluation plan; each indicator holds its own monitoring plan.
    initial_assessed_on = models.DateField("date of the initial assessment", null=True, blank=True)
    initial_assessment_method = ProseField(
        "how the initial assessment was made", blank=True, max_length=SHORT_PROSE
    )
    initial_assessment_sources = ProseField(
        "sources of the initial assessment", blank=True, max_length=SHORT_PROSE
    )
    baseline_summary = ProseField("baseline summary", blank=True, max_length=NARRATIVE)
    evaluation_questions = ProseField("evaluation questions", blank=True, max_length=NARRATIVE)
    evaluation_timing = LineField("when it is evaluated", max_length=300, blank=True)
    evaluation_kind = models.CharField(
        "internal or independent evaluation",
        max_length=12,
        choices=EvaluationKind.choices,
        blank=True,
    )

    # Distribution statement (DoD Instruction 5230.24, idd.reference.distribution): B to F also name
    # the reason, the controlling DoD office and the date of determination.
    distribution_statement = models.CharField(max_length=1, choices=Statement.choices, blank=True)
    distribution_reason = models.CharField(
        "reason for the restriction", max_length=40, choices=Reason.choices, blank=True
    )
    distribution_office = LineField("controlling DoD office", max_length=200, blank=True)
    distribution_determined_on = models.DateField("date of determination", null=True, blank=True)

    # The owning organization: who has a need to know it (idd.models.access).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="initiatives"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_initiatives"
    )
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="team_initiatives"
    )
    # Where the planner last was in the guided form, so the dashboard can resume there.
    last_step = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: every saved edit of the initiative or its rows increments it.
    version = models.PositiveIntegerField(default=1)
    # The revision being drafted or last approved (1, 2, ...).
    revision = models.PositiveSmallIntegerField(default=1)
    # How many references were ever given to its partner deliverables (D1..Dn) and U.S.
    # inputs (U1..Un): the next row takes n + 1, and a removed row's number is never given
    # again (idd.models.plan.ReferencedRow). Only ever raised, by one UPDATE (issue_number).
    deliverable_numbers_issued = models.PositiveIntegerField(default=0, editable=False)
    us_input_numbers_issued = models.PositiveIntegerField(default=0, editable=False)

    objects = InitiativeQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[targeted_units, team_members])

    class Meta:
        ordering = ["-updated_at"]
        # The lists of initiatives show the latest changed first, a page at a time.
        indexes = [models.Index(fields=["-updated_at", "-id"], name="initiative_latest_first")]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_fiscal_year__gte=models.F("first_fiscal_year")),
                name="initiative_fiscal_years_in_order",
                violation_error_message="The last fiscal year cannot come before the first.",
            ),
            models.CheckConstraint(
                condition=Q(last_fiscal_year__lt=models.F("first_fiscal_year") + MAX_SPAN_YEARS),
                name="initiative_span_at_most_five_years",
                violation_error_message=(
                    f"An initiative spans at most {MAX_SPAN_YEARS} fiscal years."
                ),
            ),
            models.CheckConstraint(
                condition=Q(first_fiscal_year__gte=FIRST_ALLOWED_FY)
                & Q(last_fiscal_year__lte=LAST_ALLOWED_FY),
                name="initiative_fiscal_years_plausible",
                violation_error_message=(
                    f"Fiscal years must lie between {FIRST_ALLOWED_FY} and {LAST_ALLOWED_FY}."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sustainment_annual_cost__gte=0) | Q(sustainment_annual_cost=None),
                name="initiative_sustainment_cost_not_negative",
                violation_error_message="The sustainment cost cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(sustainment_annual_cost__lte=MOST_DOLLARS),
                name="initiative_sustainment_cost_at_most_a_trillion",
                violation_error_message=TOO_MUCH,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """A stored initiative's save never writes its reference counters: an initiative
        read before a row was added would otherwise give that row's number out again."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in NUMBER_COUNTERS
            ]
        super().save(*args, **kwargs)

    @staticmethod
    def issue_number(initiative_id: int, counter: str) -> int:
        """The next reference number of one kind of row (a name in NUMBER_COUNTERS): one
        UPDATE raises the counter, so two rows added at once never get the same number
        (the second waits for the first's transaction). Call inside the row's transaction."""
        Initiative.objects.filter(pk=initiative_id).update(**{counter: F(counter) + 1})
        number: int = Initiative.objects.values_list(counter, flat=True).get(pk=initiative_id)
        return number

    @staticmethod
    def number_taken(initiative_id: int, counter: str, number: int) -> None:
        """A row kept its number (copied or imported): the counter never falls below it."""
        Initiative.objects.filter(pk=initiative_id, **{f"{counter}__lt": number}).update(
            **{counter: number}
        )

    # How far before the first fiscal year and after the last a delivery or measurement
    # may be dated: a baseline taken the year before, a final count the year after.
    RECORDING_MARGIN_YEARS = 1

    def recordable_days(self) -> tuple[date, date]:
        """The first and last day a delivery or measurement of this initiative may carry."""
        today = timezone.localdate()
        first = self.first_fiscal_year or self.last_fiscal_year
        last = self.last_fiscal_year or first
        if first is None or last is None:  # no fiscal years yet: the last ten years
            return date(today.year - 10, 1, 1), today
        margin = self.RECORDING_MARGIN_YEARS
        earliest = date(first - 1 - margin, 10, 1)  # 1 Oct, a fiscal year early
        return earliest, min(today, date(last + margin, 9, 30))

    def date_refusal(self, day: date, future: str) -> str | None:
        """Why a delivery or measurement cannot carry this day (`future`: the message for
        a day after today), or None. A day far outside crashed the indicator charts."""
        earliest, latest = self.recordable_days()
        if day > timezone.localdate():
            return future
        if not earliest <= day <= latest:
            return (
                f"Enter a day from {format_date(earliest)} to {format_date(latest)}: within "
                "a year of the initiative's fiscal years, and not after today."
            )
        return None

    @property
    def is_section_333(self) -> bool:
        return self.funding_authority == FundingAuthority.SECTION_333

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.first_fiscal_year, self.last_fiscal_year + 1))

    def is_member(self, user: roles.User) -> bool:
        if not user.is_authenticated:
            return False
        if self.owner_id == user.pk:
            return True
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("team_members")
        if prefetched is not None:  # a list prefetched the team: no query
            return any(member.pk == user.pk for member in prefetched)
        return self.team_members.filter(pk=user.pk).exists()

    def rows_outside_span(self, first: int, last: int) -> list[str]:
        """The rows that a new fiscal-year span would leave outside it, named for the planner."""
        if not self.pk:
            return []
        outside = [
            f"partner deliverable “{d.title}” (due FY{d.due_fiscal_year})"
            for d in self.partner_deliverables.exclude(due_fiscal_year__range=(first, last))
        ]
        outside += [
            f"U.S. input “{u.title}” (FY{u.fiscal_year})"
            for u in self.us_inputs.exclude(fiscal_year__range=(first, last))
        ]
        outside += [
            f"yearly objective for FY{o.fiscal_year}"
            for o in self.yearly_objectives.exclude(fiscal_year__range=(first, last))
        ]
        outside += [
            f"prior assistance “{p.description}” (FY{p.fiscal_year}, which must be one of the "
            f"three years before FY{first})"
            for p in self.prior_assistance.exclude(fiscal_year__range=(first - 3, first - 1))
        ]
        return outside
