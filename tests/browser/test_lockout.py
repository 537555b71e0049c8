"""Three failed sign-ins in a row lock the account (docs/adr/0015): the form warns at two
and one attempts left, then says the account is locked and who unlocks it, and the right
password is refused too; the page stays accessible."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCKED = "This account is locked after 3 failed sign-ins in a row, until an administrator"


def test_the_lock_is_announced_and_holds_against_the_right_password(page, live_server, tmp_path):
    factories.planner(username="dana")
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    page.goto(f"{live_server.url}/accounts/login/")

    def sign_in(password: str) -> None:
        page.get_by_label("Username").fill("dana")
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()

    for left in (2, 1):
        sign_in("not-the-password")
        attempts = "attempt" if left == 1 else "attempts"
        expect(page.get_by_role("alert").filter(has_text="more failed")).to_contain_text(
            re.compile(rf"{left} more failed {attempts}\s+locks? this account until an admin")
        )
    page.screenshot(path=shots / "lockout-warning.png", full_page=True)

    sign_in("not-the-password")
    expect(page.get_by_text(LOCKED)).to_be_visible()
    sign_in(factories.PASSWORD)
    expect(page.get_by_text(LOCKED)).to_be_visible()
    expect(page.get_by_text("Until then even the right password is refused")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / "locked-out.png", full_page=True)
