"""Partner unit requests in a browser: from the basics step (what was typed is saved
first), the request form, and the administrator's dashboard; axe-clean, with screenshots
of the two pages (UNIT_SCREENSHOTS, a folder, keeps them)."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from idd.models import Initiative, PartnerUnit, PartnerUnitRequest
from idd.reference import roles
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("UNIT_SCREENSHOTS", "")


def signed_in(browser: Browser, url: str, user) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")
    return page


def no_axe_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_planner_asks_an_administrator_accepts_and_the_planner_ticks_the_unit(
    browser: Browser, live_server, owner, initiative
):
    factories.PartnerUnitFactory(partner=initiative.partner, name="Old flotilla")
    planner = signed_in(browser, live_server.url, owner)
    planner.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/basics/")
    planner.get_by_label(re.compile(r"^Initiative title")).fill("Typed before asking")
    planner.get_by_role("button", name="My unit is not listed: request it").click()
    expect(planner.get_by_role("heading", level=1)).to_have_text("Request a partner unit")
    assert Initiative.objects.get(pk=initiative.pk).title == "Typed before asking"
    no_axe_violations(planner)
    shot(planner, "unit-request-form")

    planner.get_by_role("button", name="Send the request").click()  # empty: its errors
    expect(planner.get_by_role("alert")).to_contain_text("There is a problem")
    planner.get_by_label(re.compile(r"^Unit name")).fill("Old FLOTILLA")
    planner.get_by_label(re.compile(r"^Service or branch")).fill("Navy")
    planner.get_by_label(re.compile(r"^Why the initiative needs it")).fill("Crews the boats.")
    planner.get_by_role("button", name="Send the request").click()
    expect(planner.get_by_role("alert")).to_contain_text("already has the unit “Old flotilla”")
    expect(planner.get_by_label(re.compile(r"^Why the initiative"))).to_have_value(
        "Crews the boats."
    )
    no_axe_violations(planner)
    shot(planner, "unit-request-form-refused")
    planner.get_by_label(re.compile(r"^Unit name")).fill("3rd riverine coy")
    planner.get_by_role("button", name="Send the request").click()
    expect(planner.get_by_role("heading", level=1)).to_have_text("Basics")
    assert PartnerUnitRequest.objects.get().status == "open"

    admin_user = factories.UserFactory(
        username="admin", role=roles.ADMINISTRATOR, first_name="Alex", last_name="Reyes"
    )
    admin = signed_in(browser, live_server.url, admin_user)
    panel = admin.get_by_role("region", name="Partner unit requests")
    expect(panel).to_contain_text("3rd riverine coy")
    expect(panel).to_contain_text("Crews the boats.")
    no_axe_violations(admin)
    shot(admin, "admin-dashboard-unit-request")
    planner.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/basics/")
    shot(planner, "basics-step-request-button")
    panel.get_by_label("Unit name as it will be listed").fill("3rd Riverine Company")
    panel.get_by_role("button", name="Accept").click()
    expect(admin.locator(".usa-alert--success")).to_contain_text("3rd Riverine Company")
    expect(admin.get_by_role("region", name="Partner unit requests")).to_contain_text(
        "No partner unit is waiting"
    )
    shot(admin, "admin-dashboard-accepted")

    planner.goto(f"{live_server.url}/")
    mine = planner.get_by_role("region", name="Your unit requests")
    expect(mine).to_contain_text("Accepted")
    shot(planner, "planner-dashboard-your-unit-requests")
    mine.get_by_role("link", name=re.compile("Tick it on the basics step")).click()
    planner.locator("label", has_text="3rd Riverine Company").click()
    planner.get_by_role("button", name="Save and continue", exact=True).click()
    expect(planner.get_by_role("heading", level=1)).to_have_text("Strategic context")
    unit = PartnerUnit.objects.get(name="3rd Riverine Company")
    assert unit in Initiative.objects.get(pk=initiative.pk).targeted_units.all()
