"""The demo's partner nations are kept by their commands: the AFRICOM ones by U.S. Africa
Command, whose administrator (`admin`) manages them; Lindmark by U.S. European Command."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from idd.models import Organization, Partner

pytestmark = pytest.mark.django_db


def test_the_demo_partners_are_kept_by_their_commands(demo, client):
    kept = {p.country: p.kept_by.name for p in Partner.objects.select_related("kept_by")}
    assert kept == {
        "Kestrela (fictional)": "U.S. Africa Command",
        "Solmara (fictional)": "U.S. Africa Command",
        "Lindmark (fictional)": "U.S. European Command",
    }
    africom = Organization.objects.get(parent=None, name="U.S. Africa Command")
    client.force_login(User.objects.get(username="admin"))
    shown = client.get(reverse("organization_page", args=[africom.pk])).content.decode()
    assert "Kestrela (fictional)" in shown and "2nd Coastal Patrol Company" in shown
    assert "Lindmark" not in shown
