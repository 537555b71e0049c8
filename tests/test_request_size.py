"""A request is bounded by the largest page a planner can fill, not by what a client sends."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from idd.forms.deliverables import DeliverableRows
from idd.models import PartnerDeliverable
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_fullest_deliverables_page_fits_even_in_accented_text():
    rows = DeliverableRows.max_num
    field = PartnerDeliverable._meta.get_field
    data = {
        "version": "123456",
        "action": "save",
        "deliverables-TOTAL_FORMS": rows,
        "deliverables-INITIAL_FORMS": rows,
        "deliverables-MIN_NUM_FORMS": 0,
        "deliverables-MAX_NUM_FORMS": rows,
    }
    for n in range(rows):
        data |= {
            f"deliverables-{n}-{name}": value
            for name, value in {
                "id": 1_000_000 + n,
                "title": "é" * field("title").max_length,
                "category": "sustainment_funding",
                "quantity": 100_000,
                "due_fiscal_year": 2031,
                "due_quarter": 4,
                "verification_method": "é" * field("verification_method").max_length,
                "political_risk": 5,
                "DELETE": "on",
            }.items()
        }
    assert len(urlencode(data)) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_a_bigger_request_is_refused_not_a_server_error(client, owner):
    initiative = factories.InitiativeFactory(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("wizard_step", args=[initiative.pk, "context"]),
        {"problem_statement": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert response.status_code == 400
