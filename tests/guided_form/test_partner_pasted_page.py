"""A page pasted into the partner field of the basics step is refused with a message: the
units shown for the partner typed were looked up with it as a LIKE pattern (a 500 on
SQLite, "LIKE or GLOB pattern too complex"), found by the fuzz."""

import pytest
from django.urls import reverse

from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


def test_a_pasted_page_as_the_partner_is_refused_with_a_message(client, owner, initiative):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "basics"])
    page = page_fields(client.get(url).content.decode())
    page |= {"partner": ["a" * 1_000_001], "action": ["continue"]}
    response = client.post(url, page)
    assert response.status_code == 200
    assert "A partner&#x27;s name is at most" in response.content.decode()
