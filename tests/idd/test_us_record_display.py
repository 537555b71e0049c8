"""The U.S. delivery record stands beside the partner's delivery record and demonstrated
commitment wherever they appear, and the abandonment-risk flag names the U.S. inputs and
what to do."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

US_RECORD = "U.S. delivery record (what the U.S. promised)"
FLAG = "Abandonment risk: the U.S. is not delivering"
NAMED = "U.S. input: Patrol boats (FY2026 Q2): overdue since 31 Mar 2026"
ACTION = "Escalate the U.S. delivery, or tell the partner why it is late"


@pytest.fixture
def abandoned(owner, teammate):
    """The partner funded fuel (D1) on 1 Dec 2025; the boats gated on it, due 31 Mar 2026,
    have not come: more than a quarter overdue."""
    initiative = factories.InitiativeFactory(
        owner=owner, team_members=[teammate], first_fiscal_year=2026, last_fiscal_year=2028
    )
    fuel = factories.PartnerDeliverableFactory(
        initiative=initiative,
        title="Fund fuel",
        due_fiscal_year=2026,
        due_quarter=1,
        political_risk=3,
        status="delivered",
        delivered_on=date(2025, 12, 1),
    )
    boats = factories.USInputFactory(
        initiative=initiative, title="Patrol boats", fiscal_year=2026, fiscal_quarter=2
    )
    boats.matched_deliverables.set([fuel])
    return initiative


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_initiative_page_shows_both_records_and_the_flag(client, owner, abandoned):
    client.force_login(owner)
    page = text(client.get(reverse("initiative_detail", args=[abandoned.pk])))
    assert "Delivery record (reliability, not commitment)" in page
    assert f"{US_RECORD}</dt>" in page
    assert FLAG in page and NAMED in page and ACTION in page


def test_the_commitment_page_explains_the_us_record_beside_the_partners(client, owner, abandoned):
    client.force_login(owner)
    page = text(client.get(reverse("commitment_overview", args=[abandoned.pk])))
    # Demonstrated commitment: the fuel, 3 of 3 points -> 100; the U.S.: 0 of 1 -> 0.
    assert "Demonstrated commitment (costly acts)" in page
    assert US_RECORD in page
    assert "0 of 1 U.S. input due by" in page
    assert "Overdue: “Patrol boats” (since 31 Mar 2026)." in page
    assert FLAG in page and NAMED in page


def test_the_dashboard_lists_the_us_record_and_marks_abandonment(client, owner, abandoned):
    client.force_login(owner)
    page = text(client.get(reverse("dashboard")))
    assert "U.S. delivery record</th>" in page
    assert "Abandonment risk</span>" in page


def test_the_printed_idd_shows_the_us_record_and_the_flag(client, owner, abandoned):
    client.force_login(owner)
    page = text(client.get(reverse("initiative_print", args=[abandoned.pk])))
    assert US_RECORD in page
    assert FLAG in page and NAMED in page
