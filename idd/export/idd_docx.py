"""The IDD as a Word document, for staffers who paste its sections into memos.

Written from the same snapshot as the print view and the PDF (`document_for`, or an
approved revision's frozen copy): the cover's facts, every section of the guided form in
order under a Heading 1, its tables as real tables with a header row, the commitment
figures as text, and the approval. The charts (the timeline, the commitment quadrant and
trend) are the PDF's; the copy says so where they would be. Every page carries the
marking at top and bottom and "Page X of Y" (`idd.export.docx_parts`). A stored revision
approved before a key was added lacks it: such keys are read with `.get`.
"""

from __future__ import annotations

from django.conf import settings
from docx.document import Document as Docx

from idd.document import coordination
from idd.document.shape import Document
from idd.export.docx_coordination import coordination_tables
from idd.export.docx_parts import (
    captioned,
    labelled,
    new_document,
    plural,
    printed_date,
    saved,
    table,
)
from idd.export.idd_docx_sections import SECTION_WRITERS
from idd.export.render import TIMELINE_TITLE, approval_of, document_title
from idd.reference import cui
from idd.reference.sections import SECTIONS

IN_THE_PDF = (
    "This Word copy holds the IDD's text and tables, to paste into memos. The PDF is the "
    "record: it also draws the timeline and the commitment charts, and lists the monitoring "
    "of indicators and the revision history."
)


def _cover(out: Docx, doc: Document) -> None:
    basics, meta = doc["basics"], doc["meta"]
    approval = approval_of(doc)
    out.add_paragraph(f"Marking: {settings.MARKING}").runs[0].bold = True
    out.add_paragraph("Initiative Design Document · Significant Security Cooperation Initiative")
    out.add_heading(meta["title"], level=0)
    years = basics["last_fiscal_year"] - basics["first_fiscal_year"] + 1
    team = meta.get("team") or []
    when = (
        ("Approved", f"{printed_date(approval['approved_at'])} by {approval['approved_by']}")
        if approval
        else ("Date", f"{printed_date(meta['updated_at'])} (last change)")
    )
    facts = [
        ("Partner", basics["partner"]),
        ("Combatant command", basics["ccmd_label"]),
        ("Funding authority", basics["funding_authority"]),
        (
            "Fiscal years",
            f"FY{basics['first_fiscal_year']}–FY{basics['last_fiscal_year']} "
            f"({plural(years, 'fiscal year')})",
        ),
        ("Status", meta["status_label"]),
        ("Revision", str(meta["revision"])),
        when,
        ("Prepared by", meta["owner"] + (f", with {', '.join(team)}" if team else "")),
    ]
    table(out, None, facts)
    stamp = (
        f"Approved revision {meta['revision']}"
        if approval
        else f"{meta['status_label']}: not approved"
    )
    out.add_paragraph().add_run(stamp).bold = True
    wording = basics.get("distribution_wording")
    out.add_paragraph(
        wording
        or "No distribution statement has been chosen (DoD Instruction 5230.24): handle as "
        "distribution statement F until the controlling DoD office assigns one."
    )
    if (
        wording
        and basics.get("distribution_statement") == "F"
        and basics.get("distribution_reason")
    ):
        out.add_paragraph(f"Reason for the restriction: {basics['distribution_reason']}.")
    if designation := cui.designation():
        out.add_paragraph("CUI designation indicator", style="Caption")
        table(out, None, designation)
    out.add_paragraph(IN_THE_PDF)


def _timeline(out: Docx) -> None:
    out.add_paragraph(
        "The timeline is a chart with a table a fiscal year, quarter by quarter: see the PDF. "
        "The partner deliverables' due dates and the U.S. inputs' fiscal years are in the "
        "two sections above."
    )


def _approvals(out: Docx, doc: Document) -> None:
    out.add_heading("Approvals", level=1)
    decisions = coordination.reviewers(doc)
    if decisions:
        captioned(
            out,
            "Coordination: the reviewers who concurred or returned the draft",
            ("Revision", "Reviewer", "Title and office", "Decision", "Date"),
            [
                (
                    str(d["revision"]),
                    d["reviewer"],
                    ", ".join(
                        filter(None, (d.get("reviewer_job_title"), d.get("reviewer_office_symbol")))
                    )
                    or "—",
                    "Concurred: approved"
                    if d["outcome"] == "approved"
                    else "Returned: changes requested",
                    printed_date(d["decided_at"]),
                )
                for d in decisions
            ],
        )
    elif not doc.get("coordination") and not doc.get("route_approvals"):
        out.add_paragraph("No review decision has been recorded for this IDD yet.")
    coordination_tables(out, doc, forwarded=False)
    number, approval = doc["meta"]["revision"], approval_of(doc)
    if approval is None:
        out.add_paragraph(
            f"Revision {number} is not approved: its status is "
            f"{doc['meta']['status_label'].lower()}."
        )
    else:
        out.add_paragraph(
            f"Revision {number} was approved on {printed_date(approval['approved_at'])} by "
            f"{approval['approved_by']}."
        )
        if number not in coordination.approved_on_route(doc):  # else in the route's table
            labelled(out, "Approver’s remarks:", approval["remarks"] or "none.")
    coordination_tables(out, doc, forwarded=True)


def docx(doc: Document) -> bytes:
    """The .docx of the IDD, in the PDF's order: cover, sections (the timeline after the
    U.S. inputs), approvals."""
    basics = doc["basics"]
    out = new_document(
        document_title(doc), doc["meta"]["owner"], f"IDD, {basics['ccmd']}, {basics['partner']}"
    )
    _cover(out, doc)
    for section in SECTIONS:
        out.add_heading(section.title, level=1)
        SECTION_WRITERS[section.slug](out, doc)
        if section.slug == "us-inputs":
            out.add_heading(TIMELINE_TITLE, level=1)
            _timeline(out)
    _approvals(out, doc)
    return saved(out)
