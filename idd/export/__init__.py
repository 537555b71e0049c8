"""The printable IDD: one document template, rendered to HTML or to a tagged PDF.

Interface (stable; other parts of the product call these):

- `render_html(doc, *, media="print" | "screen") -> str`: the whole IDD from a snapshot
  dict (`idd.snapshot.snapshot(load(pk))` or an approved revision's stored copy).
- `render_pdf(doc) -> bytes`: the same document as a PDF/UA-1 (tagged, title and
  language set), laid out by WeasyPrint with a URL fetcher that loads only the
  project's own static files. The review workflow calls it at approval time to store
  the approved revision's PDF.
- `pdf_for(initiative) -> StoredPDF`: the initiative's current PDF from
  `default_storage`, rendered only when its content changed.
- `document_for(initiative) -> dict`: the snapshot the print view and PDF show.
"""

from idd.export.render import render_html, render_pdf
from idd.export.storage import StoredPDF, document_for, pdf_for

__all__ = ["StoredPDF", "document_for", "pdf_for", "render_html", "render_pdf"]
