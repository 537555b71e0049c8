"""Each initiative's current commitment figures, stored so the portfolio never scores
every initiative per request.

`idd.services.portfolio.refresh_summary` computes them with the scoring core (method
version 4) whenever the initiative's rows change, and the worker refreshes every summary
whose `as_of` date has passed (a new day can move a deliverable into "due").
"""

from __future__ import annotations

from django.db import models

from idd.models.initiative import Initiative


class InitiativeSummary(models.Model):
    """One initiative's figures as of a date: what the portfolio filters, sorts and shows."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    demonstrated = models.PositiveSmallIntegerField(
        "demonstrated commitment", null=True, blank=True, db_index=True
    )
    demonstrated_state = models.CharField(max_length=32)  # a method.FigureState value
    delivery_record = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    risk_accepted_points = models.FloatField("political risk accepted (points)", default=0)
    highest_risk_accepted = models.PositiveSmallIntegerField(
        "highest political risk accepted", default=0, db_index=True
    )
    physical_risk = models.PositiveSmallIntegerField(null=True, blank=True)
    quadrant = models.CharField(max_length=32, blank=True)  # a method quadrant code, "" if unplaced
    stated_willingness = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    gap = models.SmallIntegerField(null=True, blank=True, db_index=True)
    # Raised flag codes (method.FLAG_RULES keys), space-separated with a space at each end,
    # so one flag is found with `flag_codes__contains=" code "` on every database.
    flag_codes = models.CharField(max_length=400, default=" ")
    flag_count = models.PositiveSmallIntegerField(default=0, db_index=True)
    overdue_count = models.PositiveSmallIntegerField(
        "overdue partner deliverables", default=0, db_index=True
    )
    # The U.S. side (method version 4): what the U.S. delivered of what it promised, and
    # its inputs overdue (due, not delivered, not held back by the partner).
    us_delivery_record = models.PositiveSmallIntegerField(
        "U.S. delivery record", null=True, blank=True, db_index=True
    )
    us_overdue_count = models.PositiveSmallIntegerField(
        "U.S. inputs overdue", default=0, db_index=True
    )
    total_us_cost = models.DecimalField(
        "total U.S. cost (USD)", max_digits=16, decimal_places=0, default=0, db_index=True
    )
    cost_per_risk_point = models.DecimalField(
        "U.S. cost per political-risk point delivered (USD)",
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        db_index=True,
    )
    last_assessed_on = models.DateField("last assessment", null=True, blank=True, db_index=True)
    as_of = models.DateField("figures as of", db_index=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = "initiative summary"
        verbose_name_plural = "initiative summaries"

    def __str__(self) -> str:
        return f"Summary of initiative {self.initiative_id} as of {self.as_of}"

    @property
    def flags(self) -> list[str]:
        return self.flag_codes.split()
