"""Tables that fit (issue 12 item 5), in Chromium on the demo: on the initiative page, the
review page and the guided form's review step, the tables of partner deliverables, U.S.
inputs, risks, prior assistance and ratings show every column with its text wrapped at
1280 px, and become one card a row at 390 px, each value under its column's name, with no
sideways scrolling. axe finds nothing at either width. Screenshots go to SHOTS_DIR (default
the test's tmp_path)."""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import expect

from demo import scenario as demo
from idd.models import Initiative
from idd.reference import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLES = (  # each table's caption, as its accessible name
    "What the partner provides, when, how it is verified, and what it costs the partner "
    "politically",
    "What the U.S. provides, and the partner deliverables each input is gated on",
    "Risks, including those of the security cooperation dilemma, with likelihood and impact "
    "from 1 to 5",
    "U.S. assistance in the three fiscal years before the initiative",
    "The planner's ratings, 1 (lowest) to 5 (highest), with the justification for each",
)
PAGES = {  # the page, and the demo IDD it shows (the review step needs one still a draft)
    "initiative": ("/initiatives/{pk}/", "Kestrela coastal patrol capability"),
    "review": ("/initiatives/{pk}/review/", "Kestrela coastal patrol capability"),
    "form-review": ("/initiatives/{pk}/edit/review/", "Solmara harbor security partnership"),
}

# Per cell: its column header's text, its data-label, how it is laid out, and its edges.
CELLS = """table => {
  const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr')].flatMap(tr => [...tr.children].map((c, i) => ({
    header: headers[i], label: c.dataset.label, display: getComputedStyle(c).display,
    cut: c.scrollWidth > c.clientWidth + 1,
  })));
}"""


HEADERS_INSIDE = """table => {
  const column = table.parentElement.getBoundingClientRect();
  return [...table.querySelectorAll('thead th')].every(th => {
    const box = th.getBoundingClientRect();
    return box.width > 0 && box.left >= column.left - 1 && box.right <= column.right + 1;
  });
}"""


@pytest.fixture
def planner(login):
    for role in roles.ALL_ROLES:  # transactional tests flush the roles' data migration
        Group.objects.get_or_create(name=role)
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    spec = next(u for u in demo.DEMO_USERS if u.username == "planner")
    return login(User.objects.get(username=spec.username), spec.password)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(page, live_server, name: str, width: int):
    path, title = PAGES[name]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path.format(pk=Initiative.objects.get(title=title).pk))
    return [page.get_by_role("table", name=caption, exact=True) for caption in TABLES]


def assert_page_does_not_scroll_sideways(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
def test_at_1280_px_every_column_shows_and_its_text_wraps(planner, live_server, shots, name):
    page = planner
    for table in open_page(page, live_server, name, 1280):
        expect(table.locator("thead")).to_be_visible()
        # Every column header lies inside the column of the page that holds the table.
        assert table.evaluate(HEADERS_INSIDE), "a column lies outside the page"
        for cell in table.evaluate(CELLS):
            assert cell["display"] == "table-cell" and not cell["cut"], cell
    assert_page_does_not_scroll_sideways(page)
    assert_accessible(page)
    page.screenshot(path=shots / f"tables-{name}-1280.png", full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_at_390_px_each_row_is_a_card_of_labeled_values(planner, live_server, shots, name):
    page = planner
    for table in open_page(page, live_server, name, 390):
        expect(table.locator("thead")).to_be_hidden()
        for cell in table.evaluate(CELLS):
            assert cell["display"] == "block" and cell["label"] == cell["header"], cell
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_page_does_not_scroll_sideways(page)
    assert_accessible(page)
    page.screenshot(path=shots / f"tables-{name}-390.png", full_page=True)
