"""Database constraints are the last line of defense: each one refuses bad rows.

Run on PostgreSQL in CI (.ci/run) and on SQLite locally.
"""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import CommitmentAssessment, CommitmentRatings
from idd.models import Initiative, Partner, PartnerUnit, Revision
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_fiscal_years_must_be_in_order():
    refused(lambda: factories.InitiativeFactory(first_fiscal_year=2030, last_fiscal_year=2028))


def test_an_initiative_spans_at_most_five_fiscal_years():
    factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2031)
    refused(lambda: factories.InitiativeFactory(first_fiscal_year=2027, last_fiscal_year=2032))


def test_fiscal_years_must_be_plausible():
    refused(lambda: factories.InitiativeFactory(first_fiscal_year=1999, last_fiscal_year=2001))


def test_sustainment_cost_cannot_be_negative():
    refused(lambda: factories.InitiativeFactory(sustainment_annual_cost=-1))


@pytest.mark.parametrize("risk", [0, 6])
def test_political_risk_is_one_to_five(risk):
    refused(lambda: factories.PartnerDeliverableFactory(political_risk=risk))


@pytest.mark.parametrize("quarter", [0, 5])
def test_due_quarter_is_one_to_four(quarter):
    refused(lambda: factories.PartnerDeliverableFactory(due_quarter=quarter))


def test_quantity_is_positive():
    refused(lambda: factories.PartnerDeliverableFactory(quantity=0))


def test_verification_records_who_and_when_together():
    refused(lambda: factories.PartnerDeliverableFactory(verified_at=timezone.now()))


def test_us_input_cost_cannot_be_negative():
    refused(lambda: factories.USInputFactory(estimated_cost=-5))


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (3, 6)])
def test_risk_likelihood_and_impact_are_one_to_five(likelihood, impact):
    refused(lambda: factories.RiskFactory(likelihood=likelihood, impact=impact))


def test_unit_names_are_unique_per_partner():
    unit = factories.PartnerUnitFactory(name="1st Battalion")
    refused(lambda: PartnerUnit.objects.create(partner=unit.partner, name="1st Battalion"))
    PartnerUnit.objects.create(partner=factories.PartnerFactory(), name="1st Battalion")


def test_partner_countries_are_unique():
    factories.PartnerFactory(country="Kestrela")
    refused(lambda: Partner.objects.create(country="Kestrela", ccmd="AFRICOM"))


def test_revision_numbers_are_unique_per_initiative(owner):
    initiative = factories.InitiativeFactory(owner=owner)

    def revision():
        return Revision.objects.create(
            initiative=initiative,
            number=1,
            snapshot={},
            approved_by=owner,
            approved_at=timezone.now(),
        )

    revision()
    refused(revision)


def test_changes_requested_needs_a_reason(owner):
    initiative = factories.InitiativeFactory(owner=owner)
    refused(
        lambda: initiative.review_decisions.create(
            revision=1, reviewer=owner, outcome="changes_requested", reason=""
        )
    )


def test_ratings_are_one_to_five():
    initiative = factories.InitiativeFactory()
    refused(lambda: CommitmentRatings.objects.create(subject=initiative, physical_risk=6))


def test_one_baseline_assessment_per_initiative(owner):
    initiative: Initiative = factories.InitiativeFactory(owner=owner)

    def baseline(days_ago: int):
        return CommitmentAssessment.objects.create(
            subject=initiative,
            kind="baseline",
            assessed_on=timezone.localdate() - timedelta(days=days_ago),
            assessed_by=owner,
            inputs={},
            result={},
        )

    baseline(10)
    refused(lambda: baseline(0))
