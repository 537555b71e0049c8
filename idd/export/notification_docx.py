"""The notification draft as a Word document a staffer pastes into the notification memo.

Real headings (Title, Heading 1 and 2) and real tables with a header row, so they keep
their structure when pasted into a memo template, where a PDF's text would come out as
loose lines (docs/adr/0012-notification-docx.md). Written from the same elements as the
print view and the PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from docx.document import Document as Docx

from idd.export.docx_coordination import coordination_tables
from idd.export.docx_parts import captioned, labelled, new_document, saved, table
from idd.export.notification_blocks import Block, Element, Facts, Table, Text

if TYPE_CHECKING:
    from idd.document.shape import Document
    from idd.export.notification import Gap


def _gap_text(gap: Gap) -> str:
    """What the element lacks: what a step fills (and which), then what the IDD does not
    record, as the print view's list says it."""
    element, parts = gap.element, []
    if element.missing:
        parts.append(
            f"{'; '.join(element.missing)}. To fill in at step {gap.step.number} of the "
            f"guided form, {gap.step.title}."
        )
    if element.not_recorded:
        what = "; ".join(element.not_recorded)
        it = "it" if len(element.not_recorded) == 1 else "them"
        parts.append(
            f"{what[0].upper()}{what[1:]}: not recorded in the IDD; write {it} into the "
            "notification."
        )
    return " ".join(parts)


def _block(out: Docx, block: Block) -> None:
    if isinstance(block, Text):
        out.add_heading(block.heading, level=2)
        for paragraph in block.body.split("\n\n"):
            out.add_paragraph(paragraph.strip())
    elif isinstance(block, Facts):
        table(out, None, list(block.rows))
    elif isinstance(block, Table):
        captioned(
            out,
            block.caption,
            block.headers,
            [*block.rows, *([block.total] if block.total else [])],
        )


def _element(out: Docx, element: Element) -> None:
    out.add_heading(element.title, level=1)
    labelled(out, "Answers:", element.answers)
    for block in element.blocks:
        _block(out, block)
    if element.lacks:
        labelled(out, "Missing:", "; ".join(element.lacks) + ".")
    if element.note:
        out.add_paragraph(element.note)


def docx(doc: Document, elements: tuple[Element, ...], gaps: list[Gap], title: str) -> bytes:
    """The .docx of the notification draft."""
    out = new_document(title, doc["meta"]["owner"], "10 U.S.C. 333")
    out.add_paragraph(f"Marking: {settings.MARKING}").runs[0].bold = True
    out.add_heading(doc["meta"]["title"], level=0)
    basics, meta = doc["basics"], doc["meta"]
    out.add_paragraph(
        f"Draft congressional notification under 10 U.S.C. 333(e). {basics['partner']}, "
        f"FY{basics['first_fiscal_year']}–FY{basics['last_fiscal_year']}. Drafted from "
        f"revision {meta['revision']} of the Initiative Design Document ({meta['status_label']})."
    )
    out.add_heading("Missing elements", level=1)
    if not gaps:
        out.add_paragraph("None: every element is filled from the IDD.")
    for gap in gaps:
        out.add_paragraph(f"{gap.element.title}: {_gap_text(gap)}", style="List Bullet")
    for element in elements:
        _element(out, element)
    if doc.get("coordination") or doc.get("route_approvals"):  # as the print view
        out.add_heading("Coordination", level=1)
        coordination_tables(out, doc)
    return saved(out)
