"""A long paste in Chromium: nothing cuts it, the USWDS character count says how far over
the limit it is, and the refused save keeps the whole text with the server's message."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from idd.models import Initiative
from tests import factories
from tests.browser.test_guided_form import Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_paste_over_the_limit_is_counted_refused_and_kept_whole(
    page, live_server, login, tmp_path
):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    dana = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    initiative = factories.InitiativeFactory(title="Kestrela coastal patrol", owner=dana)
    login(dana)
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/context/")
    walk = Walk(page, shots)
    problem = page.get_by_label("Problem statement")
    pasted = ("Trawlers fish the zone unchallenged at night. " * 131)[:5_999]

    problem.focus()
    page.keyboard.insert_text(pasted)  # as a paste arrives: a maxlength would cut it here

    expect(problem).to_have_value(pasted)
    count = page.locator("#div_id_problem_statement ~ .usa-character-count__status")
    expect(count).to_have_text("999 characters over limit")
    walk.check("character-count-over")
    walk.press("Save and continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic context")
    message = "Keep this to 5,000 characters or fewer (you typed 5,999)."
    expect(page.locator("#error-summary")).to_contain_text(message)
    expect(page.get_by_label("Problem statement")).to_have_value(pasted)
    # The count is right at once on the page that comes back, before any keystroke.
    expect(count).to_have_text("999 characters over limit")
    walk.check("character-count-refused")
    assert not Initiative.objects.get(pk=initiative.pk).problem_statement  # nothing cut saved


def test_without_javascript_nothing_cuts_the_paste_and_the_server_refuses_it(browser, live_server):
    dana = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    initiative = factories.InitiativeFactory(title="Kestrela coastal patrol", owner=dana)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(dana.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/context/")
    problem = page.get_by_label("Problem statement")
    expect(problem).to_have_accessible_description(re.compile("up to 5,000 characters"))
    pasted = "x" * 5_999

    problem.focus()
    page.keyboard.insert_text(pasted)

    expect(problem).to_have_value(pasted)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text(
        "Keep this to 5,000 characters or fewer (you typed 5,999)."
    )
    expect(page.get_by_label("Problem statement")).to_have_value(pasted)
    context.close()
