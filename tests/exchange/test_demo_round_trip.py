import pytest
from django.core.management import call_command

from idd.models import Initiative
from tests.exchange.roundtrip import comparable, round_trip

pytestmark = pytest.mark.django_db


def test_every_demo_initiative_round_trips_exactly():
    call_command("seed_demo")
    originals = list(Initiative.objects.order_by("pk"))
    for initiative in originals:
        first, again, imported = round_trip(initiative)
        assert imported.pk != initiative.pk
        assert comparable(again) == comparable(first)
