"""In Chromium: a reviewer returns an IDD, the planner edits it and resubmits, and the
reviewer's review page shows the changes since their request, the changed words marked and
the changed section tagged. axe finds nothing; screenshots at 1280 and 390 px are kept
(SHOTS_DIR, default tmp_path)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from idd.models import Partner
from idd.services import review
from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Say where the money for the company comes from."
# A mark as a screen reader reads it: what it is and where it ends.
ADDED_BUDGET = "Added: from its own budget (end added)"
THEORY = "If Kestrela mans and funds the company from its own budget, the capability lasts."


def test_the_reviewer_sees_what_changed_since_returning_it(page, live_server, login, tmp_path):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    owner = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    reviewer = factories.reviewer(username="hale", first_name="Morgan", last_name="Hale")
    initiative = complete_initiative(owner, factories.planner(username="sam"))
    review.start_review(review.submit(initiative, owner), reviewer)
    url = f"{live_server.url}/initiatives/{initiative.pk}"

    # The reviewer returns it with a reason.
    login(reviewer)
    page.goto(f"{url}/review/")
    box = page.get_by_label("Request changes (return it to the planners)")
    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Record decision", exact=True).click()
    expect(page.locator(".usa-alert").filter(has_text="returned to its planners")).to_be_visible()

    # The planner edits the theory of change and resubmits.
    login(owner)
    page.goto(f"{url}/edit/context/")
    page.get_by_label("Theory of change").fill(THEORY)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    page.goto(f"{url}/edit/review/")
    page.get_by_role("link", name="Resubmit for review").click()  # the confirmation page
    page.get_by_role("button", name="Resubmit for review", exact=True).click()
    expect(page.locator(".usa-alert").filter(has_text="resubmitted for review")).to_be_visible()

    # The reviewer opens the review page: the changes since their request, words marked.
    login(reviewer)
    page.goto(f"{url}/review/")
    since = page.get_by_role("region", name="Changes since your request for changes")
    expect(since).to_be_visible()
    expect(since).to_contain_text(REASON)
    expect(since).to_contain_text("1 section changed")
    context = since.get_by_role("region", name="Strategic context")
    expect(context).to_contain_text("Theory of change")
    expect(context.locator("ins.review-new")).to_have_text([ADDED_BUDGET])
    heading = page.get_by_role("heading", name="Strategic context Changed", level=2)
    expect(heading).to_be_visible()
    expect(page.get_by_role("heading", name="Risks", exact=True, level=2)).to_be_visible()
    nav = page.get_by_role("navigation", name="Sections of the IDD")
    expect(nav.get_by_role("link", name="Strategic context Changed")).to_be_visible()

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / "changes-since-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "changes-since-390.png", full_page=True)

    # "Compare any two versions" opens on the same pair.
    page.get_by_role("link", name="Compare any two versions of this IDD").click()
    expect(page.get_by_role("heading", name="Changes from submission 1")).to_be_visible()
    expect(page.locator("ins.review-new")).to_have_text([ADDED_BUDGET])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_approved_initiatives_page_shows_the_revision_and_what_moved_since(
    page, live_server, login, tmp_path
):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    owner = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    reviewer = factories.reviewer(username="hale", first_name="Morgan", last_name="Hale")
    initiative = complete_initiative(owner, factories.planner(username="sam"))
    review.approve(review.start_review(review.submit(initiative, owner), reviewer), reviewer)
    old_name = initiative.partner.country
    Partner.objects.filter(pk=initiative.partner_id).update(country="Kestrela Republic")

    login(owner)
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    expect(page.get_by_text("Shown exactly as approved")).to_be_visible()
    basics = page.get_by_role("region", name="1. Basics")
    expect(basics).to_contain_text(old_name)
    expect(basics).not_to_contain_text("Kestrela Republic")
    page.get_by_role("link", name="see what changed since approval").click()
    since = page.get_by_role("region", name="Since approval")
    expect(since).to_be_in_viewport()
    expect(since.get_by_role("region", name="Basics")).to_contain_text("Kestrela Republic")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / "approved-initiative-1280.png", full_page=True)
