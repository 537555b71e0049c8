"""The conflict page in Chromium: a planner sees what a teammate saved meanwhile, chooses,
and saves; axe finds nothing on it. Its screenshot is kept (SHOTS_DIR, default tmp_path)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from idd.models import Initiative
from tests import factories
from tests.browser.test_guided_form import Walk, tick
from tests.guided_form.test_conflicts import saved_by_someone_else

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_planner_resolves_a_conflict_in_the_browser(page, live_server, login, tmp_path):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    dana = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    sam = factories.planner(username="sam", first_name="Sam", last_name="Whitfield")
    initiative = factories.InitiativeFactory(
        title="Kestrela coastal patrol", owner=dana, team_members=[sam]
    )
    walk = Walk(page, shots)
    login(dana)
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/context/")
    page.get_by_label("Problem statement").fill("Illegal fishing goes unchallenged at night.")
    page.get_by_label("Theory of change").fill("If the navy funds fuel, patrols continue.")

    # Meanwhile Sam saves the same step from his desk.
    stored = Initiative.objects.get(pk=initiative.pk)
    stored._history_user = sam  # the audit trail names who saved
    saved_by_someone_else(
        initiative,
        stored,
        problem_statement="Foreign trawlers fish the exclusive zone unchallenged.",
        campaign_objective="AFRICOM campaign plan, maritime security line of effort 2.",
    )
    walk.press("Save and continue")

    expect(page.locator("#error-summary")).to_contain_text(
        "Someone else saved changes to this initiative while you were editing."
    )
    changes = page.get_by_role("region", name="What changed while you were editing")
    expect(changes).to_contain_text("Sam Whitfield")
    expect(changes).to_contain_text("Was (when you opened this page)")
    expect(page.get_by_label("Campaign-plan objective")).to_have_value(
        "AFRICOM campaign plan, maritime security line of effort 2."
    )
    walk.check("conflict")

    # Saving without choosing: the choice itself is marked, and the summary links to it.
    walk.press("Save and continue")
    choice = page.get_by_role("group", name="Problem statement: which to keep?")
    expect(choice).to_have_accessible_description("Choose which change to keep.")
    page.locator("#error-summary").get_by_role("link", name="Problem statement").click()
    expect(page.get_by_label("Keep what was saved meanwhile")).to_be_focused()
    walk.check("conflict-unchosen")
    tick(page.get_by_label("Keep what you typed (as it is in the form below)"))
    walk.press("Save and continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Partner deliverables")
    saved = Initiative.objects.get(pk=initiative.pk)
    assert saved.problem_statement == "Illegal fishing goes unchallenged at night."
    assert saved.theory_of_change == "If the navy funds fuel, patrols continue."
    assert saved.campaign_objective.startswith("AFRICOM campaign plan")
