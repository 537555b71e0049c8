"""After the J5 director approves the demo IDD, forwarding to DSCA is the next step, in
Chromium: the planner's dashboard, the initiative page and the top of the route panel offer
it; forwarded, DSCA's regional directorate concurs and DSCA's approval authority (not its
coordinator) approves. axe finds nothing on these pages."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from demo.scenario.people import DEMO_USERS
from idd.models import Route
from idd.services import staffing
from tests.staffing.demo_route import approve_on_the_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORDS = {spec.username: spec.password for spec in DEMO_USERS}


def no_axe_violations(page: Page, shots: Path, name: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / f"{name}.png", full_page=True)


def test_forwarding_to_dsca_is_the_next_step_after_approval(
    page: Page, live_server, login, fresh_maritime, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the approved PDF is stored here
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    maritime = fresh_maritime
    approve_on_the_route(maritime)
    user = {name: User.objects.get(username=name) for name in ("planner", "dsca", "dscadirector")}

    login(user["planner"], PASSWORDS["planner"])
    expect(page.get_by_role("heading", name="Approved: forward to DSCA")).to_be_visible()
    no_axe_violations(page, shots, "forward-dashboard-planner")
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/")
    no_axe_violations(page, shots, "forward-initiative-page")
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/review/")
    route = page.locator("#route")
    expect(route.get_by_role("link", name="Forward to DSCA…")).to_be_visible()
    no_axe_violations(page, shots, "forward-route-panel")
    route.get_by_role("link", name="Forward to DSCA…").click()
    page.get_by_role("button", name="Forward").click()
    expect(page.get_by_text("Forwarded to Defense Security Cooperation Agency.")).to_be_visible()
    # Said as a fact, not as a refusal.
    expect(page.locator("#route")).to_contain_text(
        "Forwarded to Defense Security Cooperation Agency on"
    )
    expect(page.locator("#route")).not_to_contain_text("already forwarded")

    forwarded = Route.objects.get(initiative=maritime, forwarded=True)
    staffing.decide(
        maritime,
        user["dsca"],
        forwarded.stage.offices.get().organization,
        "concur",
        round_=forwarded.round,
    )
    page.context.clear_cookies()
    login(user["dsca"], PASSWORDS["dsca"])
    expect(page.get_by_text("Nothing is waiting for your office.")).to_be_visible()
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/review/")
    expect(page.locator("#route")).to_contain_text("the approval authority of Defense")
    expect(page.get_by_role("link", name="Approve…")).to_have_count(0)
    no_axe_violations(page, shots, "forward-awaiting-approval-coordinator")

    page.context.clear_cookies()
    login(user["dscadirector"], PASSWORDS["dscadirector"])
    expect(page.get_by_text("Your approval (Defense Security Cooperation Agency)")).to_be_visible()
    no_axe_violations(page, shots, "forward-dashboard-dsca-director")
