"""The printable IDD: one document template, rendered to HTML or to a tagged PDF.

Interface (stable; other parts of the product call these):

- `render_html(doc, *, media="print" | "screen") -> str`: the whole IDD from a snapshot
  dict (`idd.document.snapshot.snapshot(load(pk))` or an approved revision's stored copy).
- `render_pdf(doc) -> bytes`: the same document as a PDF/UA-1 (tagged, title and
  language set), laid out by WeasyPrint with a URL fetcher that loads only the
  project's own static files.
- `find_pdf(initiative, kind) -> StoredPDF`, `find_revision_pdf(revision)`: where a PDF is
  (or will be) stored, without rendering; `.complete()` says whether it is there to
  serve. What a download calls: it never renders (`idd.services.downloads`).
- `pdf_for(initiative) -> StoredPDF`: the initiative's current PDF from
  `default_storage`, rendered only when its content changed, and once however many
  ask for it at once; an approved initiative's is its revision's (`revision_pdf`). The
  worker's (`idd.tasks`).
- `revision_pdf(revision) -> StoredPDF`, `revision_pdf_name(initiative_id, number, doc)`,
  `revision_pdf_stored(revision)`: an approved revision's PDF (stored right after the
  approval commits, or on demand), the name it is stored under, and whether it is yet.
- `PDFMissing`: an approved revision's PDF is lost and cannot be made again as it was.
- `document_for(initiative) -> dict`: the snapshot the print view and PDF show.
- `KINDS`, `IDD`, `NOTIFICATION`, `offered_kinds(doc)`: the printable documents of an
  initiative (`idd.export.printable.PrintableDocument`: slug, title, `html(doc, media=)`,
  `pdf(doc)`, and `copy(doc)`: the Word copy, `idd.export.idd_docx` and
  `idd.export.notification_docx`, whose page marks and tables are
  `idd.export.docx_parts`), and those a snapshot has.
- `stored_pdf(initiative, kind) -> StoredPDF`: any kind's PDF, stored like the IDD's
  (`pdf_for` is the IDD's).
"""

from idd.export.kinds import IDD, KINDS, offered_kinds
from idd.export.notification import NOTIFICATION
from idd.export.printable import PrintableDocument
from idd.export.render import render_html, render_pdf
from idd.export.storage import (
    PDFMissing,
    StoredPDF,
    document_for,
    find_pdf,
    find_revision_pdf,
    pdf_for,
    revision_pdf,
    revision_pdf_name,
    revision_pdf_stored,
    stored_pdf,
)

__all__ = [
    "IDD",
    "KINDS",
    "NOTIFICATION",
    "PDFMissing",
    "PrintableDocument",
    "StoredPDF",
    "document_for",
    "find_pdf",
    "find_revision_pdf",
    "offered_kinds",
    "pdf_for",
    "render_html",
    "render_pdf",
    "revision_pdf",
    "revision_pdf_name",
    "revision_pdf_stored",
    "stored_pdf",
]
