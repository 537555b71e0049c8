"""After repeated failed sign-ins the page says, in the site's frame, when to try again."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cool_off_page_says_when_to_try_again(page, live_server, settings, tmp_path):
    settings.AXES_FAILURE_LIMIT = 3
    factories.planner(username="dana")
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(3):
        page.get_by_label("Username").fill("dana")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Too many failed sign-in attempts")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile(r"paused for\s+5 minutes\.\s+Try again after\s+\d\d:\d\d UTC")
    )
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=tmp_path / "locked-out.png", full_page=True)
    page.get_by_role("link", name="Return to sign-in").click()
    expect(page.get_by_label("Username")).to_be_visible()
