"""Read a Word copy (the notification draft's, the IDD's) as a staffer's word processor would."""

import io
import re
import zipfile

from docx import Document
from docx.oxml.ns import qn
from lxml import etree


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell, in order, whitespace collapsed."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def docx_headings(data: bytes) -> list[str]:
    """The headings of level 1 (the elements and the missing-elements list)."""
    document = Document(io.BytesIO(data))
    return [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]


def docx_header_rows(data: bytes) -> list[list[str]]:
    """The first row of every table marked as a header row (repeated on each page)."""
    document = Document(io.BytesIO(data))
    return [
        [cell.text for cell in table.rows[0].cells]
        for table in document.tables
        if table.rows[0]._tr.trPr is not None
        and table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    ]


def _margin_text(part: bytes) -> str:
    """A header's or footer's text, paragraph by paragraph, each field as {CODE}; the
    field's text until the pages are laid out is left out."""
    lines = []
    for paragraph in etree.fromstring(part).iter(qn("w:p")):
        words, in_field, shown = [], False, True
        for node in paragraph.iter(qn("w:t"), qn("w:fldChar"), qn("w:instrText")):
            if node.tag == qn("w:fldChar"):
                kind = node.get(qn("w:fldCharType"))
                in_field, shown = kind != "end", kind == "end"
            elif node.tag == qn("w:instrText") and in_field:
                words.append("{" + (node.text or "").split()[0] + "}")
            elif shown:
                words.append(node.text or "")
        lines.append("".join(words))
    return " / ".join(lines)


def docx_page_margins(data: bytes) -> tuple[str, str]:
    """What a word processor prints at the top and at the bottom of every page: the text
    of the headers, and of the footers (`_margin_text`)."""
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        parts = {n: docx.read(n) for n in docx.namelist() if re.fullmatch(r"word/\w+\.xml", n)}
    headers = [_margin_text(xml) for n, xml in parts.items() if n.startswith("word/header")]
    footers = [_margin_text(xml) for n, xml in parts.items() if n.startswith("word/footer")]
    return " | ".join(headers), " | ".join(footers)
