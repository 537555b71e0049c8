"""An initiative with an indicator to measure: baseline 2, target 20 patrol days by the end
of FY2027 (the period runs from 1 Oct 2026)."""

import pytest

from idd.models import Indicator, Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests.factories import complete_initiative


@pytest.fixture
def indicator(owner, teammate) -> Indicator:
    initiative = complete_initiative(owner, teammate, S.IN_REVIEW)
    found = Indicator.objects.filter(objective__initiative=initiative, objective__fiscal_year=2027)
    found.update(description="Patrol days a month", baseline="2", target="20")
    return found.get()


@pytest.fixture
def approved(indicator, reviewer) -> Initiative:
    initiative = indicator.objective.initiative
    review.approve(initiative, reviewer, "Sound plan.")
    return Initiative.objects.get(pk=initiative.pk)
