"""The unit request pages are valid HTML (the W3C checker the crawl uses), with hostile
text in what the planner typed, fresh and with their errors."""

import pytest
from django.urls import reverse

from idd.models import PartnerUnitRequest
from idd.reference import roles
from tests import factories
from tests.browser.valid_html import errors_in

pytestmark = pytest.mark.django_db


def test_every_unit_request_page_is_valid_html(client, owner, initiative):
    admin = factories.UserFactory(username="admin", role=roles.ADMINISTRATOR)
    asked = PartnerUnitRequest.objects.create(
        partner=initiative.partner,
        name="A & B <unit>",
        reason="Why,\nand <b>now</b>",
        requested_by=owner,
        initiative=initiative,
    )
    ask = f"{reverse('unit_request')}?initiative={initiative.pk}"
    decide = reverse("unit_request_decide", args=[asked.pk])
    client.force_login(owner)
    pages = {
        "request form": client.get(ask),
        "request form without an initiative": client.get(reverse("unit_request")),
        "request form with errors": client.post(ask, {}),
        "planner's dashboard": client.get(reverse("dashboard")),
    }
    client.force_login(admin)
    pages |= {
        "administrator's dashboard": client.get(reverse("dashboard")),
        "decision page": client.get(decide),
        "decision page with errors": client.post(decide, {"decision": "decline"}),
    }
    assert "<b>now</b>" not in pages["administrator's dashboard"].content.decode()
    assert errors_in({name: page.content.decode() for name, page in pages.items()}) == []
