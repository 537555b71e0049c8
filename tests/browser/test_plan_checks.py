"""In Chromium: the plan checks beside the rows they name once the step is saved, the
swimlane on the U.S. inputs step at desktop and phone widths, and the delivery's date on
the recording page; axe finds nothing on any of them. Screenshots go to SHOTS_DIR
(default the test's tmp_path)."""

import os
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from assessments.method import EQUIPMENT_CATEGORY, POLITICAL_RISK_CHOICES
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
RISK_LABELS = dict(POLITICAL_RISK_CHOICES)
EARLY_REFORM = "Institutional reform scheduled in the first year"


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def shoot(page: Page, shots: Path, name: str) -> None:
    for label, size in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=shots / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def planner_page(page, login):
    owner = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    initiative = factories.InitiativeFactory(
        owner=owner, title="Kestrela coastal patrol", first_fiscal_year=2027
    )
    page.set_viewport_size(DESKTOP)
    login(owner)
    return page, initiative


def test_a_saved_costly_deliverable_due_too_early_is_flagged_in_its_row(
    planner_page, live_server, shots
):
    page, initiative = planner_page
    page.goto(live_server.url + reverse("wizard_step", args=[initiative.pk, "deliverables"]))
    row = page.get_by_role("group", name="Partner deliverable 1", exact=True)
    row.get_by_label("What the partner delivers").fill("Make promotion in the company merit-based")
    row.get_by_label("Category").select_option(label="Merit-based promotion")
    row.get_by_label("Due fiscal year").select_option(label="FY2027")
    row.get_by_label("Due quarter").select_option(label="Q3 (Apr–Jun)")
    row.get_by_label("How it will be verified").fill("Promotion board minutes, sampled")
    row.get_by_label("Political risk to the partner").select_option(label=RISK_LABELS[4])
    expect(row).not_to_contain_text(EARLY_REFORM)  # not saved yet: nothing to check
    page.get_by_role("button", name="Save and exit").click()
    page.goto(live_server.url + reverse("wizard_step", args=[initiative.pk, "deliverables"]))
    page.get_by_role("button", name="Add another deliverable").click()  # in place: no save
    row = page.get_by_role("group", name="Partner deliverable 1", exact=True)
    expect(row).to_contain_text(EARLY_REFORM)
    expect(row).to_contain_text("Plan check, to consider")
    expect(row).to_contain_text("What to do: Move it to a later year")
    expect(page.get_by_role("group", name="Partner deliverable 2", exact=True)).not_to_contain_text(
        "Plan check"
    )
    expect(page.get_by_role("heading", name="Plan checks on what is saved")).to_be_visible()
    assert_accessible(page)
    shoot(page, shots, "deliverables-step-checks")

    # A deliverable stored without a verification method (before it was required).
    factories.PartnerDeliverableFactory(
        initiative=initiative, title="Fund fuel", due_fiscal_year=2028, verification_method=""
    )
    page.reload()
    unverifiable = page.get_by_role("group", name="Partner deliverable 2", exact=True)
    expect(unverifiable).to_contain_text("Deliverable cannot be verified")
    expect(unverifiable).to_contain_text("Plan check, warning")
    assert_accessible(page)


def test_the_us_inputs_step_shows_its_checks_and_the_swimlane_at_both_widths(
    planner_page, live_server, shots
):
    page, initiative = planner_page
    fuel = factories.PartnerDeliverableFactory(
        initiative=initiative, title="Fund fuel in the budget", due_fiscal_year=2028
    )
    boats = factories.USInputFactory(
        initiative=initiative, title="Four patrol boats", category=EQUIPMENT_CATEGORY
    )
    boats.matched_deliverables.set([fuel])
    factories.USInputFactory(initiative=initiative, title="Ceremony and advisers")
    page.goto(live_server.url + reverse("wizard_step", args=[initiative.pk, "us-inputs"]))

    first = page.get_by_role("group", name="U.S. input 1", exact=True)
    expect(first).to_contain_text("U.S. input ahead of the partner")
    expect(first).to_contain_text("Equipment with no partner-funded sustainment")
    second = page.get_by_role("group", name="U.S. input 2", exact=True)
    expect(second).to_contain_text("U.S. input not matched to a partner deliverable")

    chart = page.get_by_role("img", name="Timeline: partner deliverables and the U.S. inputs")
    expect(chart).to_be_visible()
    region = page.locator(".swimlane-chart-scroll")
    # At 1280 px the whole chart fits the step's column: nothing to scroll.
    column = page.locator("main .desktop\\:grid-col-8").first
    assert region.bounding_box()["width"] <= column.bounding_box()["width"]
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert_accessible(page)
    shoot(page, shots, "us-inputs-step-swimlane")

    page.set_viewport_size(PHONE)
    # The chart scrolls inside its own region; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert_accessible(page)


def test_the_recording_page_asks_the_date_and_says_how_late(planner_page, live_server, shots):
    page, initiative = planner_page
    late = factories.PartnerDeliverableFactory(
        initiative=initiative,
        title="Fund fuel",
        due_fiscal_year=2026,
        due_quarter=1,
        status="delivered",
        delivered_on=date(2026, 3, 10),
    )
    page.goto(live_server.url + reverse("deliverable_record", args=[initiative.pk, late.pk]))
    expect(page.get_by_text("Delivered 3 months late")).to_be_visible()
    expect(page.get_by_label("Date delivered")).to_have_value("2026-03-10")
    assert_accessible(page)
    page.get_by_label("Evidence seen").fill("Budget line seen")
    page.get_by_label("Date delivered").fill("2099-01-01")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be in the future")
    expect(page.get_by_label("Date delivered")).to_have_value("2099-01-01")
    expect(page.get_by_label("Evidence seen")).to_have_value("Budget line seen")
    assert_accessible(page)
    page.screenshot(path=shots / "record-delivery-future-date-1280.png", full_page=True)
