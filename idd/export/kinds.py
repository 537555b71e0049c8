"""Every kind of printable document of an initiative (`idd.export.printable`), by slug."""

from __future__ import annotations

from idd.document.shape import Document
from idd.export import idd_docx, render
from idd.export.docx_parts import printable_copy
from idd.export.notification import NOTIFICATION
from idd.export.printable import WORD, Media, PrintableDocument


class IDDDocument(PrintableDocument):
    """The Initiative Design Document itself (`idd.export.render`), with a Word copy to
    paste sections into memos (`idd.export.idd_docx`)."""

    slug = "idd"
    title = "Initiative Design Document"
    short_name = "IDD"
    copy_extension = "docx"
    copy_content_type = WORD

    def html(self, doc: Document, *, media: Media = "print") -> str:
        return render.render_html(doc, media=media)

    def pdf(self, doc: Document) -> bytes:
        return render.render_pdf(doc)

    def copy(self, doc: Document) -> bytes:
        # XML: no noncharacter stored before they were refused.
        return idd_docx.docx(printable_copy(doc))


IDD = IDDDocument()
KINDS: dict[str, PrintableDocument] = {kind.slug: kind for kind in (IDD, NOTIFICATION)}


def offered_kinds(doc: Document) -> list[PrintableDocument]:
    """The documents this snapshot's initiative has (the IDD always)."""
    return [kind for kind in KINDS.values() if kind.offered(doc)]
