"""Who people are at work: rank or grade, title, office, organization and phone.

Name and e-mail stay on the user (`first_name`, `last_name`, `email`). A user may have no
profile row yet (created before profiles existed, or by `createsuperuser`): readers treat
a missing profile as empty, and the profile page creates it on first save.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from config.fields import LineField
from idd.models.organization import Organization


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    rank_or_grade = LineField(
        "rank or grade", max_length=20, blank=True, help_text="For example MAJ, Lt Col or GS-13."
    )
    job_title = LineField(
        "title", max_length=100, blank=True, help_text="For example Security Cooperation Planner."
    )
    office_symbol = LineField(max_length=30, blank=True, help_text="For example J5-SC or SCO-DJ.")
    organization = LineField(
        max_length=100, blank=True, help_text="For example U.S. Africa Command."
    )
    # Where the person belongs, with the roles they hold (their groups): what they have a
    # need to know (idd.models.access). Set by administrators, never on the profile page.
    member_of = models.ForeignKey(
        Organization,
        verbose_name="belongs to",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The organization whose initiatives this person reads and works on.",
    )
    phone = LineField(
        max_length=40, blank=True, help_text="For example DSN 314-421-4567 or +49 711 729 4567."
    )
    # Set by administrators only (the admin; the profile page leaves it out); every change
    # is kept in the history with who made it.
    edipi = models.CharField(
        "EDIPI",
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{10}\Z", "An EDIPI is 10 digits.")],
        help_text="The 10-digit DoD ID on the person's CAC: their certificate signs them in.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "profile"
        constraints = [
            models.UniqueConstraint(
                fields=["edipi"],
                condition=~models.Q(edipi=""),
                name="profile_edipi_unique",
                violation_error_message="This EDIPI is already on another person's profile.",
            )
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"
