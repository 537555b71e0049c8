"""After repeated failed sign-ins the page says, in the site's frame, until when (in UTC)
sign-in is paused, that even the right password waits, and how to get in sooner."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cool_off_page_says_when_to_try_again(page, live_server, settings, tmp_path):
    settings.AXES_FAILURE_LIMIT = 3
    factories.planner(username="dana")
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    page.goto(f"{live_server.url}/accounts/login/")
    for left in (2, 1):
        page.get_by_label("Username").fill("dana")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        attempts = "attempt" if left == 1 else "attempts"
        expect(page.get_by_role("alert").filter(has_text="more failed")).to_contain_text(
            re.compile(rf"{left} more failed {attempts}\s+pauses? sign-in .* for\s+5 minutes")
        )
    page.screenshot(path=shots / "lockout-warning.png", full_page=True)

    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Too many failed sign-in attempts")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile(r"paused for\s+5 minutes, until\s+\d\d:\d\d UTC\s+\(Coordinated Universal")
    )
    expect(page.get_by_text("Until then even the right password is refused")).to_be_visible()
    expect(page.get_by_text("Access attempts")).to_be_visible()
    expect(page.get_by_role("link", name="Return to sign-in")).to_have_count(0)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / "locked-out.png", full_page=True)

    # The right password too early: refused, and the time does not move.
    until = page.locator("time").inner_text()
    page.get_by_role("link", name=re.compile(r"Sign in after \d\d:\d\d UTC")).click()
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Too many failed sign-in attempts")).to_be_visible()
    expect(page.locator("time")).to_have_text(until)
