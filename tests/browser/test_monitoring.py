"""Monitoring in Chromium: a planner records indicator values on the demo's approved
maritime initiative through the form (an error first, then the value), and the page shows
each indicator's chart with its judgment and table; axe finds nothing at desktop and phone
width. Screenshots go to SHOTS_DIR when it is set."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import expect

from demo import scenario as demo
from idd.models import Initiative, Revision
from tests.staffing.demo_route import approve_on_the_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def record_link(page, indicator: str):
    row = page.locator("#monitoring .idd-monitoring__indicator").filter(has_text=indicator)
    return row.get_by_role("link", name="Record a measurement")


@pytest.fixture
def approved(fresh_demo) -> Initiative:
    initiative = Initiative.objects.get(title="Kestrela coastal patrol capability")
    approve_on_the_route(initiative)  # the demo's staffing route, to its end
    return Initiative.objects.get(pk=initiative.pk)


def test_a_planner_records_values_and_reads_the_charts(approved, login, live_server, tmp_path):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    before = Revision.objects.get(initiative=approved, number=approved.revision).snapshot
    spec = next(u for u in demo.DEMO_USERS if u.username == "planner")
    page = login(User.objects.get(username=spec.username), spec.password)
    page.goto(f"{live_server.url}/initiatives/{approved.pk}/")
    record_link(page, "Sailors assigned").click()
    page.get_by_label("Date measured").fill("2026-03-31")
    page.get_by_label("Value measured").fill("about sixty")
    page.get_by_label("Source or evidence").fill("Unit roster, 31 Mar 2026")
    page.get_by_role("button", name="Record").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Write the value measured as a number")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Source or evidence")).to_have_value("Unit roster, 31 Mar 2026")
    assert_accessible(page)
    page.screenshot(path=shots / "measurement-form-error.png", full_page=True)
    page.get_by_label("Value measured").fill("60")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Recorded: Sailors assigned = 60")
    block = page.locator("#monitoring")
    sailors = block.locator(".idd-monitoring__indicator").filter(has_text="Sailors assigned")
    # Half the way to 120 sailors when 49% of the time to 30 Sep 2026 had passed.
    expect(sailors).to_contain_text("On track. 60 measured on 31 Mar 2026 covers 50% of the way")
    expect(sailors.get_by_role("img", name="Sailors assigned: measured values")).to_be_visible()
    expect(sailors.locator("table")).to_contain_text("Unit roster, 31 Mar 2026")
    # A second indicator, behind: 17% of the way from 2 to 20 at 58% of the time.
    record_link(page, "Patrol days a month").click()
    page.get_by_label("Date measured").fill("2026-11-30")
    page.get_by_label("Value measured").fill("5")
    page.get_by_label("Source or evidence").fill("Patrol logs, Nov 2026")
    page.get_by_role("button", name="Record").click()
    patrols = block.locator(".idd-monitoring__indicator").filter(has_text="Patrol days a month")
    expect(patrols).to_contain_text("Off track. 5 measured on 30 Nov 2026 covers 16% of the way")
    cases = block.locator(".idd-monitoring__indicator").filter(has_text="Cases handed to")
    expect(cases).to_contain_text("Not yet measured")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        block.screenshot(path=shots / f"monitoring-{width}.png")
    assert Revision.objects.get(initiative=approved, number=approved.revision).snapshot == before
    assert Initiative.objects.get(pk=approved.pk).status == "approved"
