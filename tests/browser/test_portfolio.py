"""The portfolio in Chromium on the demo: axe finds nothing on the page or its print
view, a column heading sorts the table and says so (aria-sort), and the filters narrow
it. Screenshots go to SHOTS_DIR (default the test's tmp_path)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import expect

from demo import scenario as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewer_page(login, fresh_demo):
    spec = next(u for u in demo.DEMO_USERS if u.username == "reviewer")
    return login(User.objects.get(username=spec.username), spec.password)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_portfolio_sorts_filters_and_passes_axe(reviewer_page, live_server, shots):
    page = reviewer_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Portfolio", exact=True).click()
    expect(page.get_by_role("heading", name="Portfolio", level=1)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=shots / "portfolio-1280.png", full_page=True)

    table = page.get_by_role("table", name="Initiatives, sorted by", exact=False)
    cost = table.get_by_role("columnheader", name="Total U.S. cost")
    cost.get_by_role("link").click()
    expect(table.get_by_role("columnheader", name="Total U.S. cost")).to_have_attribute(
        "aria-sort", "descending"
    )
    amounts = table.locator("tbody tr td:nth-child(14)").all_inner_texts()
    values = [int(a.strip("$").replace(",", "")) for a in amounts if a.startswith("$")]
    assert values == sorted(values, reverse=True) and values

    page.get_by_label("Partner").fill("Kestrela")
    page.get_by_role("button", name="Apply filters").click()
    partners = table.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert partners and all("Kestrela" in p for p in partners), partners
    assert_accessible(page)

    page.get_by_role("link", name="Print view").click()
    page.emulate_media(media="print")
    expect(page.locator("header.usa-header")).to_be_hidden()
    assert_accessible(page)
    page.screenshot(path=shots / "portfolio-print.png", full_page=True)


# The table's scrolling region (table.html) and the page, measured at a laptop's width.
WIDTHS = """() => {
  const region = document.querySelector('.portfolio-table');
  return {page: document.documentElement.scrollWidth,
          scroll: region.scrollWidth, client: region.clientWidth};
}"""


def test_the_table_fits_a_1366_px_screen_without_scrolling_sideways(
    reviewer_page, live_server, shots
):
    """Issue 24, item 14: flags, overdue counts and the U.S. cost were cut off at 1366 px."""
    page = reviewer_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(live_server.url + "/portfolio/")
    table = page.get_by_role("table", name="Initiatives, sorted by", exact=False)
    for name in ("Flags", "Overdue partner deliverables", "U.S. inputs overdue", "Total U.S. cost"):
        expect(table.get_by_role("columnheader", name=name)).to_be_visible()
    widths = page.evaluate(WIDTHS)
    assert widths["page"] <= 1366, widths
    assert widths["scroll"] <= widths["client"], widths
    # Every column heading still sorts (a link), and the sorted one says so.
    assert table.locator("thead th a.portfolio-sort").count() == 16
    table.get_by_role("columnheader", name="U.S. inputs overdue").get_by_role("link").click()
    expect(table.get_by_role("columnheader", name="U.S. inputs overdue")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert page.evaluate(WIDTHS)["scroll"] <= page.evaluate(WIDTHS)["client"]
    assert_accessible(page)
    table.scroll_into_view_if_needed()
    page.screenshot(path=shots / "portfolio-1366.png", full_page=True)
