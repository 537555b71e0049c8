"""Read the notification draft's .docx as a staffer's word processor would."""

import io

from docx import Document


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
