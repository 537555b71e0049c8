"""Issue 11: the dashboard, the initiative page and the commitment overview show demonstrated
commitment (costly acts only) and the delivery record (reliability) side by side; a partner
that only takes gifts nowhere reads as committed; stored version-2 figures keep their label."""

from datetime import date

import pytest
from django.urls import reverse

from assessments.models import CommitmentAssessment
from tests import factories
from tests.assessments.test_method_v3 import V2_INPUTS, V2_RESULT

pytestmark = pytest.mark.django_db

CANNOT = "Cannot be demonstrated: nothing in the plan costs the partner anything"
DEMONSTRATED = "Demonstrated commitment (costly acts)"
RECORD = "Delivery record (reliability, not commitment)"


def text(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def delivered(initiative, risk: int, **fields):
    return factories.PartnerDeliverableFactory(
        initiative=initiative,
        political_risk=risk,
        status="delivered",
        delivered_on=date(2021, 3, 1),
        **fields,
    )


@pytest.fixture
def gift_taker(owner):
    """Every deliverable costless (risk 1) and delivered, all due in FY2021."""
    initiative = factories.InitiativeFactory(
        owner=owner, title="Gift taker", first_fiscal_year=2021, last_fiscal_year=2025
    )
    for _ in range(3):
        delivered(initiative, 1, category="equipment")
    return initiative


@pytest.fixture
def committed(owner):
    """A budgetary act (risk 3) delivered, a costless one (risk 1) missed, both due FY2021:
    demonstrated 3/3 = 100; delivery record 3/(3+1) = 75."""
    initiative = factories.InitiativeFactory(
        owner=owner, title="Committed partner", first_fiscal_year=2021, last_fiscal_year=2025
    )
    delivered(initiative, 3)
    factories.PartnerDeliverableFactory(initiative=initiative, political_risk=1, status="missed")
    return initiative


def test_the_dashboard_card_and_table_show_both_figures_of_a_gift_taker(client, owner, gift_taker):
    client.force_login(owner)
    page = text(client.get(reverse("dashboard")))
    card = page[page.index("Gift taker</h3>") : page.index("Resume at")]
    assert f"{DEMONSTRATED}</dt>" in card and f"{CANNOT}</dd>" in card
    assert f"{RECORD}</dt>" in card and "100 of 100</dd>" in card
    table = page[page.index('id="my-initiatives"') :]
    row = table[table.index("Gift taker</a>") : table.index("</tr>", table.index("Gift taker"))]
    assert f'data-label="{DEMONSTRATED}">{CANNOT}</td>' in row
    assert f'data-label="{RECORD}">100 of 100</td>' in row


def test_the_dashboard_card_and_table_show_both_numbers_of_a_committed_partner(
    client, owner, committed
):
    client.force_login(owner)
    page = text(client.get(reverse("dashboard")))
    card = page[page.index("Committed partner</h3>") : page.index("Resume at")]
    assert f'{DEMONSTRATED}</dt> <dd class="commitment-headline__value">100 of 100' in card
    assert f'{RECORD}</dt> <dd class="commitment-headline__value">75 of 100' in card
    table = page[page.index('id="my-initiatives"') :]
    assert f'data-label="{DEMONSTRATED}">100 of 100</td>' in table
    assert f'data-label="{RECORD}">75 of 100</td>' in table


def test_the_initiative_page_shows_both_figures_side_by_side(client, owner, gift_taker, committed):
    client.force_login(owner)
    gifts = text(client.get(reverse("initiative_detail", args=[gift_taker.pk])))
    glance = glance_of(gifts)
    assert f"{CANNOT}</dd>" in glance and "100 of 100</dd>" in glance
    assert "Committed" not in glance
    page = text(client.get(reverse("initiative_detail", args=[committed.pk])))
    glance = glance_of(page)
    assert f'{DEMONSTRATED}</dt> <dd class="commitment-headline__value">100 of 100' in glance
    assert f'{RECORD}</dt> <dd class="commitment-headline__value">75 of 100' in glance


def test_the_initiative_page_draws_the_swimlane_with_its_title_description_and_table(
    client, owner, committed
):
    factories.USInputFactory(initiative=committed, fiscal_year=2021)
    client.force_login(owner)
    page = text(client.get(reverse("initiative_detail", args=[committed.pk])))
    us_inputs = page[page.index('id="section-us-inputs"') :]
    assert 'aria-labelledby="initiative-swimlane-title"' in us_inputs
    assert 'aria-describedby="initiative-swimlane-desc"' in us_inputs
    assert '<title id="initiative-swimlane-title">' in us_inputs
    assert '<desc id="initiative-swimlane-desc">' in us_inputs
    caption = '-deliverables">Partner deliverables on the timeline, by reference</caption>'
    assert caption in us_inputs
    assert '-inputs">U.S. inputs on the timeline and the deliverables' in us_inputs
    # The fiscal-year table stays beside the chart.
    assert "Partner deliverables and U.S. inputs by fiscal year</caption>" in us_inputs


def glance_of(page: str) -> str:
    start = page.index('id="commitment-at-a-glance"')
    return page[start : page.index("</section>", start)]


def store(initiative, owner, result, inputs, on=date(2026, 3, 31)):
    return CommitmentAssessment.objects.create(
        subject=initiative,
        kind="baseline",
        assessed_on=on,
        assessed_by=owner,
        inputs=inputs,
        result=result,
        demonstrated=result["demonstrated"],
    )


def history_row(page: str, label: str) -> str:
    start = page.index(label)
    return page[start : page.index("</tr>", start)]


def test_the_overview_says_each_stored_assessments_state_and_its_delivery_record(
    client, owner, gift_taker
):
    from idd.document.commitment import current_inputs
    from idd.services.commitment_record import store_assessment

    store_assessment(gift_taker, "baseline", current_inputs(gift_taker, date(2021, 6, 30)), owner)
    client.force_login(owner)
    page = text(client.get(reverse("commitment_overview", args=[gift_taker.pk])))
    assert f'<th scope="col" class="numeric">{RECORD}</th>' in page
    row = history_row(page, "Baseline, 30 Jun 2021")
    assert f'<td class="numeric" data-label="Demonstrated commitment">{CANNOT}</td>' in row
    assert f'<td class="numeric" data-label="{RECORD}">100 of 100</td>' in row
    assert 'data-label="Demonstrated commitment">Not yet observable' not in row
    # Nothing the U.S. promised was due yet: its record is not a number either.
    assert '<td class="numeric" data-label="U.S. delivery record">Not yet observable</td>' in row


def test_a_stored_version_2_assessment_keeps_its_figure_version_and_old_label(
    client, owner, gift_taker
):
    assessment = store(gift_taker, owner, V2_RESULT, V2_INPUTS)
    client.force_login(owner)
    page = text(client.get(reverse("commitment_overview", args=[gift_taker.pk])))
    row = history_row(page, "Baseline, 31 Mar 2026")
    assert "100 of 100 <span" in row and "(method version 2: every due deliverable)" in row
    assert "Not part of this method version" in row
    detail = text(client.get(reverse("commitment_assessment", args=[gift_taker.pk, assessment.pk])))
    assert "Method version 2." in detail
    assert "Computed with method version 2, shown as it was" in detail
    assert '<p class="commitment-figures__label margin-0">Demonstrated commitment</p>' in detail
    assert RECORD not in detail
