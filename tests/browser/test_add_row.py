""" "Add another …" inserts a row in place with JavaScript (static/js/add-row.js), in
Chromium: the page is not reloaded, focus goes to the new row's first field, a live region
says which row was added, ids stay unique, and the row is validated and saved by the server
like any other; at the row limit the button gives way to the limit's hint. Without
JavaScript the button saves and reloads (tests/guided_form/test_saving.py)."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from idd.forms.risks import RiskRows
from idd.models import Indicator, PartnerDeliverable, Risk, USInput
from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}"""


@pytest.fixture
def owned_draft(login, page):
    """A complete draft (two deliverables, one U.S. input, an objective a year, three risks),
    its owner signed in."""
    owner = factories.planner(username="dana")
    login(owner)
    return complete_initiative(owner, factories.planner(username="sam"))


def open_step(page: Page, live_server, draft, slug: str) -> None:
    page.goto(f"{live_server.url}/initiatives/{draft.pk}/edit/{slug}/")
    page.evaluate("window.stillThisPage = true")  # gone if the page is loaded again


def add(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    assert page.evaluate("window.stillThisPage") is True, "the page was reloaded"


def row(page: Page, legend: str):
    return page.get_by_role("group", name=legend, exact=True)


def announced(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=" added.")).to_have_text(text)


def tick(box) -> None:
    """Tick a USWDS checkbox by its label, as a person does (the label draws the box)."""
    box.page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).to_be_checked()


def save(page: Page) -> None:
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.wait_for_load_state("load")


def test_a_deliverable_is_added_in_place_kept_through_a_failed_save_and_saved(
    owned_draft, page: Page, live_server, tmp_path
):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    open_step(page, live_server, owned_draft, "deliverables")
    page.screenshot(path=shots / "add-row-before.png", full_page=True)

    add(page, "Add another deliverable")

    third = row(page, "Partner deliverable 3")
    expect(third.get_by_label("What the partner delivers")).to_be_focused()
    announced(page, "Partner deliverable 3 added.")
    count = third.locator(".usa-character-count__status").first
    expect(count).to_have_text("300 characters allowed")
    page.screenshot(path=shots / "add-row-after.png", full_page=True)
    page.screenshot(path=shots / "add-row-after-in-view.png")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    third.get_by_label("What the partner delivers").fill("Pass the coast guard act")
    expect(count).to_have_text("276 characters left")  # USWDS counts in the new row too
    third.get_by_label("Category").select_option(index=1)
    third.get_by_label("Due fiscal year").select_option(label="FY2029")
    third.get_by_label("Due quarter").select_option(index=2)
    third.get_by_label("Political risk to the partner").select_option(index=5)
    add(page, "Add another deliverable")  # a second one, left empty: ignored on save
    fourth = row(page, "Partner deliverable 4")
    expect(fourth.get_by_label("What the partner delivers")).to_be_focused()
    announced(page, "Partner deliverable 4 added.")
    assert page.evaluate(DUPLICATE_IDS) == []

    # No verification method: the server refuses it, and the page keeps the added rows.
    save(page)
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Say how delivery will be verified"
    )
    third = row(page, "Partner deliverable 3")
    title = third.get_by_label("What the partner delivers")
    expect(title).to_have_value("Pass the coast guard act")
    expect(row(page, "Partner deliverable 4")).to_be_visible()
    third.get_by_label("How it will be verified").fill("The act in the official gazette")
    save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U.S. inputs matched to partner deliverables"
    )
    added = PartnerDeliverable.objects.get(initiative=owned_draft, title="Pass the coast guard act")
    assert (added.due_fiscal_year, added.political_risk) == (2029, 5)
    assert added.reference == "D3"
    assert PartnerDeliverable.objects.filter(initiative=owned_draft).count() == 3


def test_inputs_objectives_with_their_indicators_and_risks_are_added_in_place(
    owned_draft, page: Page, live_server, monkeypatch, tmp_path
):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    # A U.S. input, matched by ticking a deliverable in the new row.
    open_step(page, live_server, owned_draft, "us-inputs")
    add(page, "Add another U.S. input")
    second = row(page, "U.S. input 2")
    expect(second.get_by_label("What the U.S. provides")).to_be_focused()
    announced(page, "U.S. input 2 added.")
    second.get_by_label("What the U.S. provides").fill("Boarding training")
    second.get_by_label("Category").select_option(label="Training")
    second.get_by_label("Fiscal year").select_option(label="FY2028")
    tick(second.get_by_label(re.compile(r"^D2 Fund fuel")))
    assert page.evaluate(DUPLICATE_IDS) == []
    save(page)
    training = USInput.objects.get(initiative=owned_draft, title="Boarding training")
    assert [d.title for d in training.matched_deliverables.all()] == [
        "Fund fuel and spare parts in the defense budget"
    ]

    # An objective, and a second indicator inside it: the row inside the new row.
    expect(page.get_by_role("heading", level=1)).to_have_text("Yearly objectives and indicators")
    page.evaluate("window.stillThisPage = true")
    add(page, "Add another FY2028 objective")
    objective = row(page, "FY2028 objective 2")
    expect(objective.get_by_label(re.compile(r"^Objective\b"))).to_be_focused()
    objective.get_by_label(re.compile(r"^Objective\b")).fill("The company patrols weekly.")
    add(page, "Add another indicator to FY2028 objective 2")
    second_indicator = objective.get_by_role("group", name="Indicator 2", exact=True)
    expect(second_indicator.get_by_label("Indicator of success")).to_be_focused()
    announced(page, "Indicator 2 added.")
    page.screenshot(path=shots / "add-row-indicator.png")
    for number, what in ((1, "Patrols a week"), (2, "Boardings a month")):
        indicator = objective.get_by_role("group", name=f"Indicator {number}", exact=True)
        indicator.get_by_label("Indicator of success").fill(what)
        indicator.get_by_label("Baseline").fill("0")
        indicator.get_by_label("Target").fill("4")
        indicator.get_by_label("How it is measured").fill("Patrol logs")
    assert page.evaluate(DUPLICATE_IDS) == []
    save(page)
    assert list(
        Indicator.objects.filter(objective__objective="The company patrols weekly.")
        .order_by("position")
        .values_list("description", flat=True)
    ) == ["Patrols a week", "Boardings a month"]

    # A risk up to the limit: the button gives way to the hint, as the server shows it.
    monkeypatch.setattr(RiskRows, "max_num", 4)
    monkeypatch.setattr(RiskRows, "absolute_max", 4)
    open_step(page, live_server, owned_draft, "risks")
    add(page, "Add another risk")
    fourth = row(page, "Risk 4")
    expect(fourth.get_by_label("Category")).to_be_focused()
    expect(page.get_by_role("button", name="Add another risk")).to_have_count(0)
    limit = page.get_by_text("An IDD holds at most 4 of these rows here.")
    expect(limit).to_be_visible()
    fourth.get_by_label("Category").select_option(index=4)
    fourth.get_by_label("Description").fill("The boats sit idle without fuel.")
    fourth.get_by_label("Likelihood").select_option(index=3)
    fourth.get_by_label("Impact").select_option(index=3)
    save(page)
    assert Risk.objects.filter(initiative=owned_draft).count() == 4
