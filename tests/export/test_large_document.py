"""The benchmark's reference IDD (80 deliverables, 39 pages): long tables break cleanly."""

import pytest
from django.db import transaction

from demo.large_initiative import SIZE, build_reference_initiative
from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.export.timeline import SHORT_TITLE, short_title
from tests.export.pdftools import flat, pdf_text

DELIVERABLES_HEADER = "Ref. Partner deliverable Due Political risk How it will be verified Status"


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        doc = snapshot(load(build_reference_initiative().pk))
        pdf = render_pdf(doc)
        transaction.set_rollback(True)
    return doc, pdf


def test_every_partner_deliverable_of_a_large_idd_is_printed(exported):
    doc, pdf = exported
    text = flat(" ".join(pdf_text(pdf)))
    assert len(doc["deliverables"]) == SIZE.deliverables
    for deliverable in doc["deliverables"]:
        assert deliverable["title"] in text


def test_a_table_continued_on_the_next_page_repeats_its_header_and_running_title(exported):
    pages = [flat(page) for page in pdf_text(exported[1], layout=True)]
    starts = next(n for n, page in enumerate(pages) if "3. Partner deliverables What" in page)
    ends = next(n for n, page in enumerate(pages) if "partner deliverables What the U.S." in page)
    continued = pages[starts + 1 : ends]
    assert len(continued) >= 3  # the table spans several pages
    for page in continued:
        # marking, the document's title and the running section title, then the table's
        # header row again
        title = exported[0]["meta"]["title"]
        assert page.startswith(
            f"UNCLASSIFIED {title} Partner deliverables {DELIVERABLES_HEADER} D"
        ), page[:200]


def test_the_timeline_has_one_short_table_per_fiscal_year(exported):
    text = flat(" ".join(pdf_text(exported[1])))
    for year in range(2027, 2032):
        assert f"FY{year} · 1 Oct {year - 1} – 30 Sep {year}" in text
    assert "16 partner deliverables due" in text


def test_the_timeline_names_every_deliverable_by_reference_and_a_one_line_title(exported):
    doc, pdf = exported
    text = flat(" ".join(pdf_text(pdf)))
    long_titles = [d for d in doc["deliverables"] if len(d["title"]) > SHORT_TITLE]
    assert long_titles  # the reference IDD has titles too long for one timeline line
    for d in doc["deliverables"]:
        shortened = short_title(d["title"])
        assert len(shortened) <= SHORT_TITLE
        assert f"{d['ref']} {shortened} · risk {d['political_risk']}" in text
