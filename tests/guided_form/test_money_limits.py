"""Money is bounded per row, and so are the sums it can reach: 101 U.S. inputs at
$99,999,999,999,999 overflowed the stored total (numeric(16,0)), a 500 on saving."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from idd.models import USInput
from idd.models.summary import InitiativeSummary
from idd.reference import limits

pytestmark = pytest.mark.django_db

ONCE_ACCEPTED = "99,999,999,999,999"  # the largest amount the column takes


def test_every_input_of_a_page_at_its_most_fits_the_stored_total():
    for name in ("total_us_cost", "cost_per_risk_point"):
        digits = InitiativeSummary._meta.get_field(name).max_digits
        assert limits.US_INPUTS.most * limits.MOST_DOLLARS < 10**digits


def inputs(count: int, cost: str) -> dict[str, str]:
    data = {"inputs-TOTAL_FORMS": str(count), "inputs-INITIAL_FORMS": "0"}
    for i in range(count):
        data |= {
            f"inputs-{i}-title": f"Patrol boat {i}",
            f"inputs-{i}-category": "equipment",
            f"inputs-{i}-fiscal_year": "2027",
            f"inputs-{i}-authority": "333",
            f"inputs-{i}-estimated_cost": cost,
        }
    return data


def test_101_inputs_at_the_most_the_column_takes_are_refused_with_a_message(
    client, owner, initiative
):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "us-inputs"])
    data = inputs(101, ONCE_ACCEPTED) | {"action": "continue", "lock-version": initiative.version}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most $1,000,000,000,000" in html
    assert f'value="{ONCE_ACCEPTED}"' in html  # what was typed is kept
    assert not USInput.objects.filter(initiative=initiative).exists()


def test_the_most_a_row_holds_saves(client, owner, initiative):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "us-inputs"])
    data = inputs(3, "1,000,000,000,000") | {
        "action": "continue",
        "lock-version": initiative.version,
    }
    assert client.post(url, data).status_code == 302
    assert initiative.summary.total_us_cost == 3 * limits.MOST_DOLLARS


def test_an_imported_row_over_the_limit_is_refused(initiative):
    row = USInput(
        initiative=initiative,
        title="Patrol boats",
        category="equipment",
        fiscal_year=2027,
        authority="333",
        estimated_cost=limits.MOST_DOLLARS + 1,
    )
    with pytest.raises(ValidationError, match="at most"):
        row.full_clean()
