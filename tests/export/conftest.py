"""Fixtures of the export tests: the demo scenario and its maritime initiative."""

import io

import pytest
from django.core.management import call_command

from idd.models import Initiative


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())


@pytest.fixture
def maritime(demo):
    return Initiative.objects.get(title="Kestrela coastal patrol capability")
