"""The admin for reference data: odd addresses and long searches get answers, not errors."""

import pytest

from tests import factories

# response.context: tests/conftest.py, rendered_context
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_context")]


@pytest.mark.parametrize("model", ["initiative", "partner"])
@pytest.mark.parametrize("object_id", ["abc", "%C2%B2"])  # "²" is a digit to Python, not an id
def test_the_history_of_an_object_that_cannot_exist_is_not_found(admin_client, model, object_id):
    assert admin_client.get(f"/admin/idd/{model}/{object_id}/history/").status_code == 404


def test_a_search_of_a_thousand_words_uses_the_first_few(admin_client):
    kestrela = factories.PartnerFactory(country="Kestrela")
    norvia = factories.PartnerFactory(country="Norvia")
    response = admin_client.get(
        "/admin/idd/partner/", {"q": "Kestrela " + " ".join(["kes"] * 7) + " nothing" * 1200}
    )
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list)
    assert listed == {kestrela} and norvia not in listed
