"""An initiative approved by its reviewer, for recording lessons learned after approval."""

import pytest

from idd.models import Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests.factories import complete_initiative


@pytest.fixture
def approved(owner, teammate, reviewer) -> Initiative:
    initiative = complete_initiative(owner, teammate, S.IN_REVIEW)
    review.approve(initiative, reviewer, "Sound plan.")
    return Initiative.objects.get(pk=initiative.pk)
