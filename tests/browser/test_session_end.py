"""Nothing typed is lost when the session ends or the security token goes stale, in Chromium.

The planner has a guided-form step open and types. (1) Their session ends meanwhile: they
press save, sign in again and find their text back on the form, unsaved, to check and
save. (2) They signed out and in again in another tab: the old tab's save gets a page that
explains it and gives the text back to copy. (3) Shortly before the idle sign-out a
warning offers "Stay signed in". axe finds nothing on the pages they meet.
"""

import os
import re
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import Page, expect

from idd.models import Initiative
from idd.services.session_clock import LAST_ACTIVITY, SIGNED_IN_AT
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Smugglers cross the northern gulf at night; patrols see one boat in ten."


@pytest.fixture
def check(tmp_path):
    """axe finds nothing on the page; a screenshot is kept (SHOTS_DIR, default tmp_path)."""
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    def run(page: Page, name: str, full_page: bool = True) -> None:
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.screenshot(path=shots / f"{name}.png", full_page=full_page)

    return run


def server_session(page: Page) -> SessionStore:
    """The browser's session as the server keeps it (the clock lives there)."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    return SessionStore(session_key=key)


def last_seen(page: Page) -> int:
    return server_session(page)[LAST_ACTIVITY]


def set_last_seen(page: Page, seconds_ago: int) -> None:
    """The planner's last activity was this long ago (the clock, moved on)."""
    session = server_session(page)
    session[LAST_ACTIVITY] = int(time.time()) - seconds_ago
    session.save()


@pytest.fixture
def planner(db):
    return factories.planner(username="dana", first_name="Dana", last_name="Ortiz")


@pytest.fixture
def step_url(planner, live_server) -> str:
    initiative = factories.InitiativeFactory(owner=planner, title="Coastal patrol")
    return live_server.url + reverse("wizard_step", args=[initiative.pk, "context"])


def type_problem(page: Page) -> None:
    page.get_by_label("Problem statement").fill(TYPED)


def test_text_typed_when_the_session_ended_is_back_after_sign_in(
    page: Page, login, planner, step_url, live_server, check
):
    login(planner)
    page.goto(step_url)
    type_problem(page)
    set_last_seen(page, seconds_ago=16 * 60)

    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Sign in to IDD Workbench")).to_be_visible()
    expect(page.get_by_text("What you were saving is kept")).to_be_visible()
    check(page, "session-ended-sign-in")
    assert Initiative.objects.get().problem_statement != TYPED

    page.get_by_label("Username").fill(planner.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(step_url)
    expect(page.get_by_text(re.compile("Kept from your session that ended at"))).to_be_visible()
    expect(page.get_by_label("Problem statement")).to_have_value(TYPED)
    expect(page.get_by_text("1 field differs from the saved text")).to_be_visible()
    expect(page.get_by_text("Differs from the saved text", exact=True)).to_be_visible()
    check(page, "session-ended-restored")
    assert Initiative.objects.get().problem_statement != TYPED  # shown, not saved

    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Strategic context")
    assert Initiative.objects.get().problem_statement == TYPED


def test_a_save_from_a_tab_opened_before_signing_in_again_returns_the_text(
    page: Page, login, planner, step_url, live_server, check
):
    login(planner)
    page.goto(step_url)
    type_problem(page)
    old_token = page.locator("#step-form [name=csrfmiddlewaretoken]").get_attribute("value")

    other_tab = page.context.new_page()
    other_tab.goto(live_server.url + "/")
    other_tab.get_by_role("button", name="Sign out dana").click()
    other_tab.get_by_label("Username").fill(planner.username)
    other_tab.get_by_label("Password").fill(factories.PASSWORD)
    other_tab.get_by_role("button", name="Sign in").click()
    expect(other_tab.get_by_role("heading", name="Dashboard")).to_be_visible()
    other_tab.close()

    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Not saved: this page had expired")).to_be_visible()
    expect(page.get_by_label("Problem statement")).to_have_value(TYPED)
    assert old_token not in page.content()
    check(page, "stale-token")
    assert Initiative.objects.get().problem_statement != TYPED

    page.get_by_role("link", name="Back to the form").click()
    expect(page).to_have_url(step_url)
    page.get_by_label("Problem statement").fill(TYPED)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Strategic context")
    assert Initiative.objects.get().problem_statement == TYPED


def test_a_warning_before_the_idle_sign_out_offers_to_stay(
    page: Page, login, planner, step_url, settings, check, live_server
):
    settings.SESSION_IDLE_MINUTES = 1
    settings.SESSION_WARNING_SECONDS = 56  # so the warning comes within seconds
    login(planner)
    page.goto(step_url)
    type_problem(page)
    warning = page.get_by_role("region", name="Session time-out")
    expect(warning.get_by_text("you will be signed out in")).to_be_visible(timeout=10_000)
    check(page, "idle-warning")

    clicked = int(time.time())
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning.get_by_text("you will be signed out in")).to_be_hidden()
    assert last_seen(page) >= clicked  # the click reached the server's clock

    # The server signs out meanwhile: the warning says so and what to do.
    set_last_seen(page, seconds_ago=2 * 60)
    expect(warning.get_by_text("You have been signed out")).to_be_visible(timeout=10_000)
    expect(warning.get_by_role("heading", name="Signed out after inactivity")).to_be_visible()
    expect(warning.get_by_role("heading", name="Still there?")).to_be_hidden()
    check(page, "idle-signed-out")
    expect(warning.get_by_role("button", name="Stay signed in")).to_be_hidden()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("What you were saving is kept")).to_be_visible()


def test_near_the_end_of_the_sessions_lifetime_the_warning_says_save_now(
    page: Page, login, planner, step_url, settings, check
):
    settings.SESSION_MAX_HOURS = 1
    login(planner)
    session = server_session(page)
    session[SIGNED_IN_AT] = int(time.time()) - 3600 + 50  # 50 seconds of the hour left
    session.save()
    page.goto(step_url)
    warning = page.get_by_role("region", name="Session time-out")
    expect(warning.get_by_role("heading", name="Your session ends soon")).to_be_visible()
    expect(warning.get_by_text("A session lasts at most 1 hour, however active")).to_be_visible()
    expect(warning.get_by_role("button", name="Stay signed in")).to_be_hidden()
    check(page, "lifetime-warning", full_page=False)


def test_the_warning_says_no_more_time_than_is_left_and_covers_no_button(
    page: Page, login, planner, step_url, settings, check
):
    settings.SESSION_IDLE_MINUTES = 2
    settings.SESSION_WARNING_SECONDS = 115  # 1 minute 55 seconds left when it comes
    login(planner)
    page.goto(step_url)
    warning = page.get_by_role("region", name="Session time-out")
    expect(warning.get_by_text("you will be signed out in about 1 minute")).to_be_visible(
        timeout=10_000
    )
    check(page, "idle-warning-wording")
    # Scrolled so that the form's last button is at the bottom of the window, it is above
    # the bar, not under it: the planner can still press it.
    save = page.get_by_role("button", name="Save and continue")
    save.evaluate("button => button.scrollIntoView({block: 'end'})")
    on_top = save.evaluate(
        """button => {
            const box = button.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            return button.contains(document.elementFromPoint(x, y));
        }"""
    )
    assert on_top, "the session warning covers Save and continue"
    check(page, "idle-warning-above-save", full_page=False)


def test_typing_in_the_form_keeps_the_planner_signed_in(
    page: Page, login, planner, step_url, settings, live_server
):
    settings.SESSION_IDLE_MINUTES = 0.25  # a short window, so the test waits less
    settings.SESSION_WARNING_SECONDS = 6  # typing sends a keep-alive every 4 seconds
    login(planner)
    page.goto(step_url)
    warning = page.get_by_role("region", name="Session time-out")
    page.get_by_label("Problem statement").click()
    started = time.time()
    while time.time() - started < 25:  # well past the idle window, without a save
        page.keyboard.type("Patrols. ")
        expect(warning.get_by_text("you will be signed out in")).to_be_hidden()
        page.wait_for_timeout(2_000)
    # The server saw typing after the first idle window would have ended (not a margin
    # against the wall clock: a busy machine may hold a keep-alive back a few seconds).
    assert last_seen(page) > started + settings.SESSION_IDLE_MINUTES * 60

    # Stopped typing: a truly idle screen is warned, and a save still goes through.
    expect(warning.get_by_text("you will be signed out in")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Strategic context")
    assert "Patrols. Patrols." in Initiative.objects.get().problem_statement
