"""The review page's forms, sent empty, show their errors and stay accessible: axe finds
nothing on the page with a comment's error or a decision's error (the crawl reaches the
guided form's errors; these states only a reviewer's action reaches)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from idd.reference.choices import InitiativeStatus
from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_empty_comment_and_a_decision_without_a_reason_stay_accessible(
    page: Page, live_server, login
):
    initiative = complete_initiative(status=InitiativeStatus.IN_REVIEW)
    login(factories.reviewer(username="hale"))
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/review/")
    section = page.get_by_role("region", name="Partner deliverables", exact=True)
    section.get_by_text("Write a comment on Partner deliverables").click()
    section.get_by_role("button", name="Add comment on Partner deliverables").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Request changes (return it to the planners)").click()
    page.get_by_role("button", name="Record decision", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Say what needs to change")
    assert_accessible(page)
