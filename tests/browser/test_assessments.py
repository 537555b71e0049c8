"""The commitment assessment in Chromium: the demo's section, and recording, checked with axe."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import expect

from demo import scenario as demo
from idd.models import Initiative
from idd.reference import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUADRANT = "Commitment quadrant: physical risk against political risk accepted"
TREND = "Trend of demonstrated commitment across assessments"


def assert_accessible(page, context: str | None = None) -> None:
    results = Axe().run(page, context=context)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def maritime() -> Initiative:
    for role in roles.ALL_ROLES:  # transactional tests flush the roles' data migration
        Group.objects.get_or_create(name=role)
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    return Initiative.objects.get(title="Kestrela coastal patrol capability")


@pytest.fixture
def planner(maritime, login):
    spec = next(u for u in demo.DEMO_USERS if u.username == "planner")
    return login(User.objects.get(username=spec.username), spec.password)


def test_the_initiative_page_shows_the_demo_assessment_with_its_explanations(
    planner, maritime, live_server, tmp_path
):
    page = planner
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/")
    section = page.locator(".commitment-section")
    expect(section.get_by_role("img", name=QUADRANT)).to_be_visible()
    expect(section.get_by_role("img", name=TREND)).to_be_visible()
    expect(section).to_contain_text("Demonstrated commitment")
    expect(section).to_contain_text("political-risk points")
    expect(section).to_contain_text("Baseline, 31 Mar 2026")
    expect(section).to_contain_text("Re-assessment, 30 Sep 2026")
    expect(section).to_contain_text("More conditions than the partner can absorb")
    expect(section).to_contain_text("our own method, derived from Phil W. Reynolds")
    assert_accessible(page, ".commitment-section")
    section.screenshot(path=tmp_path / "commitment-section.png")


def test_a_planner_records_a_delivery_then_todays_assessment(
    planner, maritime, live_server, tmp_path
):
    page = planner
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/")
    page.get_by_role("link", name="Commitment: deliveries and assessments").click()
    expect(page.get_by_role("heading", name="Commitment assessment", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record what the partner did: Raise sea-duty pay").click()
    expect(page.get_by_role("heading", name="Record what the partner did")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Delivered", exact=True).click()  # the label: USWDS hides the input
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Evidence seen")
    expect(page.get_by_role("alert")).to_contain_text("Enter the date it was delivered")
    expect(page.get_by_label("Delivered", exact=True)).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Evidence seen").fill("Decree 2026-114 published; pay slips sampled")
    page.get_by_label("Date delivered").fill("2026-10-15")
    page.get_by_role("button", name="Record", exact=True).click()
    row = page.get_by_role("row", name="Raise sea-duty pay for the company's sailors")
    expect(row).to_contain_text("Delivered")
    expect(row).to_contain_text("Decree 2026-114 published")

    page.get_by_role("link", name="Record today's assessment").click()
    expect(page.get_by_role("heading", name="What will be stored")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=tmp_path / "record-assessment.png", full_page=True)
    page.get_by_role("button", name="Record the re-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Re-assessment of")
    expect(page.get_by_role("img", name=TREND)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=tmp_path / "stored-assessment.png", full_page=True)
