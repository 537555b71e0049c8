"""The staffing blocks of the printed IDD, read back from the PDF: the distribution
statement, the CUI designation indicator, the footer, the summary of changes, type sizes."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import override_settings

from idd.document.shown import shown_document
from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from idd.models import Initiative
from idd.reference.distribution import Reason, Statement
from idd.services import plan_warnings, review
from tests.export.pdftools import flat, pdf_text, text_sizes
from tests.staffing.demo_route import APPROVER, approve_on_the_route

CUI = {
    "controlled_by": "USAFRICOM, J5",
    "category": "CTI",
    "dissemination": "FEDCON",
    "poc": "Maj. Ana Reyes, 314-555-0100",
}
STATEMENT_D = (
    "DISTRIBUTION STATEMENT D. Distribution authorized to the Department of Defense and U.S. "
    "DoD contractors only (Administrative or Operational Use) (15 October 2026). Other "
    "requests shall be referred to USAFRICOM J5, Stuttgart, Germany."
)
MARGIN = 65  # pt: the page's top and bottom margins are 0.9in and 0.85in


@pytest.fixture(scope="module")
def cui_pdf(demo, django_db_blocker):
    """The demo's maritime IDD (revision 1, in review on its route) under a configured CUI
    marking."""
    with django_db_blocker.unblock(), transaction.atomic():
        initiative = Initiative.objects.get(title="Kestrela coastal patrol capability")
        doc = snapshot(load(initiative.pk))
        with override_settings(MARKING="CUI", CUI_DESIGNATION=CUI):
            pdf = render_pdf(doc)
        transaction.set_rollback(True)
    return doc, pdf


def text_of(pdf: bytes) -> str:
    return flat(" ".join(pdf_text(pdf)))


def test_the_cover_prints_the_distribution_statement_in_full(cui_pdf):
    cover = flat(pdf_text(cui_pdf[1])[0])
    assert STATEMENT_D in cover


def test_the_cover_carries_the_cui_designation_indicator_when_configured(cui_pdf):
    cover = flat(pdf_text(cui_pdf[1])[0])
    assert "CUI designation indicator" in cover
    for label, value in (
        ("Controlled by:", "USAFRICOM, J5"),
        ("CUI Category:", "CTI"),
        ("Distribution/Dissemination Control:", "FEDCON"),
        ("POC:", "Maj. Ana Reyes, 314-555-0100"),
    ):
        assert f"{label} {value}" in cover, label


@pytest.mark.django_db
def test_no_cui_block_when_the_marking_is_not_cui(maritime):
    with override_settings(MARKING="UNCLASSIFIED", CUI_DESIGNATION=CUI):
        pdf = render_pdf(snapshot(load(maritime.pk)))
    text = text_of(pdf)
    assert "CUI designation indicator" not in text and "FEDCON" not in text
    assert STATEMENT_D in text


def test_every_page_footer_gives_revision_status_and_date(cui_pdf):
    doc, pdf = cui_pdf
    day = date.fromisoformat(doc["meta"]["updated_at"][:10])
    pages = pdf_text(pdf, layout=True)
    for number, page in enumerate(pages, start=1):
        *_, status, dated = [line.strip() for line in page.splitlines() if line.strip()]
        assert status.startswith("Revision 1 · In review, not approved"), number
        assert status.endswith(f"Page {number} of {len(pages)}"), number
        assert dated == f"Dated {day.day} {day:%b %Y}", number


def test_no_summary_of_changes_on_a_first_revision(cui_pdf):
    assert "Summary of changes" not in text_of(cui_pdf[1])


def test_body_text_is_11_pt_tables_10_pt_running_heads_9_pt(cui_pdf):
    doc, pdf = cui_pdf
    runs = text_sizes(pdf)
    in_text_block = [r for r in runs if MARGIN < r[2] < 792 - MARGIN]
    small = [r for r in in_text_block if r[1] < 10]
    assert not small, small[:5]
    in_margins = [r for r in runs if not MARGIN < r[2] < 792 - MARGIN]
    assert in_margins and min(size for _, size, _, _ in in_margins) >= 9
    # Body text: the narrative, the sections' introductions, the contents, the cover's note.
    body = [
        doc["context"]["problem_statement"][:40],
        "Each fiscal year lists, quarter by quarter",
        "Strategic context",
        "Commitment figures are computed",
        "DISTRIBUTION STATEMENT D.",
    ]
    for start in body:
        sizes = {size for _, size, _, text in in_text_block if text.startswith(start[:25])}
        assert sizes and min(sizes) >= 11, (start, sizes)


@pytest.mark.django_db
def test_revision_2_summarizes_the_changes_from_revision_1(maritime):
    reviewer = User.objects.get(username="reviewer")  # the demo's, at AFRICOM's J5-SC
    approve_on_the_route(maritime)  # revision 1: the demo's route, to its end
    review.start_revision(maritime, maritime.owner)
    maritime.refresh_from_db()
    maritime.sustainment_plan = "Kestrela funds fuel, parts and pay from FY2026."
    maritime.distribution_statement = Statement.F
    maritime.distribution_reason = Reason.DIRECT_MILITARY_SUPPORT
    maritime.save()
    review.submit(maritime, maritime.owner, acknowledged=plan_warnings.current_digest(maritime))
    review.start_review(maritime, reviewer)
    review.approve(maritime, reviewer, "Revised plan accepted.")
    maritime.refresh_from_db()

    revision, doc = shown_document(maritime)
    assert revision is not None and revision.number == 2
    text = text_of(render_pdf(doc))

    assert "Summary of changes" in text
    assert "Changes from revision 1, approved on" in text and f"by {APPROVER}" in text
    assert (
        "Sustainment plan Kestrela funds fuel, parts and pay from FY2027; the U.S. advisor "
        "leaves in FY2028. Kestrela funds fuel, parts and pay from FY2026." in text
    )
    assert "Distribution statement D F" in text
    assert "Reason for the restriction Administrative or Operational Use Direct Military" in text
    # The cover prints statement F in the instruction's wording, and its reason.
    assert (
        "DISTRIBUTION STATEMENT F. Further dissemination only as directed by USAFRICOM J5, "
        "Stuttgart, Germany (15 October 2026) or higher DoD authority." in text
    )
    assert "Reason for the restriction: Direct Military Support." in text
