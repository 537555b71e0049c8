"""In Chromium: SJA non-concurred and the planners resubmitted. SJA's route panel keeps its
earlier decision, marked superseded in words; J4, which concurred on the first submission,
finds the IDD "Back after changes" on its dashboard and follows the link to what changed,
the added sentence marked alone. axe finds nothing; screenshots are kept (SHOTS_DIR,
default tmp_path)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from idd.models import Initiative, Route
from idd.services import staffing
from tests.staffing.conftest import command  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ADDED = "The navy budgets fuel from FY2028."


def decide(c, officer, office, outcome="concur", comment=""):
    route = Route.objects.get(initiative=c.initiative)
    initiative = Initiative.objects.get(pk=c.initiative.pk)
    staffing.decide(initiative, officer, office, outcome, comment, round_=route.round)


def test_a_restarted_stage_on_the_panel_and_the_dashboard(
    page,
    live_server,
    login,
    command,  # noqa: F811  (the fixture imported above)
    tmp_path,
):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    c = command
    staffing.submit(c.initiative, c.planner)
    decide(c, c.j4_officer, c.j4)
    decide(c, c.j8_officer, c.j8, "concur_with_comment", "Fuel costs are understated.")
    decide(c, c.sja_officer, c.sja, "non_concur", "No legal basis cited for the boats.")
    initiative = Initiative.objects.get(pk=c.initiative.pk)
    initiative.sustainment_plan += f" {ADDED}"
    initiative.save()
    staffing.resubmit(Initiative.objects.get(pk=c.initiative.pk), c.planner)

    login(c.sja_officer)
    page.goto(f"{live_server.url}/initiatives/{c.initiative.pk}/review/")
    panel = page.locator("#route")
    earlier = panel.locator("tr", has_text="earlier decision")
    expect(earlier).to_contain_text("Superseded: the stage restarted after resubmission.")
    expect(earlier).to_contain_text("No legal basis cited for the boats.")
    expect(panel.get_by_role("heading", name="Decide for SJA")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    panel.screenshot(path=shots / "route-panel-restarted.png")

    login(c.j4_officer)
    page.goto(f"{live_server.url}/")
    awaiting = page.get_by_role("region", name="Awaiting my office")
    expect(awaiting).to_contain_text("Back after changes")
    expect(awaiting).to_contain_text("No decision asked of your office")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    awaiting.screenshot(path=shots / "awaiting-my-office-back-after-changes.png")
    awaiting.get_by_role("link", name="See what changed since J4 concurred").click()
    expect(page.locator("ins.review-new")).to_have_text([f"Added: {ADDED} (end added)"])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator(".review-changes").first.screenshot(path=shots / "what-changed-sentence.png")
