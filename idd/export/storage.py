"""Exported PDFs kept in `default_storage`, so an unchanged IDD is rendered once.

The stored name carries a fingerprint of everything the PDF is made of: the rendered
HTML (the snapshot's content, the marking, the templates, the commitment figures as of
today), the print stylesheet and the WeasyPrint version. Any edit changes the HTML, so a
changed draft gets a new name and is never served stale; an unchanged one is a storage
lookup away. Older PDFs of the same initiative are removed when a new one is stored.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

import weasyprint
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify

from idd.choices import InitiativeStatus
from idd.export.render import html_to_pdf, render_html
from idd.models import Initiative, Revision
from idd.snapshot import load, snapshot

logger = logging.getLogger(__name__)

FOLDER = "exports"
PRINT_CSS = "css/print.css"


@dataclass(frozen=True)
class StoredPDF:
    """A PDF in default_storage and the file name a download should get."""

    name: str
    download_name: str

    def open(self):
        return default_storage.open(self.name, "rb")


def _approved_revision(initiative: Initiative) -> Revision | None:
    if initiative.status != InitiativeStatus.APPROVED:
        return None
    return Revision.objects.filter(initiative=initiative, number=initiative.revision).first()


def document_for(initiative: Initiative) -> dict[str, Any]:
    """The snapshot the printed IDD shows: the approved revision's frozen copy while the
    initiative is approved (so its figures never move), else the live draft."""
    revision = _approved_revision(initiative)
    return revision.snapshot if revision is not None else snapshot(load(initiative.pk))


def download_name(doc: dict[str, Any]) -> str:
    meta = doc["meta"]
    return f"IDD-{slugify(meta['title'])[:60]}-rev{meta['revision']}.pdf"


def _fingerprint(html: str) -> str:
    digest = hashlib.sha256(html.encode())
    with open(finders.find(PRINT_CSS), "rb") as css:
        digest.update(css.read())
    digest.update(weasyprint.__version__.encode())
    return digest.hexdigest()[:32]


def _folder(initiative_id: int) -> str:
    return f"{FOLDER}/initiative-{initiative_id}"


def _remove_older(folder: str, keep: str) -> None:
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{folder}/{name}"
        if path != keep:
            default_storage.delete(path)


def pdf_for(initiative: Initiative) -> StoredPDF:
    """The initiative's current PDF: from storage when unchanged, else rendered and stored.

    An approved revision whose PDF was stored at approval is served as it is.
    """
    revision = _approved_revision(initiative)
    if revision is not None and revision.pdf:
        return StoredPDF(revision.pdf.name, download_name(revision.snapshot))
    doc = revision.snapshot if revision is not None else snapshot(load(initiative.pk))
    html = render_html(doc, media="print")
    folder = _folder(initiative.pk)
    name = f"{folder}/{_fingerprint(html)}.pdf"
    if not default_storage.exists(name):
        pdf = html_to_pdf(html)
        if not default_storage.exists(name):  # a concurrent request may have stored it
            default_storage.save(name, ContentFile(pdf))
            _remove_older(folder, keep=name)
    return StoredPDF(name, download_name(doc))
