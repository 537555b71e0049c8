"""Money is typed as planners write it and shown with thousands separators."""

from decimal import Decimal

import pytest
from django.urls import reverse

from idd.forms.context import PriorAssistanceForm
from idd.forms.money import NOT_AN_AMOUNT
from idd.forms.sustainment import SustainmentForm
from idd.forms.us_inputs import USInputForm
from idd.models import PriorAssistance, USInput
from tests import factories
from tests.guided_form.forms import submit

pytestmark = pytest.mark.django_db


def us_input_form(initiative, cost: str) -> USInputForm:
    data = {
        "title": "Patrol boats",
        "category": "equipment",
        "fiscal_year": initiative.first_fiscal_year,
        "estimated_cost": cost,
        "authority": "333",
    }
    return USInputForm(
        data,
        instance=USInput(initiative=initiative),
        initiative=initiative,
        deliverable_choices=[],
    )


@pytest.mark.parametrize(
    "typed", ["1,900,000", "$1,900,000", "1900000", " $ 1 900 000 ", "1900000.00"]
)
def test_an_amount_is_accepted_with_or_without_separators(initiative, typed):
    form = us_input_form(initiative, typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["estimated_cost"] == Decimal("1900000")


@pytest.mark.parametrize("typed", ["about a million", "1.9m", "1,900,000.50", "12-14k"])
def test_garbage_is_refused_with_a_clear_message_and_kept_as_typed(initiative, typed):
    form = us_input_form(initiative, typed)
    assert form.errors["estimated_cost"] == [NOT_AN_AMOUNT]
    assert f'value="{typed}"' in str(form["estimated_cost"])


def test_a_negative_amount_is_still_refused(initiative):
    assert us_input_form(initiative, "-$5").errors["estimated_cost"] == [
        "The estimated cost cannot be negative."
    ]


def test_every_money_field_shows_its_stored_amount_with_separators(initiative):
    initiative.sustainment_annual_cost = 310_000
    u = factories.USInputFactory(initiative=initiative, estimated_cost=1_900_000)
    prior = PriorAssistance.objects.create(
        initiative=initiative, fiscal_year=2026, authority="333", description="RHIBs", amount=25_000
    )
    shown = [
        str(
            USInputForm(instance=u, initiative=initiative, deliverable_choices=[])["estimated_cost"]
        ),
        str(SustainmentForm(instance=initiative)["sustainment_annual_cost"]),
        str(PriorAssistanceForm(instance=prior, initiative=initiative)["amount"]),
    ]
    for html, amount in zip(shown, ("1,900,000", "310,000", "25,000"), strict=True):
        assert f'value="{amount}"' in html
        assert 'type="text"' in html and 'inputmode="decimal"' in html


def test_an_unchanged_amount_shown_with_separators_is_not_a_change(initiative):
    u = factories.USInputFactory(initiative=initiative, estimated_cost=1_900_000)
    form = USInputForm(
        {
            "title": u.title,
            "category": u.category,
            "fiscal_year": u.fiscal_year,
            "estimated_cost": "1,900,000",
            "authority": u.authority,
        },
        instance=u,
        initiative=initiative,
        deliverable_choices=[],
    )
    assert form.is_valid(), form.errors
    assert "estimated_cost" not in form.changed_data


def test_the_sustainment_step_saves_an_amount_typed_with_a_dollar_sign(client, owner, initiative):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "sustainment"])
    response = submit(client, url, {"sustainment_annual_cost": "$310,000"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.sustainment_annual_cost == Decimal("310000")
    # Shown back with separators, on the form and on the initiative's page.
    assert 'value="310,000"' in client.get(url).content.decode()
    page = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "$310,000" in page


def test_a_refused_amount_keeps_everything_typed_on_the_step(client, owner, initiative):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "sustainment"])
    response = submit(
        client, url, {"sustainment_annual_cost": "lots", "sustainment_plan": "The navy pays."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert NOT_AN_AMOUNT in page
    assert 'value="lots"' in page and "The navy pays." in page
