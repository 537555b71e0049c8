"""Focus after a failed save, in Chromium, one behavior for every form (issue 16): the
error summary has focus once the page has settled, even when the URL carries a fragment
that the browser jumps to; forms without the guided form's script do the same; a summary
link to a radio group puts focus on its first radio. Moving a row keeps focus on it."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from demo import scenario as demo
from idd.models import Initiative
from idd.reference import roles
from tests import factories
from tests.review.conftest import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SETTLED = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture
def maritime() -> Initiative:
    for role in roles.ALL_ROLES:  # transactional tests flush the roles' data migration
        Group.objects.get_or_create(name=role)
    call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
    return Initiative.objects.get(title="Kestrela coastal patrol capability")


def sign_in_as(login, username: str) -> Page:
    spec = next(u for u in demo.DEMO_USERS if u.username == username)
    return login(User.objects.get(username=spec.username), spec.password)


def settle(page: Page) -> None:
    """Past the load event and the browser's jump to the URL's fragment."""
    page.wait_for_load_state("load")
    page.evaluate(SETTLED)
    page.wait_for_timeout(300)
    page.evaluate(SETTLED)


def assert_summary_has_focus(page: Page) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()


def test_a_failed_comment_keeps_focus_on_the_summary_despite_the_fragment(
    maritime, login, live_server
):
    page = sign_in_as(login, "reviewer")
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/review/")
    risks = page.get_by_role("region", name="Risks", exact=True)
    risks.locator("summary", has_text="Write a comment on Risks").click()
    risks.get_by_role("button", name="Add comment on Risks").click()

    page.wait_for_url("**/comments/risks/#section-risks")
    settle(page)
    assert_summary_has_focus(page)
    assert page.title().startswith("Error: ")


def open_delivery_record_unanswered(page: Page, live_server, maritime) -> None:
    page.goto(f"{live_server.url}/initiatives/{maritime.pk}/commitment/")
    page.get_by_role("link", name="Record what the partner did: Raise sea-duty pay").click()
    # A planner who has not chosen an answer yet.
    page.evaluate(
        "document.querySelectorAll(\"input[name='status']\").forEach(r => r.checked = false)"
    )
    page.get_by_role("button", name="Record", exact=True).click()
    settle(page)


def test_a_failed_delivery_record_focuses_its_summary(maritime, login, live_server):
    page = sign_in_as(login, "planner")
    open_delivery_record_unanswered(page, live_server, maritime)

    assert_summary_has_focus(page)
    assert page.title().startswith("Error: ")


def test_the_summary_link_to_a_radio_group_focuses_its_first_radio(maritime, login, live_server):
    page = sign_in_as(login, "planner")
    open_delivery_record_unanswered(page, live_server, maritime)

    page.locator("#error-summary").get_by_role("link", name="What the partner did").click()

    expect(page.locator("input[name='status']").first).to_be_focused()


def test_moving_a_row_keeps_focus_on_its_button_and_announces_its_place(
    login, live_server, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner = factories.planner(username="dana")
    draft = complete_initiative(owner, factories.planner(username="sam"))
    page = login(owner)
    page.goto(f"{live_server.url}/initiatives/{draft.pk}/edit/risks/")

    page.get_by_role("button", name="Move down risk 1", exact=True).click()

    settle(page)
    expect(page.get_by_role("button", name="Move down risk 2", exact=True)).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Row moved")).to_have_text(
        "Row moved to position 2 of 3."
    )
