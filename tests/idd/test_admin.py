"""The admin for reference data: odd addresses and long searches get answers, not errors."""

import pytest
from django.contrib.auth import get_user_model

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.mil", "x"))
    return client


@pytest.mark.parametrize("model", ["initiative", "partner"])
def test_the_history_of_an_object_that_cannot_exist_is_not_found(admin_client, model):
    assert admin_client.get(f"/admin/idd/{model}/abc/history/").status_code == 404


@pytest.mark.parametrize("model", ["initiative", "partner", "partnerunit"])
def test_a_search_of_a_thousand_words_uses_the_first_few(admin_client, model):
    partner = factories.PartnerFactory(country="Kestrela")
    factories.InitiativeFactory(partner=partner)
    response = admin_client.get(f"/admin/idd/{model}/", {"q": "Kestrela " + "a " * 1200})
    assert response.status_code == 200
