"""Exported PDFs kept in `default_storage`, so an unchanged IDD is rendered once.

The stored name is a fingerprint of everything the PDF is made of: the snapshot (the
IDD's content, and the commitment figures as of today), the marking, and the files that
turn it into a PDF (templates, the print stylesheet, the rendering code, the versions of
Django and WeasyPrint). Any edit changes the snapshot, so a changed draft gets a new name
and is never served stale; an unchanged one costs a snapshot and a storage lookup. Older
PDFs of the same initiative are removed when a new one is stored.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import django
import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify

from idd.choices import InitiativeStatus
from idd.export.render import render_pdf
from idd.models import Initiative, Revision
from idd.snapshot import load, snapshot

FOLDER = "exports"


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


# The files the PDF is rendered from, besides the snapshot.
RENDERED_FROM = (
    (settings.BASE_DIR / "templates", "*.html"),
    (settings.BASE_DIR / "templates", "*.svg"),
    (settings.BASE_DIR / "static" / "css", "print.css"),
    (settings.BASE_DIR / "idd", "*.py"),
    (settings.BASE_DIR / "assessments", "*.py"),
)


def _code_fingerprint() -> str:
    """A digest of the templates, stylesheet, code and library versions behind the PDF."""
    digest = hashlib.sha256(
        f"django {django.__version__} weasyprint {weasyprint.__version__}".encode()
    )
    for folder, pattern in RENDERED_FROM:
        for path in sorted(folder.rglob(pattern)):
            digest.update(f"{folder.name}/{path.relative_to(folder)}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# Deployed files do not change while a process runs; in development templates do.
_deployed_code_fingerprint = functools.cache(_code_fingerprint)


def fingerprint(doc: dict[str, Any]) -> str:
    """Changes whenever the PDF of this snapshot would."""
    code = _code_fingerprint() if settings.DEBUG else _deployed_code_fingerprint()
    digest = hashlib.sha256(code.encode())
    digest.update(f"{settings.MARKING}\n{settings.SITE_NAME}\n".encode())
    digest.update(json.dumps(doc, sort_keys=True, default=str).encode())
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
    folder = _folder(initiative.pk)
    name = f"{folder}/{fingerprint(doc)}.pdf"
    if not default_storage.exists(name):
        pdf = render_pdf(doc)
        if not default_storage.exists(name):  # a concurrent request may have stored it
            default_storage.save(name, ContentFile(pdf))
            _remove_older(folder, keep=name)
    return StoredPDF(name, download_name(doc))
