import pytest

from idd.models import Initiative
from idd.services.locking import StaleEdit, claim_version

pytestmark = pytest.mark.django_db


def test_first_save_wins_and_second_is_refused(initiative):
    first_reader = Initiative.objects.get(pk=initiative.pk)
    second_reader = Initiative.objects.get(pk=initiative.pk)
    claim_version(first_reader, first_reader.version)
    with pytest.raises(StaleEdit, match="Someone else saved changes"):
        claim_version(second_reader, second_reader.version)
    assert Initiative.objects.get(pk=initiative.pk).version == initiative.version + 1


def test_an_editor_can_save_twice_in_a_row(initiative):
    claim_version(initiative, initiative.version)
    claim_version(initiative, initiative.version)
    assert Initiative.objects.get(pk=initiative.pk).version == 3
