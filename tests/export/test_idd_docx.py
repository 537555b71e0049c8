"""The IDD's Word copy: the document the PDF shows, in sections and tables a staffer pastes
into a memo, with the marking and "Page X of Y" on every page."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from idd.export import IDD, document_for
from idd.models import AuditRecord
from idd.reference.sections import SECTIONS
from idd.services import review
from tests import factories
from tests.export.notification_text import (
    docx_header_rows,
    docx_headings,
    docx_page_margins,
    docx_text,
)
from tests.staffing.demo_route import APPROVER, approve_on_the_route

HEADINGS = [
    "Basics",
    "Strategic context",
    "Partner deliverables",
    "U.S. inputs matched to partner deliverables",
    "Timeline: partner deliverables and U.S. inputs",
    "Yearly objectives and indicators",
    "Absorptive capacity and sustainment",
    "Commitment assessment",
    "Risks",
    "Assessment, monitoring and evaluation",
    "Approvals",
]


def download(client, name: str, *args) -> bytes:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == IDD.copy_content_type
    return response.content


def test_the_word_copy_holds_every_section_and_table_of_the_pdf(client, maritime, settings):
    settings.MARKING = "CUI // PRE-DECISIONAL"
    client.force_login(maritime.owner)
    response = client.get(reverse("initiative_docx", args=[maritime.pk]))
    doc = document_for(maritime)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="IDD-kestrela-coastal-patrol-capability-rev1.docx"'
    )
    copy = response.content
    text = docx_text(copy)
    assert "Kestrela coastal patrol capability" in text
    assert "Marking: CUI // PRE-DECISIONAL" in text
    assert doc["deliverables"] and doc["us_inputs"] and doc["risks"] and doc["objectives"]
    for row in doc["deliverables"]:
        assert f"{row['ref']} {row['title']}" in text, row["title"]
    for row in doc["us_inputs"]:
        assert row["title"] in text, row["title"]
    for risk in doc["risks"]:
        assert risk["description"] in text
    for objective in doc["objectives"]:
        assert objective["objective"] in text
    assert "Total 4 $5,430,000" in text, "the U.S. cost table ends with its total"
    assert "Demonstrated commitment" in text, "the commitment figures, as text"
    assert "The quadrant and trend charts, and how this assessment is made, are in the PDF" in (
        text
    )
    assert docx_headings(copy) == HEADINGS
    assert len(SECTIONS) == 9, "a new section needs its place in the Word copy"
    headers = docx_header_rows(copy)
    for header in (
        [
            "Ref.",
            "Partner deliverable",
            "Due",
            "Political risk",
            "How it will be verified",
            "Status",
        ],
        ["Fiscal year", "U.S. inputs", "Estimated cost"],
        ["Category", "Risk", "Likelihood", "Impact", "Mitigation", "Owner"],
        ["Figure", "Value", "Where it comes from"],
        ["Indicator", "Who collects the data", "How often", "Source of the data"],
    ):
        assert header in headers
    top, bottom = docx_page_margins(copy)
    assert top == "CUI // PRE-DECISIONAL"
    assert bottom == "CUI // PRE-DECISIONAL / Page {PAGE} of {NUMPAGES}"


def test_the_word_copy_is_offered_beside_the_pdf_and_recorded_as_read(client, maritime):
    initiative = maritime
    client.force_login(initiative.owner)
    page = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert reverse("initiative_docx", args=[initiative.pk]) in page
    printed = client.get(reverse("initiative_print", args=[initiative.pk])).content.decode()
    assert reverse("initiative_docx", args=[initiative.pk]) in printed

    download(client, "initiative_docx", initiative.pk)

    record = AuditRecord.objects.latest("pk")
    assert record.details == {"document": IDD.title, "format": "docx"}


def approve(initiative, reason: str = "Ready for staffing."):
    """The demo's IDD is on AFRICOM's staffing route: its offices and director finish it."""
    approve_on_the_route(initiative, reason)


@pytest.mark.parametrize("name", ["initiative_docx", "revision_docx"])
def test_someone_who_may_not_read_the_initiative_gets_no_word_copy(
    client, no_role_user, maritime, name
):
    approve(maritime)
    args = [maritime.pk, 1] if name == "revision_docx" else [maritime.pk]
    url = reverse(name, args=args)

    assert client.get(url).status_code == 302, "signing in comes first"
    client.force_login(no_role_user)
    response = client.get(url)

    assert response.status_code == 404
    assert maritime.title.encode() not in response.content
    assert not AuditRecord.objects.filter(details__format="docx").exists()


def test_an_approved_revisions_word_copy_reads_its_frozen_data(client, maritime):
    approve(maritime)
    review.start_revision(maritime, maritime.owner)
    maritime.refresh_from_db()
    maritime.sustainment_plan = "Kestrela funds fuel, parts and pay from FY2026."
    maritime.save()
    first = maritime.partner_deliverables.order_by("pk").first()
    assert first is not None
    approved_title, first.title = first.title, "Stand up a second patrol company"
    first.save()
    client.force_login(maritime.owner)

    revision = docx_text(download(client, "revision_docx", maritime.pk, 1))
    draft = docx_text(download(client, "initiative_docx", maritime.pk))

    assert approved_title in revision and "Stand up a second patrol company" not in revision
    assert "Kestrela funds fuel, parts and pay from FY2026." not in revision
    assert "Approved revision 1" in revision
    assert "Revision 1 was approved on" in revision and f"by {APPROVER}." in revision
    # Staffed on a route: the approval and its remarks are the route's last row.
    approval = f"Approval authority, J5 {APPROVER}, Director, Strategy, Plans and Programs"
    assert approval in revision and "Ready for staffing." in revision
    assert "Stand up a second patrol company" in draft and approved_title not in draft
    assert "Kestrela funds fuel, parts and pay from FY2026." in draft
    assert "Revision 2 is not approved: its status is draft." in draft
    pages = (
        reverse("revision_detail", args=[maritime.pk, 1]),
        reverse("revision_list", args=[maritime.pk]),
    )
    for page in pages:
        assert reverse("revision_docx", args=[maritime.pk, 1]) in client.get(page).content.decode()
    record = AuditRecord.objects.filter(details__format="docx").order_by("pk").first()
    assert record is not None and record.details["document"] == f"{IDD.title}, revision 1"


def test_a_revision_stored_before_references_and_distribution_still_exports(db):
    """A stored revision keeps the shape it was approved with: newer keys are missing."""
    doc = document_for(factories.complete_initiative())
    for key in ("distribution_statement", "distribution_wording", "targeted_units"):
        del doc["basics"][key]
    for row in [*doc["deliverables"], *doc["us_inputs"]]:
        for key in ("ref", "answered_by", "political_risk_name", "when_label", "matched"):
            row.pop(key, None)
    del doc["context"]["prior_assistance"]
    doc.pop("monitoring", None)

    text = docx_text(IDD.copy(doc))

    assert "1 Designate the 2nd Coastal Patrol Company" in text
    assert "No distribution statement has been chosen" in text
    assert "Matched to no partner deliverable" in text


def test_an_objective_with_two_indicators_is_named_once_beside_both(db):
    initiative = factories.complete_initiative()
    objective = initiative.yearly_objectives.order_by("fiscal_year").first()
    assert objective is not None
    factories.IndicatorFactory(objective=objective, description="Boats at sea daily")

    copy = Document(io.BytesIO(IDD.copy(document_for(initiative))))

    heading = f"FY{objective.fiscal_year} objective"
    table = next(t for t in copy.tables if t.rows[0].cells[0].text == heading)
    named = [row.cells[0] for row in table.rows[1:]]
    assert len(named) == 2 and named[0]._tc is named[1]._tc, "one cell spans both rows"
    assert named[0].text.startswith(objective.objective)
    assert "Boats at sea daily" in [row.cells[1].text for row in table.rows]


def test_a_row_stays_on_one_page_and_the_titles_get_the_widest_column(db):
    copy = Document(io.BytesIO(IDD.copy(document_for(factories.complete_initiative()))))

    deliverables = next(t for t in copy.tables if t.rows[0].cells[1].text == "Partner deliverable")
    widths = [column.width for column in deliverables.columns]
    assert max(widths) == widths[1], "the deliverable's title, not its reference"
    for table in copy.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_export_idd_writes_the_idds_word_copy(maritime, tmp_path):
    target = tmp_path / "idd.docx"
    out = io.StringIO()

    call_command("export_idd", str(maritime.pk), "-o", str(target), stdout=out)

    assert "Kestrela coastal patrol capability" in docx_text(target.read_bytes())
    assert "Wrote the Word copy (.docx)" in out.getvalue()
