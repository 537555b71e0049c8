"""Half-typed work is never lost, in Chromium.

(1) The planner types only the title of a deliverable and presses "Save and exit": it is
kept, not saved; after signing out and in again the dashboard names the step and the step
shows the text with its messages. (2) Leaving a changed step by the top navigation asks:
stay, leave without saving, or save and leave; the browser's own navigation gets the
browser's question. axe finds nothing on those pages, the
question included.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, expect

from assessments.method import POLITICAL_RISK_CHOICES
from idd.models import Initiative, PartnerDeliverable, ReviewComment
from idd.reference.choices import InitiativeStatus
from idd.services import comments
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HALF_TYPED = "Man the second patrol boat"
RISK_2 = next(label for value, label in POLITICAL_RISK_CHOICES if value == 2)


@pytest.fixture
def check(tmp_path):
    """axe finds nothing on the page; a screenshot is kept (SHOTS_DIR, default tmp_path)."""
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    def run(page: Page, name: str) -> None:
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        page.screenshot(path=shots / f"{name}.png", full_page=True)

    return run


@pytest.fixture
def planner(db):
    return factories.planner(username="dana", first_name="Dana", last_name="Ortiz")


@pytest.fixture
def initiative(planner):
    return factories.InitiativeFactory(owner=planner, title="Coastal patrol")


def step(live_server, initiative, slug: str) -> str:
    return live_server.url + reverse("wizard_step", args=[initiative.pk, slug])


def test_a_half_typed_deliverable_is_kept_and_back_after_signing_in_again(
    page: Page, login, planner, initiative, live_server, check
):
    login(planner)
    page.goto(step(live_server, initiative, "deliverables"))
    page.get_by_label("What the partner delivers").fill(HALF_TYPED)
    page.get_by_role("button", name="Save and exit").click()

    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Not saved: step 3, Partner deliverables")).to_be_visible()
    assert not PartnerDeliverable.objects.exists()
    check(page, "park-dashboard-kept")

    page.get_by_role("button", name=re.compile("Sign out")).click()
    login(planner)
    drafts = page.get_by_role("region", name="My drafts")
    drafts.get_by_role("link", name=re.compile("Unfinished input on step 3")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Partner deliverables")
    expect(page.get_by_text("You left this step unfinished on")).to_be_visible()
    expect(page.get_by_label("What the partner delivers")).to_have_value(HALF_TYPED)
    expect(page.locator("#error-summary")).to_contain_text("There is a problem")
    check(page, "park-step-restored")

    # Finish it: the row saves and the kept input is gone.
    page.get_by_label("Category").select_option(label="Personnel assigned")
    page.get_by_label("Due fiscal year").select_option(label="FY2028")
    page.get_by_label("Due quarter").select_option(label="Q2 (Jan–Mar)")
    page.get_by_label("How it will be verified").fill("Crew roster checked on board")
    page.get_by_label("Political risk to the partner").select_option(label=RISK_2)
    page.get_by_role("button", name="Save and exit").click()
    expect(page.get_by_text("Saved. Resume")).to_be_visible()
    assert PartnerDeliverable.objects.get().title == HALF_TYPED
    expect(page.get_by_text("Unfinished input on step")).to_have_count(0)


def leave_by_the_top_navigation(page: Page) -> None:
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Dashboard"
    ).click()


def test_leaving_a_changed_step_by_the_top_navigation_asks_first(
    page: Page, login, planner, initiative, live_server, check
):
    login(planner)
    url = step(live_server, initiative, "context")
    page.goto(url)
    problem = page.get_by_label("Problem statement")
    dialog = page.get_by_role("dialog", name="Leave this step without saving?")

    # Nothing changed: the link just goes.
    leave_by_the_top_navigation(page)
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()

    page.goto(url)
    problem.fill("Smugglers cross the gulf at night.")
    leave_by_the_top_navigation(page)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Save and leave")).to_be_focused()
    check(page, "guard-dialog")

    # Stay (by keyboard): the question closes, the text and the page stay.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic context")
    expect(problem).to_have_value("Smugglers cross the gulf at night.")

    leave_by_the_top_navigation(page)
    dialog.get_by_role("button", name="Stay on this step").click()
    expect(dialog).to_be_hidden()

    # The browser's own navigation (the address bar): the browser asks, "Leave site?".
    asked = []
    page.once("dialog", lambda question: (asked.append(question.type), question.accept()))
    page.goto(live_server.url + reverse("initiative_list"))
    assert asked == ["beforeunload"]

    # Leave without saving: gone, as chosen.
    page.goto(url)
    problem.fill("Smugglers cross the gulf at night.")
    leave_by_the_top_navigation(page)
    dialog.get_by_role("button", name="Leave without saving").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    unchanged = initiative.problem_statement
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == unchanged

    # Save and leave, by keyboard: saved, and the link is followed.
    page.goto(url)
    problem.fill("Smugglers cross the gulf at night.")
    page.get_by_role("link", name=initiative.title).first.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Enter")  # "Save and leave" has the focus
    expect(page).to_have_url(live_server.url + reverse("initiative_detail", args=[initiative.pk]))
    saved = Initiative.objects.get(pk=initiative.pk)
    assert saved.problem_statement == "Smugglers cross the gulf at night."


def test_replying_on_a_changed_step_saves_the_step_first(page: Page, login, planner, live_server):
    """A reply reloads the step: with the step changed, the planner is asked first, and
    "Save and send" keeps both the change and the reply (the walk lost the change)."""
    initiative = factories.InitiativeFactory(
        owner=planner, title="Coastal patrol", status=InitiativeStatus.CHANGES_REQUESTED
    )
    thread = comments.add_comment(initiative, factories.reviewer(), "context", "Name the gulf.")
    login(planner)
    page.goto(step(live_server, initiative, "context"))
    page.get_by_label("Problem statement").fill("Smugglers cross the Gulf of Vell at night.")
    comment = page.locator(f"#comment-{thread.pk}")
    comment.get_by_text("Reply", exact=False).first.click()
    comment.get_by_label("Your reply").fill("Named: the Gulf of Vell.")
    comment.get_by_role("button", name="Reply and resolve").click()

    dialog = page.get_by_role("dialog", name="Save this step before sending?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Save and send").click()
    expect(
        page.get_by_text("Your reply was added and the thread marked as resolved.")
    ).to_be_visible()
    saved = Initiative.objects.get(pk=initiative.pk)
    assert saved.problem_statement == "Smugglers cross the Gulf of Vell at night."
    thread.refresh_from_db()
    assert thread.resolved_by == planner
    assert ReviewComment.objects.get(parent=thread).body == "Named: the Gulf of Vell."
