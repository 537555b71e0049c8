"""A download of a printable document: the stored PDF, or its render queued to the worker.

Laying out a long IDD takes up to a minute; a web worker held for it keeps everyone else
waiting (issue 23). So a download never renders: it serves the PDF if it is stored, else
queues its render (`idd.tasks.queue_download`, once however often it is asked) and the
page says "Preparing the PDF". The page's script polls the status URL (`prepare` again)
and starts the download when it is ready; without scripts, "Check again" asks again.
A document longer than one PDF holds is never queued (`idd.export.size`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from idd.export import IDD, PrintableDocument, StoredPDF, find_pdf, find_revision_pdf
from idd.models import Initiative, Revision
from idd.tasks import download_render, queue_download

FAILED = (
    "The PDF could not be prepared: the error is logged for the site's administrators. "
    "The print view shows the same document. Try the download again later."
)


class State(StrEnum):
    READY = "ready"  # stored: the download serves it
    PREPARING = "preparing"  # queued, or being rendered by the worker
    FAILED = "failed"  # its last render raised
    TOO_LONG = "too-long"  # longer than one PDF holds: never rendered


@dataclass(frozen=True)
class Prepared:
    """Where a download's PDF stands, and what to tell the user if it is not ready."""

    state: State
    pdf: StoredPDF
    message: str = ""


def prepare(initiative: Initiative, kind: PrintableDocument, *, again: bool) -> Prepared:
    """The initiative's PDF of this kind as shown now, or its render queued.

    `again`: a download pressed by the user queues a new render after a failed one; the
    status poll does not (a failing render is not retried every few seconds). Raises
    PDFMissing for an approved revision's PDF lost beyond reproducing.
    """
    return _prepare(find_pdf(initiative, kind), initiative.pk, kind, again=again)


def prepare_revision(revision: Revision, *, again: bool) -> Prepared:
    """The same for an approved revision's PDF (the record: `find_revision_pdf`)."""
    found = find_revision_pdf(revision)
    return _prepare(found, revision.initiative_id, IDD, again=again)


def _prepare(
    found: StoredPDF, initiative_id: int, kind: PrintableDocument, *, again: bool
) -> Prepared:
    if found.complete():
        return Prepared(State.READY, found)
    if found.size.too_long:
        return Prepared(State.TOO_LONG, found, found.size.message(kind.title))
    queued = download_render(found, initiative_id, kind.slug)
    if queued == "failed" and not again:
        return Prepared(State.FAILED, found, FAILED)
    if queued != "queued" and not found.under_way():
        queue_download(found, initiative_id, kind.slug)
    return Prepared(State.PREPARING, found)
