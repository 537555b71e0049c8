"""Issue 24, item 17: the charts' words in the printed IDD are 8 pt or more on paper, read
from the PDF's text sizes as the type test does (test_staffing_pdf), on the demo's IDDs:
the quadrant, the trend, the swimlane timeline and the monitoring charts. An SVG chart
printed narrower than its own units shrinks its text (a 560-unit quadrant at 4.8 in made
its 12-unit digits 7.4 pt), so the size read is the font's times the transformation on
paper. The charts stay inside the page's side margins."""

import pytest
from django.db import transaction

from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.models import Initiative
from tests.export.pdftools import printed_sizes
from tests.export.test_timeline_chart import LETTER_WIDTH, SIDE_MARGIN, word_right_edges

MARITIME = "Kestrela coastal patrol capability"
DEMO_IDDS = (
    MARITIME,
    "Solmara harbor security partnership",
    "Kestrela defense maintenance institution building",
)
# Words of each kind of chart (timeline, quadrant, trend, monitoring), so the test cannot
# pass on a PDF without charts.
CHART_WORDS = {
    MARITIME: {"Delivered", "Committed", "Demonstrated commitment", "Target", "Measured"},
}
SMALLEST_PT = 8
# The test database is made only for a session with a test that asks for it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_pdfs(demo, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        pdfs = {
            title: render_pdf(snapshot(load(Initiative.objects.get(title=title).pk)))
            for title in DEMO_IDDS
        }
        transaction.set_rollback(True)
    return pdfs


@pytest.mark.parametrize("title", DEMO_IDDS)
def test_every_chart_word_prints_at_8_pt_or_more(demo_pdfs, title):
    runs = printed_sizes(demo_pdfs[title])
    # A chart's text is read a glyph at a time, without its spaces.
    chart_text = {text for _, _, figure, text in runs if figure}
    expected = {"Partner", "U.S. inputs"} | CHART_WORDS.get(title, set())  # timeline in each
    assert {words.replace(" ", "") for words in expected} <= chart_text
    small = [(page, size, text) for page, size, _, text in runs if size < SMALLEST_PT]
    assert not small, f"{len(small)} runs under {SMALLEST_PT} pt: {small[:12]}"


@pytest.mark.parametrize("title", DEMO_IDDS)
def test_the_charts_stay_inside_the_side_margins(demo_pdfs, title):
    pdf = demo_pdfs[title]
    pages = {page for page, _, figure, _ in printed_sizes(pdf) if figure}
    assert pages
    for page in pages:
        assert max(word_right_edges(pdf, page)) <= LETTER_WIDTH - SIDE_MARGIN + 1, page
