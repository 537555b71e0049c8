"""The portfolio: stored figures equal each initiative's own assessment, kept up to date,
filtered, sorted, exported as formula-safe CSV, printed, with a fixed number of queries."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import method
from idd.document.commitment import lateness
from idd.document.snapshot import load, snapshot
from idd.models import Initiative, InitiativeSummary
from idd.reference.choices import InitiativeStatus
from idd.services import review
from idd.services.commitment_record import record_delivery
from idd.services.drafts import copy_initiative
from idd.services.portfolio import safe_cell
from idd.services.summaries import refresh_all, refresh_summary
from idd.tasks import refresh_summaries_daily, schedule_daily_refresh
from tests import factories
from tests.guided_form.forms import submit
from tests.idd.portfolio_csv import csv_of

pytestmark = pytest.mark.django_db


def summary_of(initiative: Initiative) -> InitiativeSummary:
    return InitiativeSummary.objects.get(initiative=initiative)


@pytest.fixture
def reader(client, reviewer):
    client.force_login(reviewer)
    return client


def blank(value) -> str:
    return "" if value is None else str(value)


def test_portfolio_figures_equal_each_demo_initiatives_own_assessment(reader, reviewer):
    call_command(
        "seed_demo", "--allow-in-production", stdout=io.StringIO()
    )  # fills the summaries as it ends
    rows = {int(r["Initiative ID"]): r for r in csv_of(reader)}
    # The demo's reviewer (AFRICOM) reads all but EUCOM's initiative.
    assert len(rows) == Initiative.objects.visible_to(reviewer).count() >= 2
    assert Initiative.objects.exclude(pk__in=rows).get().ccmd == "EUCOM"
    for pk, row in rows.items():
        doc = snapshot(load(pk))  # what the initiative's own page and PDF show
        result = doc["commitment"]["result"]
        if result["demonstrated"] is not None:
            assert row["Demonstrated commitment"] == str(result["demonstrated"])
        else:
            state = method.STATE_LABELS[result["demonstrated_state"]]
            assert row["Demonstrated commitment"] == state
        assert row["Delivery record"] == blank(result["delivery_record"])
        assert float(row["Political risk accepted (points)"]) == result["risk_accepted_points"]
        assert row["Highest political risk accepted"] == str(result["highest_risk_accepted"])
        assert row["Physical risk"] == blank(result["physical_risk"])
        assert row["Stated willingness"] == blank(result["stated_willingness"])
        assert row["Gap"] == blank(result["gap"])
        assert row["Flags"] == "; ".join(f["title"] for f in result["flags"])
        costs = [Decimal(u["estimated_cost"] or 0) for u in doc["us_inputs"]]
        assert Decimal(row["Total U.S. cost (USD)"]) == sum(costs, Decimal(0))
        initiative = Initiative.objects.get(pk=pk)
        overdue = [
            d
            for d in initiative.partner_deliverables.all()
            if lateness(d, timezone.localdate()).startswith("overdue")
        ]
        assert row["Overdue partner deliverables"] == str(len(overdue))
        history = doc["commitment"]["history"]
        assert row["Last assessment"] == (history[-1]["assessed_on"] if history else "")
    assert any(r["Last assessment"] for r in rows.values())  # the demo has assessments


def test_cost_per_point_is_the_total_over_the_points_delivered_and_empty_before_any(owner):
    initiative = factories.InitiativeFactory(owner=owner)
    deliverable = factories.PartnerDeliverableFactory(initiative=initiative, political_risk=4)
    factories.USInputFactory(initiative=initiative, estimated_cost=Decimal(1_000_000))
    refresh_summary(initiative)
    assert summary_of(initiative).cost_per_risk_point is None
    record_delivery(
        initiative,
        deliverable,
        owner,
        status=method.DELIVERED,
        evidence="Finance law published",
        read_version=initiative.version,
        delivered_on=date(2026, 11, 2),
    )
    summary = summary_of(initiative)
    assert summary.risk_accepted_points == 4
    assert summary.cost_per_risk_point == Decimal(250_000)


def test_recording_a_delivery_updates_the_summary_at_once(owner):
    initiative = factories.InitiativeFactory(
        owner=owner, first_fiscal_year=2025, last_fiscal_year=2029
    )
    deliverable = factories.PartnerDeliverableFactory(
        initiative=initiative, due_fiscal_year=2025, political_risk=3
    )
    refresh_summary(initiative)
    assert summary_of(initiative).overdue_count == 1
    assert summary_of(initiative).highest_risk_accepted == 0
    record_delivery(
        initiative,
        deliverable,
        owner,
        status=method.DELIVERED,
        evidence="Seen",
        read_version=initiative.version,
    )
    summary = summary_of(initiative)
    assert (summary.overdue_count, summary.highest_risk_accepted) == (0, 3)
    assert summary.demonstrated == 100


def test_editing_a_row_in_the_guided_form_updates_the_summary(client, owner):
    initiative = factories.InitiativeFactory(
        owner=owner, first_fiscal_year=2025, last_fiscal_year=2029
    )
    factories.PartnerDeliverableFactory(initiative=initiative, due_fiscal_year=2025)
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "deliverables"])
    refresh_summary(initiative)
    assert method.NO_COSTLY_DELIVERABLE not in summary_of(initiative).flags
    response = submit(client, url, {"deliverables-0-political_risk": "1"})
    assert response.status_code == 302
    assert method.NO_COSTLY_DELIVERABLE in summary_of(initiative).flags


def test_a_review_transition_and_a_copy_keep_summaries(owner):
    initiative = factories.InitiativeFactory(owner=owner)
    factories.PartnerDeliverableFactory(initiative=initiative)
    copy = copy_initiative(initiative, owner)
    assert summary_of(copy).as_of == timezone.localdate()
    review.withdraw(initiative, owner)
    assert summary_of(initiative).as_of == timezone.localdate()


def test_the_daily_refresh_updates_summaries_whose_date_has_passed(owner):
    """Figures as of an earlier day (stored then: nothing overdue yet) are refreshed by the
    daily task; today's are left alone."""
    initiative = factories.InitiativeFactory(
        owner=owner, first_fiscal_year=2025, last_fiscal_year=2029
    )
    factories.PartnerDeliverableFactory(initiative=initiative, due_fiscal_year=2025)
    fresh = factories.InitiativeFactory(owner=owner)
    refresh_summary(fresh)
    refresh_summary(initiative)
    InitiativeSummary.objects.filter(initiative=initiative).update(
        as_of=date(2024, 1, 1), overdue_count=0
    )
    computed = summary_of(fresh).computed_at
    assert refresh_summaries_daily.call() == 1
    assert summary_of(initiative).overdue_count == 1
    assert summary_of(initiative).as_of == timezone.localdate()
    assert summary_of(fresh).computed_at == computed


def test_the_daily_refresh_keeps_one_copy_queued_for_the_next_midnight():
    from django_tasks_db.models import DBTaskResult

    assert schedule_daily_refresh() is True
    assert schedule_daily_refresh() is False
    queued = DBTaskResult.objects.get(task_path=refresh_summaries_daily.module_path)
    midnight = timezone.localtime(queued.run_after)
    assert midnight.date() == timezone.localdate() + timedelta(days=1)
    assert (midnight.hour, midnight.minute) == (0, 0)


def test_filters_select_by_partner_text_command_authority_year_status_and_flag(reader, owner):
    kestrela = factories.InitiativeFactory(
        partner=factories.PartnerFactory(country="Kestrela"), first_fiscal_year=2027
    )
    solmara = factories.InitiativeFactory(
        partner=factories.PartnerFactory(country="Solmara"),
        ccmd="EUCOM",
        funding_authority="1206",
        first_fiscal_year=2029,
        last_fiscal_year=2030,
    )
    factories.PartnerDeliverableFactory(initiative=solmara, verification_method="")
    refresh_all()
    Initiative.objects.filter(pk=solmara.pk).update(status=InitiativeStatus.SUBMITTED)

    def titles(query: str) -> set[str]:
        return {r["Initiative"] for r in csv_of(reader, query)}

    assert titles("?partner=estre") == {kestrela.title}
    assert titles("?ccmd=EUCOM") == {solmara.title}
    assert titles("?fiscal_year=2028") == {kestrela.title}
    assert titles("?status=submitted") == {solmara.title}
    assert titles(f"?flag={method.UNVERIFIABLE_DELIVERABLE}") == {solmara.title}
    page = reader.get(reverse("portfolio"), {"partner": "Solm"}).content.decode()
    assert solmara.title in page and kestrela.title not in page
    assert "1 initiative" in page


def test_an_invalid_filter_is_explained_not_a_500(reader):
    response = reader.get(reverse("portfolio"), {"fiscal_year": "1800"})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 2000" in response.content.decode()


def table_of(response) -> str:
    """The sortable table of the page (the chart's data table above it lists its own way)."""
    html = response.content.decode()
    return html[html.index("<h2>Initiatives</h2>") :]


def test_sorting_by_any_column_both_ways_marks_the_header(reader, owner):
    cheap = factories.InitiativeFactory(title="Cheap one")
    dear = factories.InitiativeFactory(title="Dear one")
    factories.USInputFactory(initiative=cheap, estimated_cost=Decimal(10))
    factories.USInputFactory(initiative=dear, estimated_cost=Decimal(900))
    refresh_all()
    page = table_of(reader.get(reverse("portfolio"), {"sort": "-cost"}))
    assert page.index("Dear one") < page.index("Cheap one")
    assert 'aria-sort="descending"' in page
    page = table_of(reader.get(reverse("portfolio"), {"sort": "cost"}))
    assert page.index("Cheap one") < page.index("Dear one")
    assert 'aria-sort="ascending"' in page
    assert [r["Initiative"] for r in csv_of(reader, "?sort=-cost")] == ["Dear one", "Cheap one"]
    from idd.services.portfolio import COLUMNS

    for column in COLUMNS:
        for sort in (column.key, f"-{column.key}"):
            assert reader.get(reverse("portfolio"), {"sort": sort}).status_code == 200
    assert reader.get(reverse("portfolio"), {"sort": "nonsense"}).status_code == 200


def test_csv_makes_formula_like_text_safe(reader):
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert safe_cell("Kestrela") == "Kestrela"
    assert safe_cell(-20) == -20  # numbers stay numbers
    factories.InitiativeFactory(
        title='=HYPERLINK("http://evil","x")',
        partner=factories.PartnerFactory(country="@SUM(A1)"),
    )
    refresh_all()
    (row,) = csv_of(reader)
    assert row["Initiative"] == '\'=HYPERLINK("http://evil","x")'
    assert row["Partner"] == "'@SUM(A1)"


def test_the_print_view_lists_the_filtered_initiatives_and_says_which(reader):
    factories.InitiativeFactory(title="Kestrela patrol", partner__country="Kestrela")
    factories.InitiativeFactory(title="Solmara patrol", partner__country="Solmara")
    refresh_all()
    page = reader.get(reverse("portfolio_print"), {"partner": "Kest"}).content.decode()
    assert "Kestrela patrol" in page and "Solmara patrol" not in page
    assert "1 initiative; Partner: Kest." in " ".join(page.split())
    assert "portfolio-print.css" in page


def test_planners_reviewers_and_administrators_find_it_in_the_navigation(
    client, owner, reviewer, no_role_user
):
    for user in (owner, reviewer):
        client.force_login(user)
        assert f'href="{reverse("portfolio")}"' in client.get(reverse("dashboard")).content.decode()
    client.force_login(no_role_user)
    assert f'href="{reverse("portfolio")}"' not in client.get(reverse("dashboard")).content.decode()
    assert client.get(reverse("portfolio")).status_code == 403
    assert client.get(reverse("portfolio_csv")).status_code == 403


@pytest.mark.parametrize("name", ["portfolio", "portfolio_print", "portfolio_csv"])
def test_query_count_stays_the_same_at_two_sizes(reader, name):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = reader.get(reverse(name))
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
        return len(captured)

    factories.InitiativeFactory()
    refresh_all()
    few = queries()
    for _ in range(30):
        initiative = factories.InitiativeFactory()
        factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
        factories.USInputFactory(initiative=initiative)
    refresh_all()
    assert queries() == few
    assert few <= 10
