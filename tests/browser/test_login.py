"""A planner signs in through the real form in Chromium and lands on the dashboard; wrong
passwords are explained, then pause sign-in; axe finds nothing on these pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_sign_in_shows_dashboard_with_marking_banners(page, live_server, login, tmp_path):
    user = factories.planner(username="dana")
    factories.InitiativeFactory(owner=user, title="Coastal patrol capability")

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "login.png", full_page=True)

    login(user)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page).to_have_title("Dashboard · IDD Workbench")
    expect(
        page.get_by_role("link", name="Coastal patrol capability", exact=True).first
    ).to_be_visible()
    markings = page.get_by_role("region", name=re.compile("Classification marking"))
    expect(markings).to_have_count(2)
    expect(markings.first).to_have_text("UNCLASSIFIED")
    expect(markings.last).to_have_text("UNCLASSIFIED")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "dashboard.png", full_page=True)


def test_wrong_passwords_keep_the_username_explain_and_pause_sign_in(page, live_server, settings):
    """What the pages say is in tests/accounts/test_throttling.py; here axe checks them."""
    settings.AXES_FAILURE_LIMIT = 2
    user = factories.planner(username="dana")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    wrong = page.get_by_role("alert").filter(has_text="enter a correct username and password")
    expect(wrong).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("dana")
    expect(page.get_by_role("alert").filter(has_text="more failed")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Too many failed sign-in attempts")).to_be_visible()
    assert_accessible(page)


def test_a_temporary_password_holds_the_person_on_the_change_page_until_changed(page, live_server):
    """STIG V-222547: what the page says is in tests/accounts/test_password_rules.py;
    here the person is held there, a refused password is explained, axe finds nothing."""
    user = factories.planner(username="dana", password_chosen=False)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/password/")
    held = page.get_by_role("alert").filter(has_text="Change your password to continue")
    expect(held).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/password/")
    page.get_by_label("Old password").fill(factories.PASSWORD)
    page.get_by_label(re.compile(r"^New password \*$")).fill(factories.PASSWORD + "!")
    page.get_by_label("New password confirmation").fill(factories.PASSWORD + "!")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("a new password must change at least 8").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Old password").fill(factories.PASSWORD)
    page.get_by_label(re.compile(r"^New password \*$")).fill("Amber-Falcon-River-11")
    page.get_by_label("New password confirmation").fill("Amber-Falcon-River-11")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
