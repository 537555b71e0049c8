"""A planner drafts a whole IDD in Chromium through the guided form, without help.

Create the initiative, fill every step, add and remove rows, hit validation errors and
fix them, leave midway with "Save and exit", resume from the dashboard, and reach a
complete review step. axe finds nothing on any page; a screenshot of each is kept
(SHOTS_DIR, default the test's tmp_path).
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from assessments.method import POLITICAL_RISK_CHOICES
from idd.models import Initiative, PartnerDeliverable, USInput
from idd.reference.choices import (
    EvaluationKind,
    FundingAuthority,
    ProgramComponentKind,
    RiskCategory,
)
from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# "2 – Administrative" -> the option's whole label.
RISK_LABELS = {label.split(":")[0]: label for _, label in POLITICAL_RISK_CHOICES}
DELIVERABLES = (
    (
        "Designate the 2nd Coastal Patrol Company as the receiving unit",
        "Unit designated",
        "FY2027",
        "Q1 (Oct–Dec)",
        "Signed Chief of Navy order",
        "2 – Administrative",
    ),
    (
        "Assign 120 sailors to the company for three years",
        "Personnel assigned",
        "FY2027",
        "Q2 (Jan–Mar)",
        "Unit roster checked against payroll",
        "2 – Administrative",
    ),
    (
        "Fund fuel and spare parts in the defense budget",
        "Sustainment funded",
        "FY2028",
        "Q1 (Oct–Dec)",
        "Budget line in the enacted finance law",
        "3 – Budgetary",
    ),
    (
        "Employ the company on fisheries patrols",
        "Trained unit employed",
        "FY2029",
        "Q4 (Jul–Sep)",
        "Patrol logs and AIS tracks",
        "5 – High political exposure",
    ),
)


class Walk:
    """The planner's browser, with the checks made on every page."""

    def __init__(self, page: Page, shots: Path):
        self.page = page
        self.shots = shots

    def check(self, name: str) -> None:
        results = Axe().run(self.page)
        assert results.violations_count == 0, results.generate_report()
        self.page.screenshot(path=self.shots / f"{name}.png", full_page=True)

    def press(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    def expect_step(self, title: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(title)

    def row(self, legend: str):
        return self.page.get_by_role("group", name=legend, exact=True)


@pytest.fixture
def walk(page, live_server, login, tmp_path) -> Walk:
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    planner = factories.planner(username="dana", first_name="Dana", last_name="Ortiz")
    factories.planner(username="sam", first_name="Sam", last_name="Whitfield")
    kestrela = factories.PartnerFactory(country="Kestrela", ccmd="AFRICOM")
    factories.PartnerUnitFactory(partner=kestrela, name="2nd Coastal Patrol Company")
    login(planner)
    return Walk(page, shots)


def tick(box) -> None:
    """Tick a USWDS checkbox or radio by clicking its label, as a person does (the input
    itself is drawn by the label)."""
    box.page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).to_be_checked()


def fill_deliverable(walk: Walk, number: int, values) -> None:
    title, category, year, quarter, verification, risk = values
    row = walk.row(f"Partner deliverable {number}")
    row.get_by_label("What the partner delivers").fill(title)
    row.get_by_label("Category").select_option(label=category)
    row.get_by_label("Due fiscal year").select_option(label=year)
    row.get_by_label("Due quarter").select_option(label=quarter)
    row.get_by_label("How it will be verified").fill(verification)
    row.get_by_label("Political risk to the partner").select_option(label=RISK_LABELS[risk])


def test_a_planner_drafts_a_complete_idd(walk: Walk, live_server):
    page = walk.page

    # Dashboard -> new initiative; a span error first, then fixed.
    page.get_by_role("link", name="Start a new initiative").click()
    expect(page.get_by_role("heading", name="New initiative")).to_be_visible()
    walk.check("01-new")
    page.get_by_label("Initiative title").fill("Kestrela coastal patrol")
    page.get_by_label(re.compile(r"^Partner\b")).fill("Kestrela")
    page.get_by_label("Funding authority").select_option(label=FundingAuthority.SECTION_333.label)
    page.get_by_label(re.compile(r"^Distribution statement")).select_option(value="A")
    page.get_by_label("First fiscal year").fill("2027")
    page.get_by_label("Last fiscal year").fill("2033")
    tick(page.get_by_label("Sam Whitfield"))
    walk.press("Save and continue")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("An initiative spans at most 5 fiscal years")
    expect(summary).to_be_focused()
    walk.check("02-new-error")
    summary.get_by_role("link", name=re.compile("Last fiscal year")).click()
    expect(page.get_by_label("Last fiscal year")).to_be_focused()
    page.get_by_label("Last fiscal year").fill("2031")
    walk.press("Save and continue")

    # Basics again, now that the partner is known: tick the unit the initiative targets.
    walk.expect_step("Basics")
    expect(page.get_by_text("Now tick the units of Kestrela it targets.")).to_be_visible()
    walk.check("02-basics")
    tick(page.get_by_label("2nd Coastal Patrol Company"))
    tick(page.get_by_label("Maritime and border security operations"))  # 333(a)
    walk.press("Save and continue")

    # Strategic context.
    walk.expect_step("Strategic context")
    initiative = Initiative.objects.get(title="Kestrela coastal patrol")
    assert initiative.owner.username == "dana"
    walk.check("03-context")
    page.get_by_label("Problem statement").fill("Illegal fishing goes unchallenged.")
    page.get_by_label("Campaign-plan objective").fill("Objective 3.2: secure maritime approaches.")
    page.get_by_label("Desired end state").fill("Two boats at sea daily, paid by Kestrela.")
    page.get_by_label("Theory of change").fill("If Kestrela pays for the company, it lasts.")
    page.get_by_label("Integrated country strategy objective").fill("Mission Goal 2: the sea.")
    page.get_by_label("State office that concurs").fill("Bureau of Political-Military Affairs")
    page.get_by_label("State official who concurs").fill("Jane Roe, Director")
    page.get_by_label("Date concurrence was requested").fill("2026-09-01")
    page.get_by_label("Joint planning with the Department of State").fill("With the embassy.")
    walk.press("Save and continue")

    # Partner deliverables: rows added in place (static/js/add-row.js).
    walk.expect_step("Partner deliverables")
    expect(page.get_by_role("region", name="The political-risk scale")).to_contain_text(
        "Institutional reform"
    )
    walk.check("04-deliverables")
    fill_deliverable(walk, 1, DELIVERABLES[0])
    for number, values in enumerate(DELIVERABLES[1:], start=2):
        walk.press("Add another deliverable")
        expect(walk.row(f"Partner deliverable {number}")).to_be_visible()
        fill_deliverable(walk, number, values)
    # A deliverable with no verification method is refused; what was typed stays.
    walk.row("Partner deliverable 4").get_by_label("How it will be verified").fill("")
    walk.press("Save and continue")
    expect(page.get_by_role("alert")).to_contain_text("Say how delivery will be verified")
    walk.check("05-deliverables-error")
    row = walk.row("Partner deliverable 4")
    expect(row.get_by_label("What the partner delivers")).to_have_value(DELIVERABLES[3][0])
    row.get_by_label("How it will be verified").fill("Patrol logs and AIS tracks")
    # One row too many: add it and leave midway ("Save and exit"), then remove it.
    walk.press("Add another deliverable")
    fill_deliverable(
        walk,
        5,
        ("Attend a seminar", "Other", "FY2027", "Q3 (Apr–Jun)", "Attendance list", "1 – Costless"),
    )
    walk.press("Save and exit")

    # Resume from the dashboard where the planner was.
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    drafts = page.get_by_role("region", name="My drafts")
    expect(drafts).to_contain_text("Kestrela coastal patrol")
    walk.check("06-dashboard")
    assert PartnerDeliverable.objects.filter(initiative=initiative).count() == 5
    page.get_by_role("link", name=re.compile("Resume at Partner deliverables")).click()
    walk.expect_step("Partner deliverables")
    # Saved rows are listed by due date (D1 first due): the seminar, FY2027 Q3, is row 3 now.
    seminar = walk.row("Partner deliverable 3")
    expect(seminar.get_by_label("What the partner delivers")).to_have_value("Attend a seminar")
    expect(walk.row("Partner deliverable 5").get_by_label("How it will be verified")).to_have_value(
        "Patrol logs and AIS tracks"
    )
    tick(seminar.get_by_label("Remove partner deliverable 3"))
    walk.press("Save and continue")
    assert PartnerDeliverable.objects.filter(initiative=initiative).count() == 4

    # U.S. inputs matched to partner deliverables, beside the timeline.
    walk.expect_step("U.S. inputs matched to partner deliverables")
    timeline = page.get_by_role("table", name="Partner deliverables and U.S. inputs by fiscal year")
    expect(timeline).to_contain_text("D3")
    walk.check("07-us-inputs")
    first = walk.row("U.S. input 1")
    first.get_by_label("What the U.S. provides").fill("Four 12-meter patrol boats")
    first.get_by_label("Category").select_option(label="Equipment")
    first.get_by_label("Fiscal year").select_option(label="FY2028")
    first.get_by_label("Estimated cost (USD)").fill("2400000")
    tick(first.get_by_label(re.compile(r"^D\d+ Fund fuel and spare parts")))
    tick(first.get_by_label(re.compile(r"^D\d+ Designate the 2nd Coastal")))
    walk.press("Add another U.S. input")
    second = walk.row("U.S. input 2")
    second.get_by_label("What the U.S. provides").fill("Boarding and seamanship training")
    second.get_by_label("Category").select_option(label="Training")
    second.get_by_label("Fiscal year").select_option(label="FY2027")
    tick(second.get_by_label(re.compile(r"^D\d+ Assign 120 sailors")))
    # The two components every Section 333 program includes (333(c)(2)).
    for kind in ProgramComponentKind:
        component = page.get_by_role("group", name=kind.label)
        component.get_by_label("What it covers").fill(f"{kind.label}: the syllabus.")
        component.get_by_label("Who gives it and who takes part").fill("A DoD team, the crews.")
        component.get_by_label(re.compile(r"^When\b")).fill("FY2027 Q2")
    walk.press("Save and continue")

    # Yearly objectives: one block per fiscal year, indicators nested.
    walk.expect_step("Yearly objectives and indicators")
    walk.check("08-objectives")
    for year in range(2027, 2032):
        objective = walk.row(f"FY{year} objective 1")
        objective.get_by_label(re.compile(r"^Objective\b")).fill(
            f"FY{year}: the company patrols more."
        )
        indicator = objective.get_by_role("group", name="Indicator 1")
        indicator.get_by_label("Indicator of success").fill("Patrol days a month")
        indicator.get_by_label("Baseline").fill("2")
        indicator.get_by_label("Target").fill(str(4 * (year - 2025)))
        indicator.get_by_label("How it is measured").fill("Patrol logs")
        indicator.get_by_label("Who collects the data").fill("SCO maritime desk")
        indicator.get_by_label("How often").fill("Monthly")
        indicator.get_by_label("Source of the data").fill("Navy patrol logs")
    walk.press("Save and continue")

    # Absorptive capacity and sustainment.
    walk.expect_step("Absorptive capacity and sustainment")
    walk.check("09-sustainment")
    page.get_by_label("Absorptive capacity").fill("Six mechanics, no parts budget yet.")
    page.get_by_label("Sustainment plan").fill("Kestrela funds fuel and parts from FY2028.")
    page.get_by_label("Annual sustainment cost (USD)").fill("310000")
    page.get_by_label("Source of funds after U.S. support ends").fill("Navy operations line")
    walk.press("Save and continue")

    # Commitment: each rating needs its evidence.
    walk.expect_step("Commitment assessment")
    walk.check("10-commitment")
    ratings = page.get_by_role("group", name=re.compile("^Physical risk"))
    tick(ratings.get_by_label("4 · High"))
    walk.press("Save and continue")
    expect(page.get_by_role("alert")).to_contain_text("Give the evidence for this rating")
    for legend in (
        "Physical risk",
        "Motivation",
        "Intensity",
        "Salience",
        "Personnel",
        "Budget",
        "Maintenance and logistics",
        "Institutions",
    ):
        tick(page.get_by_role("group", name=re.compile(f"^{legend}")).get_by_label("3 · Medium"))
        page.get_by_label(re.compile(f"^Evidence for the {legend.lower()}")).fill("Observed.")
    walk.press("Save and continue")

    # Risks: the dilemma's three, each with a mitigation.
    walk.expect_step("Risks")
    expect(page.get_by_role("region", name="The security cooperation dilemma")).to_be_visible()
    walk.check("11-risks")
    for number, category in enumerate(("Entrapment", "Abandonment", "Sovereignty"), start=1):
        if number > 1:
            walk.press("Add another risk")
        risk = walk.row(f"Risk {number}")
        risk.get_by_label("Category").select_option(label=RiskCategory[category.upper()].label)
        risk.get_by_label("Description").fill(f"{category} risk of the patrols.")
        risk.get_by_label("Likelihood").select_option(label="3 · Medium")
        risk.get_by_label("Impact").select_option(label="4 · High")
        risk.get_by_label("Mitigation").fill("Agreed in the annual plan.")
    walk.press("Save and continue")

    # Assessment, monitoring and evaluation: what Section 333 asks before submission.
    walk.expect_step("Assessment, monitoring and evaluation")
    page.get_by_label("Date of the initial assessment").fill("2026-06-12")
    page.get_by_label("How the initial assessment was made").fill("Site visit to the base.")
    page.get_by_label(re.compile(r"^Sources")).fill("Navy personnel records.")
    page.get_by_label("Baseline summary").fill("Two boats working, two patrol days a month.")
    page.get_by_label("Evaluation questions").fill("Do the boats stay at sea?")
    page.get_by_label("When it is evaluated").fill("Mid-term review in FY2028 Q2.")
    page.get_by_text(EvaluationKind.INDEPENDENT.label).click()  # the USWDS radio's label
    walk.press("Save and continue")

    # Review: complete, every section read-only, ready to submit.
    walk.expect_step("Review")
    expect(page.get_by_text("Every part of the IDD is filled in, and no plan")).to_be_visible()
    expect(page.get_by_role("link", name="Submit for review")).to_be_visible()
    expect(page.get_by_role("heading", name="3. Partner deliverables")).to_be_visible()
    walk.check("12-review")
    matched = USInput.objects.filter(initiative=initiative, matched_deliverables__isnull=False)
    assert matched.distinct().count() == 2


def test_the_review_step_links_each_missing_part_to_its_step(walk: Walk, live_server):
    dana = User.objects.get(username="dana")  # signed in by the walk fixture
    initiative = factories.InitiativeFactory(title="Half done", team_members=[dana])
    page = walk.page
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/review/")
    missing = page.get_by_role("region", name="Still to fill in")
    expect(missing).to_contain_text("at least one partner deliverable")
    walk.check("13-review-incomplete")
    missing.get_by_role("link", name="Partner deliverables", exact=True).click()
    walk.expect_step("Partner deliverables")


def test_list_page_and_refusal_are_accessible(page, live_server, login, tmp_path):
    shots = Path(os.environ.get("SHOTS_DIR", tmp_path))
    owner = factories.planner(username="olive")
    initiative = complete_initiative(owner=owner, title="Kestrela coastal patrol")
    walk = Walk(page, shots)
    login(owner)

    page.get_by_role("link", name="Initiatives", exact=True).click()
    page.get_by_label("Search").fill("coastal")
    walk.press("Apply filters")
    expect(page.get_by_role("link", name="Kestrela coastal patrol")).to_be_visible()
    walk.check("14-list")
    page.get_by_role("link", name="Kestrela coastal patrol").click()
    expect(page.get_by_role("heading", name="3. Partner deliverables")).to_be_visible()
    walk.check("15-initiative-page")

    login(factories.reviewer(username="morgan"))
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/basics/")
    expect(page.get_by_role("heading", name="You cannot edit this")).to_be_visible()
    walk.check("16-refused")
