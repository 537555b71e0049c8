"""Exported PDFs kept in `default_storage`, so an unchanged IDD is rendered once.

The stored name is a fingerprint of everything the PDF is made of: the snapshot (the
IDD's content, and the commitment figures as of today), the marking, and the files that
turn it into a PDF (templates, the print stylesheet, the rendering code, the versions of
Django, WeasyPrint and pikepdf). Any edit changes the snapshot, so a changed draft gets a
new name and is never served stale; an unchanged one costs a snapshot and two storage lookups.
Older PDFs of the same initiative are removed when a new one is stored. However many
requests and workers want one PDF at once, it is rendered once (`idd.export.once`), by
the worker: a download only looks it up (`find_pdf`) and queues the render if it is not
stored (`idd.services.downloads`).

Every printable document (`idd.export.kinds`: the IDD, the Section 333 notification draft)
is stored this way (`stored_pdf`), each kind in a folder of its own and with its slug in
the fingerprint, so two kinds of one snapshot never share a name.

An approved revision's PDF is stored under a name that carries the same fingerprint, as
of its approval (`revision_pdf_name`): that is how a PDF missing from storage can be
told apart as reproducible (same snapshot, marking, templates and code: rendering again
gives the document that was approved) or not (`PDFMissing`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import dataclass

import django
import pikepdf
import weasyprint
from django.conf import settings
from django.core.files.storage import default_storage

from idd.document.shape import Document
from idd.document.shown import shown_document
from idd.export import once
from idd.export.kinds import IDD
from idd.export.printable import PrintableDocument
from idd.export.size import PrintedSize, printed_size
from idd.models import Initiative, Revision

log = logging.getLogger(__name__)

FOLDER = "exports"
REVISIONS = "revisions"  # Revision.pdf's folder


class PDFMissing(Exception):
    """An approved revision's PDF is gone from storage and cannot be made again as it was."""

    def __init__(self, revision: Revision) -> None:
        super().__init__(
            f"The PDF stored when revision {revision.number} was approved is missing from "
            "the file storage, and it cannot be made again exactly as it was: the templates "
            "or the marking have changed since. Ask an administrator to restore it from the "
            "backup; the revision's content is on its page, as approved."
        )
        self.revision = revision


@dataclass(frozen=True)
class StoredPDF:
    """A PDF in default_storage (or the name it will be stored under) and the file name a
    download should get; `revision_id` when it is an approved revision's record."""

    name: str
    download_name: str
    size: PrintedSize
    revision_id: int | None = None

    def open(self):
        return default_storage.open(self.name, "rb")

    def complete(self) -> bool:
        """Stored in full, to serve."""
        return once.is_complete(self.name)

    def under_way(self) -> bool:
        """A render of it has begun (in the worker) and is within its lease."""
        return once.under_way(self.name)


def document_for(initiative: Initiative) -> Document:
    """The snapshot the printed IDD shows (`idd.document.shown.shown_document`)."""
    return shown_document(initiative)[1]


# The files the PDF is rendered from, besides the snapshot.
RENDERED_FROM = (
    (settings.BASE_DIR / "templates", "*.html"),
    (settings.BASE_DIR / "templates", "*.svg"),
    (settings.BASE_DIR / "static" / "css", "print.css"),
    (settings.BASE_DIR / "static" / "css", "notification.css"),
    (settings.BASE_DIR / "idd", "*.py"),
    (settings.BASE_DIR / "assessments", "*.py"),
)


def _code_fingerprint() -> str:
    """A digest of the templates, stylesheet, code and library versions behind the PDF."""
    digest = hashlib.sha256(
        f"django {django.__version__} weasyprint {weasyprint.__version__} "
        f"pikepdf {pikepdf.__version__}".encode()
    )
    for folder, pattern in RENDERED_FROM:
        for path in sorted(folder.rglob(pattern)):
            digest.update(f"{folder.name}/{path.relative_to(folder)}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# Deployed files do not change while a process runs; in development templates do.
_deployed_code_fingerprint = functools.cache(_code_fingerprint)


def fingerprint(doc: Document, kind: PrintableDocument = IDD) -> str:
    """Changes whenever the PDF of this kind of document of this snapshot would."""
    code = _code_fingerprint() if settings.DEBUG else _deployed_code_fingerprint()
    digest = hashlib.sha256(code.encode())
    if kind is not IDD:  # the IDD's names stay as they were before there were kinds
        digest.update(f"{kind.slug}\n".encode())
    digest.update(
        f"{settings.MARKING}\n{settings.SITE_NAME}\n{settings.CUI_DESIGNATION}\n".encode()
    )
    digest.update(json.dumps(doc, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


def _folder(initiative_id: int, kind: PrintableDocument = IDD) -> str:
    """The IDD's PDFs in the initiative's folder, every other kind's in a folder inside it."""
    folder = f"{FOLDER}/initiative-{initiative_id}"
    return folder if kind is IDD else f"{folder}/{kind.slug}"


def revision_pdf_name(initiative_id: int, number: int, doc: Document) -> str:
    """Where an approved revision's PDF is stored: its fingerprint as rendered now."""
    # As the snapshot reads back from the JSON column, so the fingerprint is the same then.
    doc = json.loads(json.dumps(doc))
    return f"{REVISIONS}/initiative-{initiative_id}-revision-{number}-{fingerprint(doc)}.pdf"


def find_revision_pdf(revision: Revision) -> StoredPDF:
    """Where an approved revision's PDF is stored, without rendering it.

    Raises PDFMissing if it is not stored and rendering now would not reproduce it: its
    name's fingerprint is that of the snapshot with the marking, templates and code of the
    approval, so only if today's are the same is a new render the document approved.
    """
    doc = revision.snapshot
    name = revision.pdf.name
    found = StoredPDF(name or "", IDD.download_name(doc), printed_size(doc), revision.pk)
    if name and name == revision_pdf_name(revision.initiative_id, revision.number, doc):
        return found
    if name and once.is_complete(name):
        return found
    log.error("The PDF of revision %s is missing from storage: %s", revision.pk, name)
    raise PDFMissing(revision)


def revision_pdf(revision: Revision) -> StoredPDF:
    """The PDF of an approved revision: the record, stored right after approval.

    If it is not stored yet (the approval has only just committed) or no longer (lost
    from storage), it is rendered from the frozen snapshot and stored under its name, if
    that reproduces it (else PDFMissing: `find_revision_pdf`). Not while another render
    of it is under way: then it returns at once, before the PDF is complete.
    """
    found = find_revision_pdf(revision)
    doc = revision.snapshot
    if found.size.too_long:
        log.info("Not rendering %s: about %s pages", found.name, found.size.pages)
    elif once.store_once(found.name, revision.initiative_id, lambda: IDD.pdf(doc)):
        log.info(
            "Stored the PDF of revision %s of initiative %s from its frozen snapshot",
            revision.number,
            revision.initiative_id,
        )
    return found


def revision_pdf_stored(revision: Revision) -> bool:
    """The approved revision's PDF is in storage (else it is being stored, or missing)."""
    return bool(revision.pdf.name) and once.is_complete(revision.pdf.name)  # type: ignore[arg-type]


def find_pdf(initiative: Initiative, kind: PrintableDocument) -> StoredPDF:
    """Where the PDF of this kind of document of the initiative as shown now is stored (or
    will be), without rendering it; an approved initiative's IDD is its revision's record
    (`find_revision_pdf`, which may raise PDFMissing) until DSCA records something on it."""
    revision, doc = shown_document(initiative)
    if kind is IDD and is_the_record(revision, doc):
        return find_revision_pdf(revision)  # type: ignore[arg-type]
    return _draft_pdf(initiative.pk, kind, doc)


def is_the_record(revision: Revision | None, doc: Document) -> bool:
    """The IDD shown is the approved revision's own PDF, until DSCA records something on
    the revision it was forwarded on: the current copy then adds DSCA's tables and is
    stored by content, as a draft's is; the revision's PDF stays the command's record."""
    return revision is not None and doc == revision.snapshot


def _draft_pdf(initiative_id: int, kind: PrintableDocument, doc: Document) -> StoredPDF:
    """A draft's PDF is named by its content (`fingerprint`), in its kind's folder."""
    name = f"{_folder(initiative_id, kind)}/{fingerprint(doc, kind)}.pdf"
    return StoredPDF(name, kind.download_name(doc), printed_size(doc))


def pdf_for(initiative: Initiative) -> StoredPDF:
    """The initiative's current PDF, stored (rendered first unless it is stored or being
    rendered): the worker's job, never a web request's (`idd.tasks`)."""
    return stored_pdf(initiative, IDD)


def stored_pdf(initiative: Initiative, kind: PrintableDocument) -> StoredPDF:
    """The PDF of this kind of document of the initiative as shown now: from storage when
    unchanged, else rendered once and stored (unless a render of it is under way).

    The IDD of an approved initiative is its approved revision's record (`revision_pdf`)
    until DSCA records something on it (`is_the_record`); other kinds, and that copy, are
    made from that revision, stored by content like a draft IDD.
    """
    revision, doc = shown_document(initiative)
    if kind is IDD and is_the_record(revision, doc):
        return revision_pdf(revision)  # type: ignore[arg-type]
    found = _draft_pdf(initiative.pk, kind, doc)
    if found.size.too_long:
        log.info("Not rendering %s: about %s pages", found.name, found.size.pages)
    elif once.store_once(found.name, initiative.pk, lambda: kind.pdf(doc)):
        once.remove_older(_folder(initiative.pk, kind), keep=found.name)
    return found
