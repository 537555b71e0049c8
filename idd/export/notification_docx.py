"""The notification draft as a Word document a staffer pastes into the notification memo.

Real headings (Title, Heading 1 and 2) and real tables with a header row, so they keep
their structure when pasted into a memo template, where a PDF's text would come out as
loose lines (docs/adr/0012-notification-docx.md). Written from the same elements as the
print view and the PDF.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.conf import settings
from docx import Document as new_docx
from docx.document import Document as Docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from config.fields import printable
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


def _bold(cell: _Cell) -> None:
    for run in cell.paragraphs[0].runs:
        run.bold = True


def _table(out: Docx, headers: tuple[str, ...] | None, rows: list[tuple[str, ...]]) -> None:
    """A table; with `headers`, its first row is a header row (repeated on every page)."""
    columns = len(headers) if headers else len(rows[0])
    table = out.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, headers, strict=True):
            cell.text = text
            _bold(cell)
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
        if not headers:  # a fact's name, as the print view's row header
            _bold(cells[0])
    out.add_paragraph()


def _block(out: Docx, block: Block) -> None:
    if isinstance(block, Text):
        out.add_heading(block.heading, level=2)
        for paragraph in block.body.split("\n\n"):
            out.add_paragraph(paragraph.strip())
    elif isinstance(block, Facts):
        _table(out, None, list(block.rows))
    elif isinstance(block, Table):
        out.add_paragraph(block.caption, style="Caption")
        _table(out, block.headers, [*block.rows, *([block.total] if block.total else [])])


def _labelled(out: Docx, label: str, text: str) -> None:
    paragraph = out.add_paragraph()
    paragraph.add_run(f"{label} ").bold = True
    paragraph.add_run(text)


def _element(out: Docx, element: Element) -> None:
    out.add_heading(element.title, level=1)
    _labelled(out, "Answers:", element.answers)
    for block in element.blocks:
        _block(out, block)
    if element.lacks:
        _labelled(out, "Missing:", "; ".join(element.lacks) + ".")
    if element.note:
        out.add_paragraph(element.note)


def printable_copy(value: Any) -> Any:
    """The snapshot with every text `printable` (lxml refuses the rest)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable_copy(item) for item in value]
    return value


def docx(doc: Document, elements: tuple[Element, ...], gaps: list[Gap], title: str) -> bytes:
    """The .docx of the notification draft."""
    out = new_docx()
    out.core_properties.title = title
    out.core_properties.author = doc["meta"]["owner"]
    out.core_properties.language = "en-US"
    out.core_properties.keywords = f"{settings.MARKING}, 10 U.S.C. 333"
    out.styles["Normal"].font.size = Pt(11)
    for section in out.sections:  # the marking at the top and bottom of every page
        section.header.paragraphs[0].text = settings.MARKING
        section.footer.paragraphs[0].text = settings.MARKING
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
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
