"""Deciding with care, in Chromium: a reviewer's reply reopens a resolved thread, the
approval asks for confirmation and takes remarks, and the History tab and the reviewer's
dashboard show the whole conversation. axe finds nothing on the review page with a
reopened thread, the confirmation page, the history and the dashboard."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from idd.models import Initiative, ReviewDecision
from idd.reference.choices import InitiativeStatus as S
from idd.services import comments
from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Who owns the entrapment risk? Name a person, not an office."
REPLY = "The row names the office again; please name the officer."
REMARKS = "Sound plan. Watch the FY2028 budget vote: it gates D2."


def no_axe_violations(page: Page, shots: Path, name: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=shots / f"{name}.png", full_page=True)


def test_approving_through_the_confirmation_with_remarks_shows_them_in_history(
    page: Page, live_server, login, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the approved PDF is stored here
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    owner = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    teammate = factories.planner(username="sam", first_name="Sam", last_name="Whitfield")
    reviewer = factories.reviewer(username="hale", first_name="Morgan", last_name="Hale")
    initiative = complete_initiative(owner, teammate, S.IN_REVIEW)
    thread = comments.add_comment(initiative, reviewer, "risks", COMMENT)
    comments.resolve(thread, owner)
    review_url = f"{live_server.url}/initiatives/{initiative.pk}/review/"

    # The reviewer answers the resolved thread: the reply reopens it, and says so.
    login(reviewer)
    page.goto(review_url)
    risks = page.get_by_role("region", name="Risks", exact=True)
    risks.locator("summary", has_text="Reply and reopen").click()
    risks.get_by_label("Your reply").fill(REPLY)
    risks.get_by_role("button", name="Send reply and reopen the thread").click()
    expect(
        page.locator(".usa-alert").filter(has_text="Your reply reopened this thread.")
    ).to_be_visible()
    thread_box = page.locator(f"#comment-{thread.pk}")
    expect(thread_box).to_contain_text("Reopened the thread resolved by Dana Ortiz")
    expect(thread_box.get_by_text("Resolved", exact=True)).to_have_count(0)
    no_axe_violations(page, shots, "review-reopened")

    # Approving asks first; the remarks typed on the review page come along.
    page.locator("label", has_text="Approve this revision").click()
    page.get_by_label("Reason, or remarks on an approval").fill(REMARKS)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Approve: {initiative.title}")
    expect(page.get_by_text("1 comment thread still open")).to_be_visible()
    remarks = page.get_by_label("Your remarks (optional)")
    expect(remarks).to_have_value(REMARKS)
    assert Initiative.objects.get(pk=initiative.pk).status == S.IN_REVIEW
    no_axe_violations(page, shots, "approve-confirm")
    page.get_by_role("button", name="Approve revision 1").click()
    expect(page.locator(".usa-alert").filter(has_text="Revision 1 is approved")).to_be_visible()
    assert ReviewDecision.objects.get().reason == REMARKS
    expect(page.get_by_text("Remarks of Morgan Hale:")).to_be_visible()
    expect(page.get_by_text(REMARKS)).to_be_visible()

    # The History tab has the whole conversation, with full times and the zone named.
    page.get_by_role("link", name="History").click()
    history = page.get_by_role("list", name=re.compile("^Every change and every word"))
    approval = history.get_by_role("listitem").filter(has_text="Approved revision 1")
    expect(approval).to_contain_text(REMARKS)
    expect(approval).to_contain_text(re.compile(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC"))
    reopened = history.get_by_role("listitem").filter(has_text="Reopened Morgan Hale's comment")
    expect(reopened).to_contain_text(REPLY)
    expect(
        history.get_by_role("listitem").filter(has_text="Resolved Morgan Hale's comment")
    ).to_contain_text("Dana Ortiz")
    expect(page.get_by_text("Times are in the UTC time zone.")).to_be_visible()
    no_axe_violations(page, shots, "history-conversation")

    # The reviewer's dashboard lists what they did, newest first, just now.
    page.get_by_role("link", name="Dashboard").first.click()
    mine = page.get_by_role("region", name="My recent review activity")
    items = mine.get_by_role("listitem")
    expect(items.first).to_contain_text("Approved revision 1")
    expect(items.first).to_contain_text("just now")
    expect(mine).to_contain_text("Reopened a thread on Risks with a reply")
    no_axe_violations(page, shots, "dashboard-review-activity")
