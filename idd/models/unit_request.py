from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from config.fields import LineField, ProseField
from idd.models.initiative import Initiative
from idd.models.partner import Partner, PartnerUnit
from idd.reference import roles

REQUEST_TEXT = 2_000  # why the unit is needed, why it was declined: a message, not a document


class PartnerUnitRequestQuerySet(models.QuerySet["PartnerUnitRequest"]):
    def open(self) -> PartnerUnitRequestQuerySet:
        """The requests waiting for an administrator, oldest first."""
        return self.filter(status=PartnerUnitRequest.Status.OPEN).order_by("requested_at", "pk")


class PartnerUnitRequest(models.Model):
    """A planner's request for a partner unit that is not listed. Units are reference data
    every initiative with the partner shares, so an administrator accepts (which adds the
    unit) or declines it, with a reason the planner reads."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="unit_requests")
    name = LineField("unit name", max_length=200)
    service = LineField(
        "service or branch",
        max_length=100,
        blank=True,
        help_text="Army, navy, gendarmerie, ministry of defense…",
    )
    reason = ProseField("why it is needed", max_length=REQUEST_TEXT)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_requests"
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unit_requests",
        help_text="The initiative the planner was drafting when they asked, if any.",
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = ProseField(blank=True, max_length=REQUEST_TEXT)
    # The unit an accepted request added (its name as the administrator corrected it).
    unit = models.ForeignKey(
        PartnerUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PartnerUnitRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Two planners asking at once for the same unit: one request stays open.
            models.UniqueConstraint(
                Lower("name"),
                "partner",
                condition=Q(status="open"),
                name="unit_request_open_once_per_partner",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="unit_request_declined_with_reason",
                violation_error_message="Say why the request is declined.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


def clash(partner: Partner, name: str) -> str | None:
    """Why a unit of this name cannot be requested (or added) for the partner: it is
    listed already, or asked for and open. Case and surrounding spaces do not count."""
    name = name.strip()
    unit = PartnerUnit.objects.filter(partner=partner, name__iexact=name).first()
    if unit is not None:
        return (
            f"{partner} already has the unit “{unit.name}”: tick it on the basics step "
            "instead of requesting it."
        )
    asked = PartnerUnitRequest.objects.open().filter(partner=partner, name__iexact=name)
    request = asked.select_related("requested_by").first()
    if request is not None:
        return (
            f"“{request.name}” of {partner} was already requested by "
            f"{roles.display_name(request.requested_by)} on {request.requested_at:%-d %b %Y} "
            "and waits for an administrator: you will be able to tick it once it is accepted."
        )
    return None
