"""The whole review cycle in Chromium: the planner submits, the reviewer comments and
returns it, the planner sees the comment on the step, fixes it and resubmits, the reviewer
approves, and anyone downloads the approved PDF. axe finds nothing on the queue, review,
diff and history pages; a screenshot of each is kept (SHOTS_DIR, default tmp_path)."""

import io
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from idd.models import Initiative, Revision
from idd.reference.choices import InitiativeStatus as S
from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Say who verifies the fuel budget line, and when."
COMMENT = "How will the SCO see the budget line? Name the document."
FIXED = "Budget line in the enacted finance law, copy filed by the SCO each October"


class Cycle:
    def __init__(self, page: Page, live_server, login, shots: Path):
        self.page, self.url, self.login, self.shots = page, live_server.url, login, shots

    def check(self, name: str) -> None:
        results = Axe().run(self.page)
        assert results.violations_count == 0, results.generate_report()
        self.page.screenshot(path=self.shots / f"{name}.png", full_page=True)

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def expect_message(self, text: str) -> None:
        expect(self.page.locator(".usa-alert").filter(has_text=text)).to_be_visible()


@pytest.fixture
def cycle(page, live_server, login, tmp_path, settings) -> Cycle:
    settings.MEDIA_ROOT = tmp_path / "media"  # the approved PDF is stored here
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    return Cycle(page, live_server, login, shots)


def tick(page: Page, box) -> None:
    """Tick a USWDS radio by its label, as a person does."""
    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).to_be_checked()


def test_the_whole_review_cycle(cycle: Cycle):
    page = cycle.page
    owner = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    teammate = factories.planner(username="sam", first_name="Sam", last_name="Whitfield")
    reviewer = factories.reviewer(username="hale", first_name="Morgan", last_name="Hale")
    outsider = factories.planner(username="kim", first_name="Kim", last_name="Park")
    initiative = complete_initiative(owner, teammate)
    pk = initiative.pk

    # The planner submits from the guided form's review step.
    cycle.login(owner)
    # Its button first shows what the reviewers will receive (tests/browser/test_drafts.py).
    page.goto(f"{cycle.url}/initiatives/{pk}/edit/review/")
    page.get_by_role("link", name="Submit for review").click()
    cycle.button("Submit for review").click()
    cycle.expect_message("The IDD was submitted for review.")
    expect(page.locator(".status-tag").first).to_have_text("Submitted")

    # The reviewer finds it in the queue, takes it, comments on a section and returns it.
    cycle.login(reviewer)
    page.get_by_role("link", name="Review queue").first.click()
    expect(page.get_by_role("heading", name="1 IDD awaiting review")).to_be_visible()
    cycle.check("queue")
    page.get_by_role("link", name=initiative.title).click()
    cycle.button("Start review").click()
    cycle.expect_message("The IDD was taken into review.")
    section = page.get_by_role("region", name="Partner deliverables", exact=True)
    section.get_by_text("Write a comment on Partner deliverables").click()
    section.get_by_label("Your comment on Partner deliverables").fill(COMMENT)
    section.get_by_role("button", name="Add comment on Partner deliverables").click()
    cycle.expect_message("Your comment was added.")
    expect(section.get_by_text(COMMENT)).to_be_visible()
    # Returning it without a reason is refused, and the choice stays.
    tick(page, page.get_by_label("Request changes (return it to the planners)"))
    cycle.button("Record decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Say what needs to change")
    expect(page.get_by_label("Request changes (return it to the planners)")).to_be_checked()
    page.get_by_label("Reason").fill(REASON)
    cycle.button("Record decision").click()
    cycle.expect_message("returned to its planners")
    cycle.check("review-returned")

    # The planner sees it returned, reads the comment on the step, fixes it, resolves it.
    cycle.login(owner)
    returned = page.get_by_role("region", name="Returned to me")
    expect(returned).to_contain_text(REASON)
    page.goto(f"{cycle.url}/initiatives/{pk}/edit/deliverables/")
    comments = page.get_by_role("region", name=re.compile("Reviewers' comments on this step"))
    expect(comments).to_contain_text(COMMENT)
    cycle.check("step-with-comments")
    row = page.get_by_role("group", name="Partner deliverable 2", exact=True)
    row.get_by_label("How it will be verified").fill(FIXED)
    cycle.button("Save and continue").click()
    page.goto(f"{cycle.url}/initiatives/{pk}/edit/deliverables/")
    expect(
        page.get_by_role("group", name="Partner deliverable 2", exact=True).get_by_label(
            "How it will be verified"
        )
    ).to_have_value(FIXED)
    page.get_by_role("button", name=re.compile("^Mark as resolved")).click()
    cycle.expect_message("The comment is marked as resolved.")
    expect(page).to_have_url(re.compile(r"/edit/deliverables/$"))
    page.goto(f"{cycle.url}/initiatives/{pk}/edit/review/")
    page.get_by_role("link", name="Resubmit for review").click()
    cycle.button("Resubmit for review").click()
    cycle.expect_message("The IDD was resubmitted for review.")

    # The reviewer takes it again, sees the fix in the history, and approves it.
    cycle.login(reviewer)
    page.goto(f"{cycle.url}/initiatives/{pk}/review/")
    expect(page.get_by_text("Resolved", exact=True)).to_be_visible()
    cycle.button("Start review").click()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_text(FIXED).first).to_be_visible()
    # The return, once: as the reviewer's request (not again as the status it changed).
    expect(page.get_by_text("Requested changes to revision 1")).to_be_visible()
    expect(page.get_by_text("Returned to the planners with changes requested")).to_have_count(0)
    cycle.check("history")
    page.get_by_role("link", name="Review and comments").click()
    tick(page, page.get_by_label("Approve this revision (it is frozen as a record)"))
    cycle.button("Record decision").click()
    cycle.button("Approve revision 1").click()  # approving asks for confirmation first
    cycle.expect_message("Revision 1 is approved and frozen")
    assert Initiative.objects.get(pk=pk).status == S.APPROVED
    assert (
        Revision.objects.get(initiative_id=pk).snapshot["deliverables"][1]["verification_method"]
        == FIXED
    )

    # Anyone with a role downloads the approved PDF.
    cycle.login(outsider)
    page.goto(f"{cycle.url}/initiatives/{pk}/revisions/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the approved PDF of revision 1").click()
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert initiative.title in text
    assert FIXED.split(",")[0] in " ".join(text.split())

    # The owner starts revision 2; the diff against revision 1 reads in users' words.
    cycle.login(owner)
    page.goto(f"{cycle.url}/initiatives/{pk}/review/")
    cycle.button("Start the next revision").click()
    cycle.expect_message("reopened as a draft of the next revision")
    page.goto(f"{cycle.url}/initiatives/{pk}/edit/context/")
    page.get_by_label("Theory of change").fill("If Kestrela funds the company, it endures.")
    cycle.button("Save and continue").click()
    page.goto(f"{cycle.url}/initiatives/{pk}/revisions/compare/")
    strategic = page.get_by_role("region", name="Strategic context")
    expect(strategic).to_contain_text("Theory of change")
    # The added words are marked, and say so to a screen reader.
    added = "If Kestrela funds the company, Added: it endures (end added)."
    expect(strategic).to_contain_text(added)
    cycle.check("diff")
