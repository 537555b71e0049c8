"""An organization's administrator (not a superuser) in a browser: the organization page
with its people and routes, moving the only J8 coordinator while an IDD waits for J8 (the
confirmation says so), a route an IDD travelled (read-only, copied), the copy's stages
edited with a stage added in place; axe-clean, with screenshots (ORGANIZATION_SCREENSHOTS,
a folder, keeps them)."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from idd.models import Initiative, RouteTemplate
from idd.reference import roles
from idd.services import staffing
from tests import factories
from tests.staffing.conftest import command  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("ORGANIZATION_SCREENSHOTS", "")


def signed_in(browser: Browser, url: str, user) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")
    return page


def checked(page: Page, name: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_an_administrator_moves_a_coordinator_and_copies_a_route(
    browser: Browser,
    live_server,
    command,  # noqa: F811
):
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)  # waits for J4, J8
    admin_user = factories.UserFactory(
        username="cmdadmin", role=roles.ADMINISTRATOR, organization=c.africom
    )
    admin = signed_in(browser, live_server.url, admin_user)
    admin.get_by_role("link", name="Organizations").first.click()
    admin.get_by_role("link", name="J8").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("J8")
    expect(admin.get_by_role("table")).to_contain_text("Jay Eight")
    checked(admin, "organization-page")

    admin.get_by_role("link", name="Change Jay Eight").click()
    checked(admin, "person-page")
    admin.get_by_label("Belongs to").select_option(value=str(c.j4.pk))
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Move Jay Eight to J4?")
    expect(admin.get_by_role("region", name=re.compile("nobody able to act"))).to_contain_text(
        f"Nobody could act for J8 on “{c.initiative.title}”"
    )
    checked(admin, "person-move-confirmation")
    admin.get_by_role("button", name="Move Jay Eight").click()
    expect(admin.locator(".usa-alert--success")).to_contain_text(
        "Jay Eight is now in J4 as a coordinator."
    )

    admin.goto(f"{live_server.url}/organizations/{c.africom.pk}/")
    admin.get_by_role("link", name="AFRICOM staffing").click()
    expect(admin.get_by_role("button", name="Save the route")).to_have_count(0)
    checked(admin, "route-template-in-use")
    admin.get_by_role("button", name="Copy to a new route").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("AFRICOM staffing (copy)")
    admin.get_by_role("button", name="Add another stage").click()  # in place (add-row.js)
    stage = admin.get_by_role("group", name="Stage 3")
    stage.get_by_label("Stage name (optional)").fill("Political advisor")
    stage.get_by_label(re.compile(r"^Suspense")).fill("61")
    admin.get_by_role("button", name="Save the route").click()
    expect(admin.get_by_role("alert")).to_contain_text("less than or equal to 60")
    checked(admin, "route-template-with-errors")
    stage = admin.get_by_role("group", name="Stage 3")
    stage.get_by_label(re.compile(r"^Suspense")).fill("4")
    admin.get_by_role("button", name="Save the route").click()
    # A stage with no office is an error on that stage, what was typed kept.
    expect(admin.get_by_role("alert")).to_contain_text(
        "Choose at least one office for Stage 3, or remove the stage."
    )
    stage = admin.get_by_role("group", name="Stage 3")
    expect(stage.get_by_label("Stage name (optional)")).to_have_value("Political advisor")
    stage.locator("label", has_text="SJA").click()  # USWDS hides the box under its label
    admin.locator("label[for=id_is_default]").click()
    admin.get_by_role("button", name="Save the route").click()
    expect(admin.locator(".usa-alert--success")).to_contain_text("saved")
    checked(admin, "route-template-edited")
    copy = RouteTemplate.objects.get(name="AFRICOM staffing (copy)")
    assert [s.suspense_days for s in copy.stages.all()] == [5, 5, 4] and copy.is_default

    # The travelled route is made the default again: the one change its page offers.
    admin.goto(f"{live_server.url}/organizations/routes/{c.template.pk}/")
    checked(admin, "route-template-in-use-not-default")
    admin.get_by_role("button", name="Make it the default route of U.S. Africa Command").click()
    expect(admin.locator(".usa-alert--success")).to_contain_text("is now the default route")
    assert RouteTemplate.objects.get(pk=c.template.pk).is_default
