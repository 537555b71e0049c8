"""The assessment, monitoring and evaluation plan in Chromium: a planner fills the step
(an error first, everything typed kept), reads the section on the initiative's page, and
records a lesson learned on an approved IDD, then corrects it (a teammate's correction
meanwhile refused as a conflict first); axe finds nothing. Screenshots go to
SHOTS_DIR when it is set."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import expect

from demo import scenario as demo
from idd.models import Initiative, LessonLearned
from idd.services import lessons
from tests.staffing.demo_route import approve_on_the_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in_planner(login):
    spec = next(u for u in demo.DEMO_USERS if u.username == "planner")
    return login(User.objects.get(username=spec.username), spec.password)


def test_a_planner_fills_the_plan_and_records_a_lesson(fresh_demo, login, live_server, tmp_path):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    gifts = Initiative.objects.get(title="Solmara harbor security partnership")
    page = sign_in_planner(login)
    page.goto(f"{live_server.url}/initiatives/{gifts.pk}/edit/assessment/")
    expect(
        page.get_by_role("heading", name="Assessment, monitoring and evaluation")
    ).to_be_visible()
    # A browser without a date picker sends what was typed.
    date_field = page.get_by_label("Date of the initial assessment")
    date_field.evaluate("field => { field.type = 'text'; }")
    date_field.fill("31 Feb 2027")
    page.get_by_label("Evaluation questions").fill("Would the boats stay at sea alone?")
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Enter the date of the initial assessment as a real date")
    expect(page.get_by_label("Evaluation questions")).to_have_value(
        "Would the boats stay at sea alone?"
    )
    assert_accessible(page)
    page.screenshot(path=shots / "assessment-step-error.png", full_page=True)
    page.get_by_label("Date of the initial assessment").fill("2024-11-20")
    expect(page.get_by_label("Date of the initial assessment")).to_have_value("2024-11-20")
    page.get_by_role("button", name="Save and continue").click()
    gifts.refresh_from_db()
    assert gifts.evaluation_questions == "Would the boats stay at sea alone?"

    page.goto(f"{live_server.url}/initiatives/{gifts.pk}/edit/assessment/")
    assert_accessible(page)
    page.screenshot(path=shots / "assessment-step.png", full_page=True)

    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    approve_on_the_route(maritime)  # the demo's IDD is on AFRICOM's staffing route
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/")
    section = page.locator("#section-assessment")
    expect(section).to_contain_text("Independent (by an evaluator outside the program)")
    expect(section).to_contain_text("Patrol days were under-counted")
    section.get_by_role("link", name="Record a lesson learned").click()
    page.get_by_label("Date learned").fill("2026-11-30")
    page.get_by_label("Lesson learned").fill("Crews trained together keep the boats at sea.")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Lesson learned recorded.")
    expect(section).to_contain_text("Crews trained together keep the boats at sea.")
    assert LessonLearned.objects.filter(initiative=maritime).count() == 2
    assert Initiative.objects.get(pk=maritime.pk).status == "approved"
    assert_accessible(page)
    section.screenshot(path=shots / "assessment-section.png")

    # The lesson is corrected; meanwhile a teammate corrects it in another tab: a conflict,
    # what was typed kept; saved again once seen.
    section.get_by_role("link", name="Correct or withdraw the lesson learned 30 Nov 2026").click()
    expect(page.get_by_role("heading", name="Correct or withdraw a lesson learned")).to_be_visible()
    expect(page.get_by_label("Lesson learned")).to_have_value(
        "Crews trained together keep the boats at sea."
    )
    assert_accessible(page)
    page.screenshot(path=shots / "lesson-correct.png", full_page=True)
    page.get_by_label("Lesson learned").fill("Crews trained together keep both boats at sea.")
    page.get_by_label("Why it is corrected").fill("One boat, not both")
    recorded = LessonLearned.objects.get(initiative=maritime, lesson__startswith="Crews")
    lessons.correct_lesson(
        maritime,
        recorded,
        maritime.owner,
        learned_on=recorded.learned_on,
        lesson="Crews trained together keep the boat at sea.",
        action="",
        source="",
        reason="Typo",
        seen=lessons.seen_mark(recorded),
    )
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator("#error-summary")).to_contain_text("while you had it open")
    expect(page.get_by_label("Lesson learned")).to_have_value(
        "Crews trained together keep both boats at sea."
    )
    assert_accessible(page)
    page.screenshot(path=shots / "lesson-correct-conflict.png", full_page=True)
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Lesson learned corrected.")
    expect(section).to_contain_text("Crews trained together keep both boats at sea.")
