"""What every Word copy (the IDD's, the notification draft's) is made of: the marking at
the top and bottom of every page, "Page X of Y", and tables with a header row.

python-docx has no API for page numbers: they are Word fields (PAGE, NUMPAGES) written as
field characters, which Word and LibreOffice fill in when they lay out the pages
(docs/adr/0012-notification-docx.md).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from docx import Document as new_docx
from docx.document import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from assessments.fiscal import format_date
from config.fields import printable


def printable_copy(value: Any) -> Any:
    """The snapshot with every text `printable` (lxml refuses the rest)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable_copy(item) for item in value]
    return value


def _field_character(paragraph: Paragraph, kind: str) -> None:
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(character)


def field(paragraph: Paragraph, code: str) -> None:
    """A Word field (`PAGE`, `NUMPAGES`) at the end of the paragraph. Its text until a word
    processor lays out the pages is "1"."""
    _field_character(paragraph, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    _field_character(paragraph, "separate")
    paragraph.add_run("1")
    _field_character(paragraph, "end")


def _marking(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(settings.MARKING).bold = True


def mark_pages(out: Docx) -> None:
    """The marking centred at the top and bottom of every page, and "Page X of Y" under
    the bottom one."""
    for section in out.sections:
        _marking(section.header.paragraphs[0])
        footer = section.footer
        _marking(footer.paragraphs[0])
        page = footer.add_paragraph(style="Footer")
        page.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page.add_run("Page ")
        field(page, "PAGE")
        page.add_run(" of ")
        field(page, "NUMPAGES")


def new_document(title: str, author: str, keywords: str) -> Docx:
    """An empty Word document with its properties, 11 pt text and the marked pages."""
    out = new_docx()
    out.core_properties.title = title
    out.core_properties.author = author
    out.core_properties.language = "en-US"
    out.core_properties.keywords = f"{settings.MARKING}, {keywords}"
    out.styles["Normal"].font.size = Pt(11)
    for section in out.sections:  # a memo's margins: 1 inch
        section.left_margin = section.right_margin = Inches(1)
    mark_pages(out)
    return out


def saved(out: Docx) -> bytes:
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def bold(cell: _Cell) -> None:
    for run in cell.paragraphs[0].runs:
        run.bold = True


def _widths(out: Docx, grid: Table, weights: Sequence[int]) -> None:
    """Share the page's width between the columns in proportion to `weights`."""
    section = out.sections[-1]
    usable = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    grid.autofit = False
    for column, weight in zip(grid.columns, weights, strict=True):
        width = Emu(int(usable * weight / sum(weights)))
        column.width = width  # LibreOffice reads the grid, Word each cell
        for cell in column.cells:
            cell.width = width


def table(
    out: Docx,
    headers: tuple[str, ...] | None,
    rows: Sequence[tuple[str, ...]],
    widths: Sequence[int] = (),
) -> Table:
    """A table; with `headers`, its first row is a header row (repeated on every page),
    without, its first column names each row (bold). A line break in a text breaks the
    line in its cell. `widths`: the columns' shares of the page's width (equal without)."""
    columns = len(headers) if headers else len(rows[0])
    grid = out.add_table(rows=0, cols=columns)
    grid.style = "Table Grid"
    if headers:
        cells = grid.add_row().cells
        for cell, text in zip(cells, headers, strict=True):
            cell.text = text
            bold(cell)
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        grid.rows[0]._tr.get_or_add_trPr().append(header)
    for row in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
        if not headers:
            bold(cells[0])
    for tr in grid._tbl.tr_lst:  # a row stays on one page, as in the PDF
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if widths:
        _widths(out, grid, widths)
    out.add_paragraph()
    return grid


def labelled(out: Docx, label: str, text: str) -> Paragraph:
    paragraph = out.add_paragraph()
    paragraph.add_run(f"{label} ").bold = True
    paragraph.add_run(text)
    return paragraph


def printed_date(value: str | None) -> str:
    """An ISO date or timestamp as the PDF prints it: "30 Sep 2027"."""
    try:
        return format_date(datetime.fromisoformat(value).date()) if value else ""
    except ValueError:
        return value or ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def passage(out: Docx, heading: str, body: str | None) -> None:
    """A titled passage of the planner's words, a paragraph per blank-line break."""
    out.add_heading(heading, level=2)
    paragraphs = [p.strip() for p in (body or "").replace("\r\n", "\n").split("\n\n")]
    for paragraph in [p for p in paragraphs if p] or ["Not written yet."]:
        out.add_paragraph(paragraph)


def captioned(
    out: Docx,
    caption: str,
    headers: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    widths: Sequence[int] = (),
) -> Table:
    """A table with a header row, under its caption."""
    out.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
    return table(out, headers, rows, widths)
