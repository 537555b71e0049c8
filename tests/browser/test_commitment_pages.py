"""Issue 11 in Chromium: demonstrated commitment beside the delivery record on the dashboard
and the initiative page, the swimlane timeline on the initiative page, checked with axe at
desktop and phone width, for the demo's gift-taker and its committed partner."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import expect

from demo import scenario as demo
from idd.models import Initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANNOT = "Cannot be demonstrated: nothing in the plan costs the partner anything"
SWIMLANE = "Timeline: partner deliverables and the U.S. inputs gated on them"
WIDTHS = {"desktop": 1280, "phone": 390}


def assert_accessible(page, context: str | None = None) -> None:
    results = Axe().run(page, context=context)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def seeded(fresh_demo) -> dict[str, Initiative]:
    return {
        "gifts": Initiative.objects.get(title="Solmara harbor security partnership"),
        "committed": Initiative.objects.get(title="Kestrela coastal patrol capability"),
    }


@pytest.fixture
def planner(seeded, login):
    spec = next(u for u in demo.DEMO_USERS if u.username == "planner")
    return login(User.objects.get(username=spec.username), spec.password)


def fits_the_width(page) -> None:
    """The two figures and the chart stay inside the window (the chart and its tables scroll in
    their own region)."""
    for selector in (".initiative-commitment", ".swimlane-chart-scroll"):
        right = page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().right")
        assert right <= page.viewport_size["width"], selector


@pytest.mark.parametrize("width", WIDTHS)
def test_the_gift_takers_page_reads_cannot_be_demonstrated_beside_its_record(
    planner, seeded, live_server, tmp_path, width
):
    page = planner
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{live_server.url}/initiatives/{seeded['gifts'].pk}/")
    glance = page.locator(".initiative-commitment")
    expect(glance).to_contain_text(f"Demonstrated commitment (costly acts) {CANNOT}")
    expect(glance).to_contain_text("Delivery record (reliability, not commitment)")
    expect(glance).not_to_contain_text("Committed")
    chart = page.get_by_role("img", name=SWIMLANE)
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Partner deliverables on the timeline")).to_be_attached()
    fits_the_width(page)
    assert_accessible(page)
    page.screenshot(path=tmp_path / f"initiative-gifts-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_committed_partners_page_shows_the_three_figures_and_the_timeline(
    planner, seeded, live_server, tmp_path, width
):
    page = planner
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{live_server.url}/initiatives/{seeded['committed'].pk}/")
    glance = page.locator(".initiative-commitment")
    # Demonstrated commitment, the partner's delivery record, the U.S. delivery record.
    expect(glance.locator(".commitment-headline__value")).to_have_count(3)
    for value in glance.locator(".commitment-headline__value").all_inner_texts():
        assert value.endswith(" of 100")
    expect(page.get_by_role("img", name=SWIMLANE)).to_be_visible()
    fits_the_width(page)
    assert_accessible(page)
    page.screenshot(path=tmp_path / f"initiative-committed-{width}.png", full_page=True)


def test_the_dashboard_and_the_overview_show_both_figures_accessibly(
    planner, seeded, live_server, tmp_path
):
    page = planner
    page.goto(f"{live_server.url}/")
    card = page.locator(".usa-card", has_text="Solmara harbor security partnership")
    expect(card).to_contain_text(CANNOT)
    expect(card).to_contain_text("Delivery record (reliability, not commitment)")
    row = page.get_by_role("row", name="Kestrela coastal patrol capability")
    expect(row).to_contain_text(" of 100")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "dashboard-desktop.png", full_page=True)
    page.goto(f"{live_server.url}/initiatives/{seeded['gifts'].pk}/commitment/")
    header = page.get_by_role("columnheader", name="Delivery record (reliability, not commitment)")
    expect(header).to_be_visible()
    expect(page.get_by_role("columnheader", name="U.S. delivery record")).to_be_visible()
    assert_accessible(page)


def test_the_us_side_of_the_ledger_reads_and_records_accessibly(planner, seeded, live_server):
    """Kestrela's commitment page: the U.S. inputs as recorded, held back or overdue, the
    U.S. delivery record beside the partner's and the abandonment flag; recording what the
    U.S. did passes axe too."""
    page = planner
    committed = seeded["committed"]
    page.goto(f"{live_server.url}/initiatives/{committed.pk}/commitment/")
    table = page.locator("section[aria-labelledby='us-inputs-record']")
    expect(table).to_contain_text("Overdue since 30 Jun 2026")
    expect(table).to_contain_text("Held back: waiting on D4, D5")
    expect(page.locator(".commitment-figures").first).to_contain_text(
        "U.S. delivery record (what the U.S. promised)"
    )
    expect(
        page.get_by_role("heading", name="Abandonment risk: the U.S. is not delivering")
    ).to_be_visible()
    assert_accessible(page)
    table.get_by_role("link", name="Record what the U.S. did: Boarding").click()
    expect(page.get_by_role("heading", name="Record what the U.S. did")).to_be_visible()
    page.get_by_label("Cause of a delay").select_option("other")
    page.get_by_label("About the delay").fill("")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("“Other” needs a few words").first).to_be_visible()
    assert_accessible(page)
