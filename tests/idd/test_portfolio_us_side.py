"""The portfolio shows where the U.S. is the one failing its partners: "U.S. inputs
overdue" and the U.S. delivery record, each a column to sort by and a filter."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from idd.services import us_delivery
from idd.services.summaries import refresh_all
from tests import factories
from tests.idd.portfolio_csv import csv_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, reviewer):
    client.force_login(reviewer)
    return client


def _gated_input(initiative, title: str, quarter: int):
    """A U.S. input of FY2026 gated on a fuel line the partner delivered on 1 Dec 2025."""
    fuel = factories.PartnerDeliverableFactory(
        initiative=initiative,
        due_fiscal_year=2026,
        due_quarter=1,
        political_risk=3,
        status="delivered",
        delivered_on=date(2025, 12, 1),
    )
    u = factories.USInputFactory(
        initiative=initiative, title=title, fiscal_year=2026, fiscal_quarter=quarter
    )
    u.matched_deliverables.set([fuel])
    return u


@pytest.fixture
def two(owner):
    """'Kept' (the U.S. delivered its two inputs) and 'Failing' (two inputs overdue)."""
    made = {}
    for title in ("Kept", "Failing"):
        initiative = factories.InitiativeFactory(
            title=title, owner=owner, first_fiscal_year=2026, last_fiscal_year=2028
        )
        for n, quarter in enumerate((2, 3)):
            u = _gated_input(initiative, f"{title} input {n}", quarter)
            if title == "Kept":
                us_delivery.record_us_delivery(
                    initiative,
                    u,
                    owner,
                    status="delivered",
                    delivered_on=date(2026, 6, 1),
                    read_version=initiative.version,
                )
                initiative.refresh_from_db()
        made[title] = initiative
    refresh_all()
    return made


def test_the_csv_and_table_carry_the_us_record_and_overdue_inputs(reader, two):
    rows = {r["Initiative"]: r for r in csv_of(reader)}
    assert (rows["Kept"]["U.S. delivery record"], rows["Kept"]["U.S. inputs overdue"]) == (
        "100",
        "0",
    )
    assert (rows["Failing"]["U.S. delivery record"], rows["Failing"]["U.S. inputs overdue"]) == (
        "0",
        "2",
    )
    page = reader.get(reverse("portfolio")).content.decode()
    assert "U.S. delivery record" in page and "U.S. inputs overdue" in page


def test_sorting_by_the_us_columns(reader, two):
    order = [r["Initiative"] for r in csv_of(reader, "?sort=-us_overdue")]
    assert order == ["Failing", "Kept"]
    order = [r["Initiative"] for r in csv_of(reader, "?sort=us_delivery")]
    assert order == ["Failing", "Kept"]


def test_filtering_by_us_inputs_overdue_and_a_low_us_record(reader, two):
    def titles(query: str) -> set[str]:
        return {r["Initiative"] for r in csv_of(reader, query)}

    assert titles("?us_overdue=any") == {"Failing"}
    assert titles("?us_overdue=none") == {"Kept"}
    assert titles("?us_record_below=50") == {"Failing"}
    assert titles("?flag=abandonment_risk") == {"Failing"}
    response = reader.get(reverse("portfolio"), {"us_record_below": "500"})
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100" in response.content.decode()
