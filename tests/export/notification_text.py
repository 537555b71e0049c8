"""Read the notification draft's .docx as a staffer's word processor would."""

import io

from docx import Document
from docx.oxml.ns import qn


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
