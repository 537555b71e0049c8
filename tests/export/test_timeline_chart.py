"""Issue 11 in the PDF: both commitment figures, and the swimlane timeline with its table
alternative in the timeline section, on one page and inside the margins even for the
benchmark's 5 fiscal years and 80 deliverables."""

import re

import pytest
from django.db import transaction

from assessments.inputs import AssessmentInputs
from assessments.swimlane import swimlane_chart
from demo.large_initiative import SIZE, build_reference_initiative
from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.models import Initiative
from tests.export.pdftools import PDF, _poppler, flat, pdf_text

CHART_TITLE = "Timeline: what the partner does and what the U.S. gives, by fiscal quarter"
TABLE = "Partner deliverables on the timeline, by reference"
INPUT_TABLE = "U.S. inputs on the timeline and the deliverables they are gated on"
LEGEND_END = "U.S. gives before the partner acts"
LETTER_WIDTH, SIDE_MARGIN = 612, 0.75 * 72  # points (print.css: letter, 0.75in sides)


def exported_demo(title: str):
    initiative = Initiative.objects.get(title=title)
    doc = snapshot(load(initiative.pk))
    return doc, render_pdf(doc)


@pytest.fixture(scope="module")
def demo_pdfs(demo, django_db_blocker):
    """The demo's committed partner and its gift-taker, each with its PDF."""
    with django_db_blocker.unblock(), transaction.atomic():
        pdfs = {
            "committed": exported_demo("Kestrela coastal patrol capability"),
            "gifts": exported_demo("Solmara harbor security partnership"),
        }
        transaction.set_rollback(True)
    return pdfs


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        doc = snapshot(load(build_reference_initiative().pk))
        pdf = render_pdf(doc)
        transaction.set_rollback(True)
    return doc, pdf


def joined(pdf: bytes) -> str:
    """The PDF's text in one line; a word broken after its hyphen at a line end rejoined."""
    return flat(" ".join(pdf_text(pdf))).replace("- ", "-")


def chart_rows(doc) -> list[str]:
    chart = swimlane_chart(AssessmentInputs.from_dict(doc["commitment"]["inputs"]))
    return [f"{row.ref} {row.title} {row.due}" for row in chart.deliverable_rows]


def test_the_pdf_prints_demonstrated_commitment_beside_the_delivery_record(demo_pdfs):
    doc, pdf = demo_pdfs["committed"]
    result = doc["commitment"]["result"]
    assert result["demonstrated"] is not None and result["delivery_record"] is not None
    text = flat(" ".join(pdf_text(pdf)))
    assert f"Demonstrated commitment (costly acts) {result['demonstrated']} of 100" in text
    assert (
        f"Delivery record (reliability, not commitment) {result['delivery_record']} of 100" in text
    )


def test_the_gift_takers_pdf_says_commitment_cannot_be_demonstrated(demo_pdfs):
    doc, pdf = demo_pdfs["gifts"]
    result = doc["commitment"]["result"]
    assert result["demonstrated_state"] == "cannot_be_demonstrated"
    text = flat(" ".join(pdf_text(pdf)))
    assert (
        "Demonstrated commitment (costly acts) Cannot be demonstrated: nothing in the plan "
        "costs the partner anything" in text
    )
    assert (
        f"Delivery record (reliability, not commitment) {result['delivery_record']} of 100" in text
    )


@pytest.mark.parametrize("which", ["committed", "gifts"])
def test_the_timeline_section_prints_the_chart_and_its_table_alternative(demo_pdfs, which):
    doc, pdf = demo_pdfs[which]
    text = joined(pdf)
    timeline = text[text.index("Timeline: partner deliverables and U.S. inputs Each") :]
    assert timeline.index(CHART_TITLE) < timeline.index(TABLE) < timeline.index(INPUT_TABLE)
    for row in chart_rows(doc):
        assert row in timeline
    # The quarter-by-quarter tables stay beside it.
    assert f"FY{doc['basics']['first_fiscal_year']} · 1 Oct" in timeline


def test_a_five_year_eighty_deliverable_chart_fits_one_page_inside_the_margins(reference):
    doc, pdf = reference
    pages = [flat(page) for page in pdf_text(pdf)]
    # 42 at 10 pt text and 9 pt tables (39 before the chart: one page of chart, about two of
    # table); 48 at 11 pt and 10 pt, the staffing package's type sizes; 54 with the
    # Monitoring part, the coordination and signature blocks and the summary of changes;
    # 55 with what Section 333 asks (State's concurrence, the program components); 60 with
    # the assessment, monitoring and evaluation section (a monitoring plan per indicator).
    assert len(pages) <= 60
    (chart_page,) = [n for n, page in enumerate(pages) if CHART_TITLE in page]
    # Every year's label and the end of the legend are on the chart's page: not cut off.
    for year in range(2027, 2027 + SIZE.fiscal_years):
        assert f"FY{year}" in pages[chart_page]
    assert LEGEND_END in pages[chart_page]
    assert max(word_right_edges(pdf, chart_page + 1)) <= LETTER_WIDTH - SIDE_MARGIN + 1


def test_every_row_of_the_large_charts_table_alternative_is_printed(reference):
    doc, pdf = reference
    text = joined(pdf)
    table = text[text.index(TABLE) : text.index(INPUT_TABLE)]
    rows = chart_rows(doc)
    assert len(rows) == SIZE.deliverables
    for row in rows:
        assert row in table


def word_right_edges(pdf: bytes, page: int) -> list[float]:
    """Where each word on a page ends, in points from the left edge (pdftotext -bbox)."""
    html = _poppler(pdf, "pdftotext", "-bbox", "-f", str(page), "-l", str(page), PDF, "-")
    return [float(x) for x in re.findall(r'xMax="([\d.]+)"', html)]
