"""The exported PDF of the demo's maritime initiative, read back with poppler."""

import re

import pytest
from django.db import transaction
from django.test import override_settings

from assessments import presentation
from idd.document.snapshot import load, snapshot
from idd.export import render_html, render_pdf
from idd.export.render import PARTS
from idd.models import Initiative
from tests.export.pdftools import embedded_fonts, flat, pdf_language, pdf_text, pdfinfo

MARKING = "CUI//TEST MARKING"


@pytest.fixture(scope="module")
def exported(demo, django_db_blocker):
    """The maritime initiative's snapshot and PDF, rendered once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        initiative = Initiative.objects.get(title="Kestrela coastal patrol capability")
        doc = snapshot(load(initiative.pk))
        with override_settings(MARKING=MARKING):
            pdf = render_pdf(doc)
        transaction.set_rollback(True)
    return doc, pdf


@pytest.fixture(scope="module")
def text(exported):
    return flat(" ".join(pdf_text(exported[1])))


def test_every_section_heading_is_in_the_pdf_and_the_contents(exported):
    # As printed: the contents' numbers are its list's markers, painted apart from the
    # titles, so the raw text order does not put them side by side.
    text = flat(" ".join(pdf_text(exported[1], layout=True)))
    for number, part in enumerate(PARTS, start=1):
        assert text.count(f"{number}. {part.title}") >= 2, part.title  # contents and heading


def test_every_partner_deliverable_and_us_input_is_in_the_pdf(exported, text):
    doc, _ = exported
    assert len(doc["deliverables"]) == 8
    for deliverable in doc["deliverables"]:
        assert deliverable["title"] in text
    for us_input in doc["us_inputs"]:
        assert us_input["title"] in text


def test_the_commitment_figures_and_their_explanations_are_in_the_pdf(exported, text):
    view = presentation.commitment_view(exported[0]["commitment"])
    assert view.figures
    # A line may end after a word's hyphen ("risk-" / "weighted"): the words are joined back.
    joined = re.sub(r"(\w)- (\w)", r"\1-\2", text)
    for figure in view.figures:
        assert f"{figure.label} {figure.value}" in text
        assert flat(figure.explanation) in joined
    assert "61 of 100" in text  # 5.5 of 9 political-risk points delivered, halves rounded up


def test_every_page_carries_the_marking_top_and_bottom_and_page_x_of_y(exported):
    pages = pdf_text(exported[1], layout=True)
    count = int(pdfinfo(exported[1])["Pages"])
    assert len(pages) == count > 5
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == MARKING, f"page {number} starts with {lines[0]!r}"
        # The foot's first line; its second gives the document's date (test_staffing_pdf).
        assert MARKING in lines[-2], f"page {number} ends with {lines[-2]!r}"
        assert lines[-2].endswith(f"Page {number} of {count}")
        # The status of the revision, at the foot of every page, where a reader looks.
        assert lines[-2].startswith("Revision 1 · In review, not approved"), lines[-2]
        if number > 1:  # and the title above the text of every page after the cover
            assert lines[1].startswith("Kestrela coastal patrol capability"), lines[1]


def test_contents_give_the_page_each_section_starts_on(exported):
    pages = pdf_text(exported[1], layout=True)
    contents = pages[1]
    for number, part in enumerate(PARTS, start=1):
        entry = re.search(rf"{number}\.\s+{re.escape(part.title)}\s+(\d+)", contents)
        assert entry, part.title
        starts_on = int(entry[1])
        assert f"{number}. {part.title}" in pages[starts_on - 1]


def test_the_pdf_is_tagged_with_title_and_language(exported):
    doc, pdf = exported
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == (
        "Kestrela coastal patrol capability: Initiative Design Document, revision 1"
    )
    assert info["Author"] == doc["meta"]["owner"]
    assert pdf_language(pdf) == "en"


def test_fonts_are_the_projects_own_and_embedded(exported):
    fonts = embedded_fonts(exported[1])
    assert all(fonts.values()), fonts
    names = " ".join(fonts)
    assert "Source-Sans-Pro-Web" in names
    assert "Merriweather-Web-Bold" in names


def test_the_timeline_puts_both_sides_of_each_fiscal_year_together(exported, text):
    # FY2026: the partner designates the unit and assigns sailors; the U.S. gives boats
    # gated on D1, D3 and D4.
    assert "FY2026 · 1 Oct 2025 – 30 Sep 2026" in text
    assert "4 partner deliverables due (9 political-risk points) · 2 U.S. inputs" in text
    # Each U.S. input in its quarter's row (issue 24): the boats in FY2026 Q2, not "all year".
    sailors = "D2 Assign 120 sailors to the company for at least three years · risk 2"
    boats = "U1 Four 12-meter patrol boats with outboard engines"
    assert f"Q2 Jan–Mar {sailors} {boats} · $2,400,000 · gated on D1, D3, D4" in text
    assert "U.S. inputs, all year" not in text


def test_tables_broken_across_pages_repeat_the_fiscal_year_in_their_header(text):
    assert "FY2026 What is due, and what it is gated on" in text  # the timeline
    assert "FY2027 objective Indicator Baseline Target How it is measured" in text


def test_draft_says_it_is_not_approved(text):
    assert "IN REVIEW: NOT APPROVED" in text  # the cover stamp
    assert "Revision 1 is not approved: its status is in review." in text
    # The demo's reviewer returned it once before it was resubmitted.
    assert "Coordination: the reviewers who concurred or returned the draft" in text
    assert "Returned: changes requested" in " ".join(text.split())
    assert "1 In review (this document)" in text  # the revision history


def test_user_text_is_escaped_in_the_html(exported):
    doc = {**exported[0], "context": {**exported[0]["context"], "problem_statement": "<b>x</b>"}}
    html = render_html(doc)
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<b>x</b>" not in html
