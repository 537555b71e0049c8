"""The Section 333 congressional notification draft: every 333(e) element, from the IDD."""

import io

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from idd.export import NOTIFICATION, document_for
from idd.models import Initiative
from idd.reference.choices import FundingAuthority
from idd.services import review
from tests import factories
from tests.export.notification_text import (
    docx_header_rows,
    docx_headings,
    docx_page_margins,
    docx_text,
)
from tests.export.pdftools import flat, pdf_language, pdf_text, pdfinfo
from tests.factories import complete_initiative

ELEMENTS = (
    "Recipient country and unit",
    "Statutory purposes",
    "Concurrence of the Secretary of State and joint planning",
    "Program description and the capability to be built",
    "How the program nests in the campaign plan and the country strategy",
    "U.S. inputs and their cost",
    "Construction projects",
    "Budget by fiscal year",
    "Implementation timeline and milestones",
    "Delivery schedule",
    "Law of armed conflict, human rights and civilian harm training; institutional capacity "
    "building",
    "Assessment of absorptive capacity",
    "Sustainment plan, its cost and source of funds",
    "Assistance in the three preceding fiscal years",
    "The partner's own deliverables",
    "Commitment assessment",
    "Assessment, monitoring and evaluation",
)
# What each statute element is answered with, for the demo's Kestrela initiative.
ANSWERS = (
    "Answers: 10 U.S.C. 333(e)(1): the foreign country, and the specific unit",
    "Answers: 10 U.S.C. 333(e)(2): a detailed evaluation of the capacity",
    "Answers: 10 U.S.C. 333(e)(3): the delivery schedule",
    "Answers: 10 U.S.C. 333(e)(4): the arrangements for sustainment",
    "Answers: 10 U.S.C. 333(e)(5): the amount, type and purpose of the security assistance",
    "Answers: 10 U.S.C. 333(e)(6): the elements of the combatant command's theater campaign",
    "Answers: 10 U.S.C. 333(a): the operations the program builds",
    "Answers: 10 U.S.C. 333(b): the program is planned and carried out jointly",
    "Answers: 10 U.S.C. 333(c)(2) and the SAMM: every program includes training on the law",
    "Answers: 10 U.S.C. 333(e): for each construction project, its location, title and cost.",
)
FACTS = (
    "Kestrela (fictional)",
    "2nd Coastal Patrol Company",
    "AFRICOM campaign plan, objective 3.2: partners secure their maritime approaches.",
    "Four 12-meter patrol boats with outboard engines",
    "$5,430,000",  # the U.S. inputs' total
    "FY2026 2 $3,050,000",  # the budget's first fiscal year
    "Target: Sailors assigned 120",  # a milestone of FY2026
    "The navy has trained boat crews but no spare-parts budget",
    "$310,000",
    "Kestrelan defense budget, navy operations line",
    "Two RHIBs and outboard engines",  # FY2023, under 333
    "Boarding team mobile training",  # FY2025
    "Designate the 2nd Coastal Patrol Company as the receiving unit",
    "Demonstrated commitment",
    "Maritime and border security operations",  # 333(a)
    "Counter-transnational organized crime operations",
    "Dana Whitfield, Director, PM/SA",  # 333(b)
    "12 Sep 2025",
    "Drafted with the embassy country team in Port Vell",
    "DIILS mobile education team",  # 333(c)(2), delivered by U2
    "The U.S. maintenance advisor, with the navy's logistics directorate",
    "Integrated country strategy, Mission Goal 2",  # 333(e)(6)
    "None planned",  # no construction project
    "Mid-term review in FY2028 Q2; final evaluation after FY2030",  # the evaluation plan
    "Patrol logs, checked against the boats' fuel records",  # a monitoring plan's source
)


def assert_every_element(text: str) -> None:
    for title in ELEMENTS:
        assert title in text, title
    for answer in ANSWERS:
        assert answer in text, answer
    for fact in FACTS:
        assert fact in text, fact
    # Every element of 333(a), (b), (c)(2) and (e) is filled from the demo's IDD (issue 28;
    # issue 24 listed the integrated country strategy as not recorded).
    assert "None: every element is filled from the IDD." in text
    assert "not recorded in the IDD" not in text
    assert "Missing:" not in text


def test_the_pdf_holds_every_element_for_the_demo_section_333_initiative(maritime):
    pdf = NOTIFICATION.pdf(document_for(maritime))

    assert_every_element(flat(" ".join(pdf_text(pdf))))
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Kestrela coastal patrol capability: Section 333")
    assert pdf_language(pdf) == "en"
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert opened.open_metadata().get("pdfuaid:part") == "1"
        assert opened.Root.StructTreeRoot is not None
    page_one = pdf_text(pdf, layout=True)[0]
    assert page_one.split()[0] == "UNCLASSIFIED", "the marking banner heads every page"


def test_the_word_copy_holds_every_element_under_real_headings(maritime):
    copy = NOTIFICATION.copy(document_for(maritime))

    assert_every_element(docx_text(copy))
    # The demo IDD is on its route: its offices' decisions close it, as in the print view.
    assert docx_headings(copy) == ["Missing elements", *ELEMENTS, "Coordination"]
    headers = docx_header_rows(copy)
    assert ["Fiscal year", "U.S. inputs", "Estimated cost"] in headers, "the budget is a table"
    assert ["Indicator", "Who collects the data", "How often", "Source of the data"] in headers
    assert [
        "Stage and office",
        "Action officer",
        "Decision",
        "Submission read",
        "Date",
        "Comment",
    ] in headers
    assert len(headers) == 9, "every table but the facts has a header row"


def test_the_word_copy_numbers_its_pages_and_marks_each_at_top_and_bottom(db, settings):
    settings.MARKING = "CUI // PRE-DECISIONAL"
    copy = NOTIFICATION.copy(document_for(factories.InitiativeFactory()))

    header, footer = docx_page_margins(copy)

    assert header == "CUI // PRE-DECISIONAL"
    assert footer == "CUI // PRE-DECISIONAL / Page {PAGE} of {NUMPAGES}"


def test_an_incomplete_draft_lists_its_missing_elements_with_the_steps_that_fill_them(client, db):
    draft = factories.InitiativeFactory(title="Half-written patrol program")
    client.force_login(draft.owner)

    page = client.get(reverse("notification_print", args=[draft.pk])).content.decode()

    assert "Missing elements" in page
    for step in ("basics", "context", "us-inputs", "objectives", "sustainment", "deliverables"):
        assert reverse("wizard_step", args=[draft.pk, step]) in page, step
    assert "Fill in at step 6, Absorptive capacity and sustainment" in page
    assert "the targeted unit" in page and "the sustainment plan" in page
    pdf_words = flat(" ".join(pdf_text(NOTIFICATION.pdf(document_for(draft)))))
    assert "Missing elements The draft cannot fill" in pdf_words
    assert "To fill in at step 6 of the guided form, Absorptive capacity and sustainment" in (
        pdf_words
    )
    copy = docx_text(NOTIFICATION.copy(document_for(draft)))
    assert "the source of funds after U.S. support ends" in copy


@pytest.mark.parametrize("name", ["notification_print", "notification_pdf", "notification_docx"])
def test_an_initiative_not_under_section_333_has_no_notification(client, db, name):
    fmf = factories.InitiativeFactory(funding_authority=FundingAuthority.FMF)
    client.force_login(fmf.owner)

    response = client.get(reverse(name, args=[fmf.pk]))

    assert response.status_code == 404
    page = response.content.decode()
    assert "This initiative has no Section 333 notification" in page
    assert "only for initiatives funded under 10 U.S.C. 333" in page


def test_the_initiative_page_offers_the_notification_only_under_section_333(client, db):
    section_333 = factories.InitiativeFactory()
    fmf = factories.InitiativeFactory(owner=section_333.owner, funding_authority="FMF")
    client.force_login(section_333.owner)

    offered = client.get(reverse("initiative_detail", args=[section_333.pk])).content.decode()
    not_offered = client.get(reverse("initiative_detail", args=[fmf.pk])).content.decode()

    for name in ("notification_print", "notification_pdf", "notification_docx"):
        assert reverse(name, args=[section_333.pk]) in offered
        assert reverse(name, args=[fmf.pk]) not in not_offered
    assert offered.count("js/export-pdf.js") == 1, "loaded twice, it would download twice"


def test_the_word_copy_downloads_as_a_docx(client, db):
    initiative = factories.InitiativeFactory(title="Harbor patrol")
    client.force_login(initiative.owner)

    response = client.get(reverse("notification_docx", args=[initiative.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == NOTIFICATION.copy_content_type
    assert (
        'filename="Sec333-notification-harbor-patrol-rev1.docx"'
        in (response["Content-Disposition"])
    )
    assert "Harbor patrol" in docx_text(response.content)


def test_export_idd_writes_the_notification_pdf_and_word_copy(maritime, tmp_path):
    pdf, docx = tmp_path / "notification.pdf", tmp_path / "notification.docx"
    out = io.StringIO()
    for target in (pdf, docx):
        call_command(
            "export_idd",
            str(maritime.pk),
            "-o",
            str(target),
            "--document",
            "notification",
            stdout=out,
        )

    assert "Recipient country and unit" in flat(pdf_text(pdf.read_bytes())[0])
    assert "Recipient country and unit" in docx_text(docx.read_bytes())
    assert "Section 333 congressional notification draft" in out.getvalue()


def test_export_idd_refuses_the_notification_of_another_authority(db, tmp_path):
    fmf = factories.InitiativeFactory(funding_authority=FundingAuthority.FMF)
    with pytest.raises(CommandError, match="only for initiatives funded under 10 U.S.C. 333"):
        call_command(
            "export_idd", str(fmf.pk), "-o", str(tmp_path / "x.pdf"), "--document", "notification"
        )


def test_an_approved_initiative_offers_the_notification_of_its_approved_revision(client, db):
    owner, reviewer = factories.planner(), factories.reviewer()
    initiative = complete_initiative(owner, factories.planner())
    review.submit(initiative, owner)
    review.start_review(Initiative.objects.get(pk=initiative.pk), reviewer)
    review.approve(Initiative.objects.get(pk=initiative.pk), reviewer)
    client.force_login(reviewer)

    approved_page = client.get(reverse("initiative_review", args=[initiative.pk]))
    draft = client.get(reverse("notification_print", args=[initiative.pk])).content.decode()

    assert reverse("notification_pdf", args=[initiative.pk]) in approved_page.content.decode()
    assert "Drafted from revision 1 of the Initiative Design Document (Approved, approved" in draft


def test_the_total_of_a_table_stays_with_its_last_row_across_a_page_break(db):
    # Issue 24: the "Total" line printed after U3 at a page break, before U4 and U5.
    initiative = factories.InitiativeFactory(title="Many inputs")
    count = 14
    for n in range(1, count + 1):
        factories.USInputFactory(
            initiative=initiative,
            title=f"Input number {n} " + "with a long description of what is given " * 6,
            estimated_cost=1_000,
        )
    pages = [flat(page) for page in pdf_text(NOTIFICATION.pdf(document_for(initiative)))]
    element = [n for n, page in enumerate(pages) if "U.S. inputs and their cost" in page]
    last = [n for n, page in enumerate(pages) if f"Input number {count} " in page]
    assert element and last and last[0] > element[-1], "the table breaks across pages"
    totals = [n for n, page in enumerate(pages) if "Total $14,000" in page]
    assert totals == last[:1], "the total prints once, beside the last row"
