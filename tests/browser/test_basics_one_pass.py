"""Basics in one pass: the partner typed (with suggestions) and its units chosen together,
saved once, with and without JavaScript; the step indicator's steps are keyboard-reachable
links."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from idd.models import Initiative
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partners(initiative):
    """The initiative's partner with one unit, and another partner with two."""
    factories.PartnerUnitFactory(partner=initiative.partner, name="Old flotilla")
    norland = factories.PartnerFactory(country="Norland")
    factories.PartnerUnitFactory(partner=norland, name="Norland navy")
    factories.PartnerUnitFactory(partner=norland, name="Norland coast guard")
    return initiative.partner, norland


def sign_in(page: Page, url: str, user) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")


def toggle(page: Page, label: str) -> None:
    """Tick or untick a USWDS checkbox by clicking its label, as a person does (the input
    itself is drawn by the label)."""
    page.locator("label", has_text=label).click()


def no_axe_violations(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def basics_url(live_server, initiative) -> str:
    return f"{live_server.url}/initiatives/{initiative.pk}/edit/basics/"


def test_with_javascript_typing_a_partner_suggests_it_and_shows_its_units_to_save_once(
    page: Page, live_server, owner, initiative, partners
):
    old, norland = partners
    sign_in(page, live_server.url, owner)
    page.goto(basics_url(live_server, initiative))
    expect(page.get_by_role("group", name=f"Units of {old}")).to_be_visible()
    no_axe_violations(page)
    partner = page.get_by_label(re.compile(r"^Partner\b"))
    partner.fill("norl")  # part of the name: the listed name is suggested
    suggestions = page.locator(f"datalist#{partner.get_attribute('id')}-suggestions option")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_attribute("value", "Norland")
    partner.fill("Norland")
    expect(page.get_by_role("group", name="Units of Norland")).to_be_visible()
    expect(page.get_by_role("group", name=f"Units of {old}")).to_be_hidden()
    toggle(page, "Norland navy")
    no_axe_violations(page)
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic context")
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert initiative.partner == norland
    assert [u.name for u in initiative.targeted_units.all()] == ["Norland navy"]


def test_without_javascript_the_typed_partner_is_resolved_and_a_wrong_unit_is_refused(
    browser, live_server, owner, initiative, partners
):
    old, norland = partners
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, owner)
    page.goto(basics_url(live_server, initiative))
    # Only the saved partner's units are on the page, not every partner's.
    expect(page.get_by_role("group", name=f"Units of {old}")).to_be_visible()
    expect(page.get_by_role("group", name="Units of Norland")).to_have_count(0)
    page.get_by_label("Initiative title").fill("Coastal patrol, Norland")
    page.get_by_label(re.compile(r"^Partner\b")).fill("norland")  # case does not matter
    toggle(page, "Old flotilla")  # the old partner's unit, left ticked
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.locator("#id_targeted_units_error")).to_contain_text(
        "Tick only units of Norland, the partner chosen: “Old flotilla”"
    )
    # What was typed and ticked is kept, and the new partner's units are there to tick.
    expect(page.get_by_label("Initiative title")).to_have_value("Coastal patrol, Norland")
    expect(page.get_by_label("Old flotilla")).to_be_checked()
    assert Initiative.objects.get(pk=initiative.pk).partner == old
    toggle(page, "Old flotilla")
    toggle(page, "Norland navy")
    page.get_by_role("button", name="Save and continue", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic context")
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert (initiative.partner, initiative.title) == (norland, "Coastal patrol, Norland")
    assert [u.name for u in initiative.targeted_units.all()] == ["Norland navy"]
    context.close()


def test_the_step_indicator_is_a_nav_of_links_reached_by_keyboard(
    page: Page, live_server, owner, initiative, partners
):
    sign_in(page, live_server.url, owner)
    page.goto(basics_url(live_server, initiative))
    steps = page.get_by_role("navigation", name="Steps of the guided form")
    expect(steps.get_by_role("link")).to_have_count(10)
    expect(steps.get_by_role("link", name="Basics")).to_have_attribute("aria-current", "step")
    target = steps.get_by_role("link", name=re.compile(r"^Risks"))
    for _ in range(60):  # Tab through the page until the link has focus
        page.keyboard.press("Tab")
        if target.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("The Risks step of the step indicator is not reachable with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Risks")
    expect(
        page.get_by_role("navigation", name="Steps of the guided form").get_by_role(
            "link", name="Risks"
        )
    ).to_have_attribute("aria-current", "step")
    no_axe_violations(page)
