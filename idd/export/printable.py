"""A printable document of an initiative: the one interface every exported document has.

The IDD and the Section 333 notification draft are both printable documents (in the
manner of pretix's ticket and invoice renderers): a kind with a slug and a title that
turns the initiative's snapshot into the print HTML and the tagged PDF, and may offer a
paste-able copy. The print view, the stored PDF (keyed by kind and content, rendered
once however many ask), the render ahead by the worker, the download and `export_idd`
all go through this interface, so a new kind of document gets them all by being listed
in `idd.export.kinds.KINDS`.
"""

from __future__ import annotations

from typing import Literal

from django.utils.text import slugify

from idd.document.shape import Document

Media = Literal["print", "screen"]
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"  # .docx


class PrintableDocument:
    """One kind of printable document. Subclasses set the names and implement html/pdf."""

    slug: str  # in URLs, stored names and `export_idd --document`
    title: str  # in the users' words: "Initiative Design Document"
    short_name: str  # the download name's prefix: "IDD"
    # The paste-able copy, if the kind has one: its extension and media type.
    copy_extension: str | None = None
    copy_content_type: str = ""

    def offered(self, doc: Document) -> bool:
        """This kind of document exists for the snapshot's initiative."""
        return True

    def refusal(self, doc: Document) -> str:
        """Why it is not offered, for the page shown if its URL is typed anyway."""
        return ""

    def html(self, doc: Document, *, media: Media = "print") -> str:
        """The whole document as HTML: "print" for WeasyPrint, "screen" for the browser."""
        raise NotImplementedError

    def pdf(self, doc: Document) -> bytes:
        """The document as a tagged PDF (PDF/UA-1) with title and language."""
        raise NotImplementedError

    def copy(self, doc: Document) -> bytes:
        """The paste-able copy (only when `copy_extension` is set)."""
        raise NotImplementedError

    def download_name(self, doc: Document, extension: str = "pdf") -> str:
        meta = doc["meta"]
        title = slugify(meta["title"])[:60]
        return f"{self.short_name}-{title}-rev{meta['revision']}.{extension}"
