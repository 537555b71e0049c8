"""Drafts to manage, in Chromium: the owner deletes a draft after its confirmation page, a
planner copies an initiative and lands on the copy's first step, and Submit goes through the
page that lists what the reviewers will receive. axe finds nothing on the new pages."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from idd.models import Initiative
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests import factories
from tests.review.conftest import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check(page: Page, shots: Path, name: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / f"{name}.png", full_page=True)


def message(page: Page, text: str) -> None:
    expect(page.locator(".usa-alert").filter(has_text=text)).to_be_visible()


@pytest.fixture
def people(db):
    return {
        "owner": factories.planner(username="dana", first_name="Dana", last_name="Ortiz"),
        "teammate": factories.planner(username="sam", first_name="Sam", last_name="Whitfield"),
        "outsider": factories.planner(username="kim", first_name="Kim", last_name="Park"),
    }


def test_the_owner_deletes_a_draft_after_seeing_what_goes(page, live_server, login, people, shots):
    initiative = complete_initiative(people["owner"], people["teammate"])
    login(people["owner"])
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    check(page, shots, "initiative-with-delete-and-copy")
    page.get_by_role("link", name="Delete draft").click()
    expect(
        page.get_by_role("heading", name=f"Delete the draft “{initiative.title}”?")
    ).to_be_visible()
    expect(page.get_by_text("2 partner deliverables")).to_be_visible()
    check(page, shots, "delete-draft")
    # Cancel keeps it.
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", name=initiative.title, level=1)).to_be_visible()
    page.get_by_role("link", name="Delete draft").click()
    page.get_by_role("button", name="Delete this draft").click()
    expect(page).to_have_url(f"{live_server.url}/")
    message(page, f"The draft “{initiative.title}” was deleted.")
    check(page, shots, "dashboard-after-delete")
    assert not Initiative.objects.filter(pk=initiative.pk).exists()


def test_a_planner_copies_an_initiative_and_starts_on_its_first_step(
    page, live_server, login, people, shots
):
    initiative = complete_initiative(people["owner"], people["teammate"])
    login(people["outsider"])
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    page.get_by_role("button", name="Copy as a new initiative").click()
    message(page, f"This is a new draft copied from “{initiative.title}”")
    expect(page.get_by_label("Title")).to_have_value(f"Copy of {initiative.title}")
    copy = Initiative.objects.exclude(pk=initiative.pk).get()
    assert copy.owner == people["outsider"]
    assert copy.partner_deliverables.count() == 2
    check(page, shots, "copy-first-step")


def test_submit_goes_through_the_page_of_what_the_reviewers_receive(
    page, live_server, login, people, shots
):
    initiative = complete_initiative(people["owner"], people["teammate"])
    login(people["teammate"])
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/review/")
    page.get_by_role("link", name="Submit for review").click()
    expect(page.get_by_role("heading", name="What the reviewers will receive")).to_be_visible()
    expect(page.get_by_role("row", name="Partner deliverables 2")).to_be_visible()
    expect(page.get_by_role("row", name="Risks 3")).to_be_visible()
    check(page, shots, "submit-confirmation")
    page.get_by_role("button", name="Submit for review", exact=True).click()
    message(page, "The IDD was submitted for review.")
    assert Initiative.objects.get(pk=initiative.pk).status == S.SUBMITTED


def test_an_incomplete_draft_says_what_is_missing_before_submit(
    page, live_server, login, people, shots
):
    initiative = factories.InitiativeFactory(owner=people["owner"])
    login(people["owner"])
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/submit/confirm/")
    expect(
        page.get_by_role("heading", name="Still to fill in before it can be sent")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)
    check(page, shots, "submit-confirmation-incomplete")


def test_withdrawn_initiatives_are_shown_only_on_request(page, live_server, login, people, shots):
    owner = people["owner"]
    live = factories.InitiativeFactory(owner=owner, title="Coastal patrol company")
    gone = factories.InitiativeFactory(owner=owner, title="Abandoned radar upgrade")
    review.withdraw(gone, owner)
    login(owner)
    mine = page.locator("section", has=page.get_by_role("heading", name="My initiatives"))
    expect(mine.get_by_role("link", name=live.title)).to_be_visible()
    expect(mine.get_by_role("link", name=gone.title)).to_have_count(0)
    check(page, shots, "dashboard-withdrawn-link")
    mine.get_by_role("link", name="1 withdrawn initiative not shown: see it").click()
    expect(page.get_by_role("link", name=gone.title)).to_be_visible()
    expect(page.get_by_label("Show withdrawn initiatives")).to_be_checked()
    check(page, shots, "list-withdrawn-shown")
    # The list's default leaves them out again.
    page.get_by_role("link", name="Clear", exact=True).click()
    expect(page.get_by_role("link", name=live.title)).to_be_visible()
    expect(page.get_by_role("link", name=gone.title)).to_have_count(0)
