"""Render the IDD document from a snapshot: HTML for the browser, PDF with WeasyPrint."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import DEFAULT_OPTIONS, HTML

from idd.choices import InitiativeStatus
from idd.export.fetcher import BASE_URL, StaticFilesOnly
from idd.export.pdf_tags import fix_tags, table_cells
from idd.export.timeline import timeline
from idd.models import ReviewDecision
from idd.sections import SECTIONS
from idd.snapshot_shape import Document

Media = Literal["print", "screen"]
DOCUMENT_TEMPLATE = "idd/document/document.html"
TIMELINE_TITLE = "Timeline: partner deliverables and U.S. inputs"
PDF_OPTIONS = {**DEFAULT_OPTIONS, "pdf_variant": "pdf/ua-1"}


@dataclass(frozen=True)
class Part:
    """One numbered part of the printed document, listed in the table of contents."""

    anchor: str
    title: str
    template: str


def _part(slug: str, title: str, template: str) -> Part:
    return Part(f"section-{slug}", title, template)


def _section_parts() -> list[Part]:
    parts = []
    for section in SECTIONS:
        parts.append(_part(section.slug, section.title, f"idd/sections/{section.slug}.html"))
        if section.slug == "us-inputs":
            parts.append(_part("timeline", TIMELINE_TITLE, "idd/document/timeline.html"))
    return parts


# Document order: the guided form's sections, the timeline after the U.S. inputs,
# then the approval block and the revision history. The document gives each part its
# <section id="section-<slug>"> and <h2>; the part's template renders the content.
PARTS: tuple[Part, ...] = (
    *_section_parts(),
    _part("monitoring", "Monitoring: indicators measured", "idd/document/monitoring.html"),
    _part("approvals", "Approvals", "idd/document/approvals.html"),
    _part("revisions", "Revision history", "idd/document/revisions.html"),
)


def document_title(doc: Document) -> str:
    meta = doc["meta"]
    return f"{meta['title']}: Initiative Design Document, revision {meta['revision']}"


def approval_of(doc: Document) -> dict[str, str] | None:
    """Who approved the document's revision and when, or None while it is not approved.

    The stored revision says so; before it is written (a snapshot taken at the moment of
    approval), the reviewer's approving decision for this revision does.
    """
    if doc["meta"]["status"] != InitiativeStatus.APPROVED:
        return None
    number = doc["meta"]["revision"]
    for revision in doc.get("revisions", []):
        if revision["number"] == number:
            return {"approved_at": revision["approved_at"], "approved_by": revision["approved_by"]}
    approved = ReviewDecision.Outcome.APPROVED
    for decision in reversed(doc.get("approvals", [])):
        if decision["revision"] == number and decision["outcome"] == approved:
            return {"approved_at": decision["decided_at"], "approved_by": decision["reviewer"]}
    return None


def revision_history(doc: Document, approval: dict[str, str] | None) -> list[dict[str, Any]]:
    """Every approved revision, and this document's revision if it is not among them
    (a snapshot taken at approval may not list the revision it is about to become)."""
    meta = doc["meta"]
    number = meta["revision"]
    rows = [
        {
            "number": r["number"],
            "status": "Approved",
            "date": r["approved_at"],
            "by": r["approved_by"],
            "this_document": r["number"] == number,
        }
        for r in doc.get("revisions", [])
    ]
    if not any(row["this_document"] for row in rows):
        if approval:
            status, date, by = "Approved", approval["approved_at"], approval["approved_by"]
        else:
            status, date, by = meta["status_label"], meta["updated_at"], meta["owner"]
        rows.append(
            {
                "number": number,
                "status": status,
                "date": date,
                "by": by,
                "this_document": True,
                "last_change": approval is None,
            }
        )
    return rows


def render_html(doc: Document, *, media: Media = "print") -> str:
    """The whole IDD as one HTML document.

    media="print" is what WeasyPrint lays out (the print stylesheet only);
    media="screen" is the browser print view, which adds a toolbar and the
    on-screen page frame. Both come from the one template.
    """
    basics = doc["basics"]
    approval = approval_of(doc)
    numbers = {part.anchor: n for n, part in enumerate(PARTS, start=1)}
    context = {
        "doc": doc,
        "media": media,
        "parts": PARTS,
        "timeline": timeline(doc),
        "approval": approval,
        "history": revision_history(doc, approval),
        "fiscal_year_count": basics["last_fiscal_year"] - basics["first_fiscal_year"] + 1,
        "deliverables_number": numbers["section-deliverables"],
        "us_inputs_number": numbers["section-us-inputs"],
        "title": document_title(doc),
        "MARKING": settings.MARKING,
        "SITE_NAME": settings.SITE_NAME,
    }
    return render_to_string(DOCUMENT_TEMPLATE, context)


def render_pdf(doc: Document, *, url_fetcher: StaticFilesOnly | None = None) -> bytes:
    """The IDD as a tagged PDF (PDF/UA-1) with title and language. Stable interface.

    `doc` is a snapshot (`idd.snapshot.snapshot(...)`, or a stored revision's copy).
    Only the project's own static files are loaded (see `idd.export.fetcher`);
    pass `url_fetcher` to inspect what was served and refused.
    """
    return html_to_pdf(render_html(doc, media="print"), url_fetcher=url_fetcher)


@contextmanager
def _without_cycle_collection():
    """Pause Python's cyclic garbage collector while WeasyPrint lays out the document.

    Layout allocates hundreds of thousands of short-lived objects, which triggers the
    collector again and again to scan them: about a quarter of the export time. Reference
    counting still frees memory; the collector runs again as soon as the export is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(html: str, *, url_fetcher: StaticFilesOnly | None = None) -> bytes:
    """Lay out the print HTML from render_html with WeasyPrint, then complete the tags
    WeasyPrint leaves unfinished (`idd.export.pdf_tags`)."""
    source = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher or StaticFilesOnly())
    with _without_cycle_collection():
        document = source.render(**PDF_OPTIONS)
        pdf = document.write_pdf(**PDF_OPTIONS)
        return fix_tags(pdf, table_cells(document))
