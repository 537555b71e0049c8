"""Rules that are not database constraints give field messages a planner understands."""

import pytest
from django.core.exceptions import ValidationError

from idd.models import PriorAssistance
from tests import factories

pytestmark = pytest.mark.django_db


def messages(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_deliverable_due_outside_the_initiative_years_is_explained():
    initiative = factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2029)
    deliverable = factories.PartnerDeliverableFactory.build(
        initiative=initiative, due_fiscal_year=2031
    )
    assert messages(deliverable)["due_fiscal_year"] == [
        "FY2031 is outside this initiative's fiscal years (FY2027–FY2029)."
    ]


def test_us_input_outside_the_initiative_years_is_explained():
    initiative = factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2029)
    us_input = factories.USInputFactory.build(initiative=initiative, fiscal_year=2026)
    assert "outside this initiative's fiscal years" in messages(us_input)["fiscal_year"][0]


def test_prior_assistance_covers_the_three_years_before():
    initiative = factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2031)
    row = PriorAssistance(
        initiative=initiative, fiscal_year=2027, authority="333", description="Boats", amount=1
    )
    assert messages(row)["fiscal_year"] == [
        "Prior assistance covers the three fiscal years before the initiative: FY2024–FY2026."
    ]
    row.fiscal_year = 2024
    row.full_clean()


def test_model_errors_name_the_rule_from_the_constraint():
    initiative = factories.InitiativeFactory.build(
        partner=factories.PartnerFactory(),
        owner=factories.planner(),
        first_fiscal_year=2030,
        last_fiscal_year=2027,
    )
    assert "The last fiscal year cannot come before the first." in str(messages(initiative))
