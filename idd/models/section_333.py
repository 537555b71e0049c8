"""The components every Section 333 program includes (10 U.S.C. 333(c)(2) and the SAMM):
training on the law of armed conflict, human rights and civilian harm, and institutional
capacity building. One of each per initiative, each linkable to the U.S. inputs that
deliver it."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from config.fields import LineField, ProseField
from idd.models.initiative import SHORT_PROSE, Initiative
from idd.models.plan import InitiativeRow, USInput
from idd.reference.choices import ProgramComponentKind


class ProgramComponent(InitiativeRow):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="program_components"
    )
    kind = models.CharField(max_length=8, choices=ProgramComponentKind.choices)
    what = ProseField("what it covers", blank=True, max_length=SHORT_PROSE)
    who = LineField("who gives it and who takes part", max_length=300, blank=True)
    when = LineField(max_length=200, blank=True)
    us_inputs = models.ManyToManyField(
        USInput,
        blank=True,
        related_name="program_components",
        verbose_name="U.S. inputs that deliver it",
    )
    history = HistoricalRecords(m2m_fields=[us_inputs])

    class Meta(InitiativeRow.Meta):
        ordering = ["kind"]  # the document prints them in ProgramComponentKind's order
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind"],
                name="program_component_one_of_each_kind",
                violation_error_message="An initiative has one component of each kind.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_blank(self) -> bool:
        return not (self.what.strip() or self.who.strip() or self.when.strip())
