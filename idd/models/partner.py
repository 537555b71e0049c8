from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from config.fields import LineField
from idd.models.organization import Organization
from idd.reference.choices import CCMD


class PartnerQuerySet(models.QuerySet["Partner"]):
    def matching(self, typed: str) -> PartnerQuerySet:
        """Partners whose name contains what was typed, those starting with it first."""
        typed = typed.strip()
        starts = models.Case(
            models.When(country__istartswith=typed, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.filter(country__icontains=typed).order_by(starts, "country")


class Partner(models.Model):
    """A partner nation, kept (with its units) by one command's administrators
    (`idd.models.access.may_keep`)."""

    country = LineField(max_length=100, unique=True)
    ccmd = models.CharField("combatant command", max_length=12, choices=CCMD.choices)
    kept_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners_kept",
        limit_choices_to={"parent": None},
        verbose_name="kept by",
        help_text="The command whose administrators keep this partner nation and its units "
        "up to date. Left empty, only the site's administrators do.",
    )
    history = HistoricalRecords()

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["country"]

    def __str__(self) -> str:
        return self.country


class PartnerUnit(models.Model):
    """A unit or organization of the partner's security forces that an initiative targets."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="units")
    name = LineField(max_length=200)
    service = LineField(
        max_length=100, blank=True, help_text="Army, navy, gendarmerie, ministry of defense…"
    )

    class Meta:
        ordering = ["partner__country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "name"], name="unit_name_unique_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"
