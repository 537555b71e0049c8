"""The quadrant's text is readable where the guided form shows it: on the commitment step
at desktop width its 13-unit text renders at 12 px or more, not shrunk to ~7 px."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.factories import complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Rendered size of the chart's text: the SVG's font size scaled by its drawn width.
TEXT_PX = """svg => {
  const units = Number(svg.getAttribute("font-size"));
  return units * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
}"""


def test_the_commitment_steps_quadrant_text_renders_at_12_px_or_more(
    page: Page, login, live_server
):
    owner = factories.planner(username="dana")
    draft = complete_initiative(owner, factories.planner(username="sam"))
    page.set_viewport_size({"width": 1280, "height": 900})
    login(owner)
    page.goto(f"{live_server.url}/initiatives/{draft.pk}/edit/commitment/")

    quadrant = page.get_by_role("img", name="Commitment quadrant", exact=False)
    expect(quadrant).to_be_visible()
    assert quadrant.evaluate(TEXT_PX) >= 12
