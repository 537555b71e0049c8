"""A ticked box whose id no database column holds (a forged 200-digit number) is refused
with the form's message: SQLite raised OverflowError on it, a 500 the fuzz found."""

import pytest
from django.urls import reverse

from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

HUGE_ID = "-" + "9" * 199


@pytest.mark.parametrize("field", ["team_members", "targeted_units"])
def test_a_forged_huge_id_on_the_basics_step_is_refused(client, owner, initiative, field):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "basics"])
    page = page_fields(client.get(url).content.decode())
    response = client.post(url, page | {field: [HUGE_ID], "action": ["continue"]})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
