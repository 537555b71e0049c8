"""The portfolio quadrant as Chromium draws it: every name's text stays inside its white box
(the widths the layout assumes are upper bounds, even for capitals and accents), so names
that the layout keeps apart never overlap on screen; and its text renders at 13 px or more
at the width of a printed page. A quadrant label too wide for its quadrant is fitted to
its box. With its table, axe finds nothing and the keyboard reaches every initiative."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string
from playwright.sync_api import Page

from assessments import method
from assessments.portfolio_chart import PortfolioPoint, portfolio_quadrant

pytestmark = [pytest.mark.browser]

NAMES = [
    "Kestrela coastal patrol capability",
    "MDA AND ISR FUSION CENTER WWW",
    "Réforme «Loi 12» ÉÉÉ",
    "MMMMMMMMMMMMMMMMMMMMMMMMMM",
    "Wawa mmm www ‰ @@",
    "Solmara harbor security partnership",
]

# Each drawn text's box against the white box drawn just before it, in SVG units.
OVERFLOWS = """svg => [...svg.querySelectorAll('text')].flatMap(text => {
  const rect = text.previousElementSibling;
  if (!rect || rect.tagName !== 'rect' || rect.getAttribute('fill') !== '#ffffff') return [];
  const t = text.getBBox(), r = rect.getBBox();
  const out = t.x < r.x - 0.5 || t.x + t.width > r.x + r.width + 0.5
    || t.y < r.y - 1 || t.y + t.height > r.y + r.height + 1;
  return out ? [text.textContent] : [];
})"""
BOXED = """svg => [...svg.querySelectorAll('text')].filter(t => {
  const rect = t.previousElementSibling;
  return rect && rect.tagName === 'rect' && rect.getAttribute('fill') === '#ffffff';
}).length"""
TEXT_PX = """svg => Number(svg.getAttribute("font-size"))
  * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width"""


def portfolio() -> list[PortfolioPoint]:
    points = []
    for key, (physical, accepted) in enumerate(
        [(p, a) for p in range(1, 6) for a in range(0, 6)] * 2, start=1
    ):
        if key % 3:  # two thirds alone at their place, so their names are drawn
            physical, accepted = 1 + key % 5, key % 6
        quadrant = method.QUADRANT_OF[(physical >= 3, accepted >= 3)]
        name = NAMES[key % len(NAMES)]
        points.append(PortfolioPoint(key, name, f"/i/{key}/", physical, accepted, quadrant))
    return points


def crowded() -> list[PortfolioPoint]:
    """15,000 in one quadrant: its label is fitted to the quadrant's width."""
    quadrant = method.FALSE_COMMITMENT_RISK
    return [PortfolioPoint(k, "x", "/", 1, 0, quadrant) for k in range(15_000)] + portfolio()


@pytest.mark.parametrize("points", [portfolio(), crowded()], ids=["names", "crowded"])
def test_names_stay_inside_their_boxes_and_text_is_13_px_when_printed(
    page: Page, points: list[PortfolioPoint]
) -> None:
    chart = portfolio_quadrant(points)
    svg = render_to_string("assessments/portfolio_quadrant.svg", {"chart": chart})
    page.set_viewport_size({"width": 672, "height": 800})  # a letter page's text width
    page.set_content(f"<!doctype html><body style='margin:0'><div style='width:672px'>{svg}</div>")
    page.add_style_tag(content="svg { display: block; max-width: 100%; height: auto; }")
    chart_svg = page.locator("svg")
    assert chart.labels  # names were drawn
    assert chart_svg.evaluate(BOXED) == len(chart.labels) + len(chart.areas)
    assert chart_svg.evaluate(OVERFLOWS) == []
    assert chart_svg.evaluate(TEXT_PX) >= 13


def test_the_chart_and_its_table_pass_axe_and_the_links_take_the_keyboard(page: Page) -> None:
    chart = portfolio_quadrant(portfolio())
    svg = render_to_string("assessments/portfolio_quadrant.svg", {"chart": chart})
    table = render_to_string("assessments/portfolio_quadrant_table.html", {"chart": chart})
    page.set_content(
        "<!doctype html><html lang='en'><head><title>Portfolio</title></head><body><main>"
        f"<h1>Portfolio</h1><figure>{svg}{table}</figure></main></body></html>"
    )
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    image = page.get_by_role("img", name="Portfolio quadrant", exact=False)
    assert image.get_attribute("aria-describedby") == "portfolio-quadrant-desc"
    # The chart itself takes no focus; Tab goes to the first initiative in the table.
    page.keyboard.press("Tab")
    first = chart.rows[0].point
    assert page.evaluate("document.activeElement.getAttribute('href')") == first.url
