"""Render the IDD document from a snapshot: HTML for the browser, PDF with WeasyPrint."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import DEFAULT_OPTIONS, HTML

from idd.document.diff import SectionDiff, diff
from idd.document.shape import Document
from idd.export.fetcher import BASE_URL, StaticFilesOnly
from idd.export.pdf_tags import fix_tags, table_cells
from idd.export.signature import review_remarks, signature
from idd.export.stylesheets import take_stylesheets
from idd.export.timeline import timeline
from idd.models import ReviewDecision, Revision
from idd.reference import cui
from idd.reference.choices import InitiativeStatus
from idd.reference.sections import SECTIONS

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

    @property
    def running_head(self) -> str:
        """The part's name in the page's top margin: short enough for one line at 9 pt."""
        return RUNNING_HEADS.get(self.anchor, self.title)


# Titles too long for the top margin's box, shortened there.
RUNNING_HEADS = {
    "section-us-inputs": "U.S. inputs",
    "section-timeline": "Timeline",
    "section-objectives": "Yearly objectives",
    "section-sustainment": "Absorptive capacity, sustainment",
    "section-assessment": "Assessment and evaluation",
}


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
# From revision 2 on, before the revision history: what changed since the previous
# approved revision, section by section (idd.document.diff).
CHANGES = _part("changes", "Summary of changes", "idd/document/changes.html")


def document_parts(changes: PreviousRevision | None) -> tuple[Part, ...]:
    """The parts of this document: PARTS, with the summary of changes when it has one."""
    if changes is None:
        return PARTS
    return (*PARTS[:-1], CHANGES, PARTS[-1])


@dataclass(frozen=True)
class PreviousRevision:
    """The approved revision before this document's, and what changed since it."""

    number: int
    approved_at: str
    approved_by: str
    sections: list[SectionDiff]  # the sections that changed, in document order


def changes_since_previous(doc: Document) -> PreviousRevision | None:
    """What changed from the previous approved revision, for revision 2 and later; None
    for a first revision.

    Read from the previous revision's frozen snapshot, which never changes once approved
    (`Revision` is written once): the summary depends only on this document (its
    initiative, revision number and approved revisions are in it) and so changes only
    when the document does, which keeps the stored PDF's fingerprint of `doc` sufficient.
    """
    number = doc["meta"]["revision"]
    earlier = [r for r in doc.get("revisions", []) if r["number"] < number]
    if not earlier:
        return None
    previous = max(earlier, key=lambda r: r["number"])
    stored = Revision.objects.filter(
        initiative_id=doc["meta"]["id"], number=previous["number"]
    ).values_list("snapshot", flat=True)
    old = stored.first()
    if old is None:
        return None
    sections = [section for section in diff(old, doc) if section.changed]
    return PreviousRevision(
        previous["number"], previous["approved_at"], previous["approved_by"], sections
    )


# Internal remarks: an annex only when the exporter asks (export_idd --with-review-remarks).
REVIEW_REMARKS = _part(
    "review-remarks", "Annex: review remarks", "idd/document/review_remarks.html"
)


def document_title(doc: Document) -> str:
    meta = doc["meta"]
    return f"{meta['title']}: Initiative Design Document, revision {meta['revision']}"


def approval_of(doc: Document) -> dict[str, str] | None:
    """Who approved the document's revision and when, or None while it is not approved.

    The stored revision says so; before it is written (a snapshot taken at the moment of
    approval), the reviewer's approving decision for this revision does. "remarks" are
    the approver's, printed in the approval block ("" when none were written).
    """
    if doc["meta"]["status"] != InitiativeStatus.APPROVED:
        return None
    number = doc["meta"]["revision"]
    approved = ReviewDecision.Outcome.APPROVED
    decision = next(
        (
            d
            for d in reversed(doc.get("approvals", []))
            if d["revision"] == number and d["outcome"] == approved
        ),
        None,
    )
    remarks = decision.get("reason", "") if decision else ""
    for revision in doc.get("revisions", []):
        if revision["number"] == number:
            return {
                "approved_at": revision["approved_at"],
                "approved_by": revision["approved_by"],
                "remarks": remarks,
            }
    if decision is not None:
        return {
            "approved_at": decision["decided_at"],
            "approved_by": decision["reviewer"],
            "remarks": remarks,
        }
    return None


def document_date(doc: Document, approval: dict[str, str] | None) -> str:
    """The date the document is of: its approval, else its last change (ISO)."""
    return approval["approved_at"] if approval else doc["meta"]["updated_at"]


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


def render_html(doc: Document, *, media: Media = "print", with_review_remarks: bool = False) -> str:
    """The whole IDD as one HTML document.

    media="print" is what WeasyPrint lays out (the print stylesheet only);
    media="screen" is the browser print view, which adds a toolbar and the
    on-screen page frame. Both come from the one template. Reviewers' remarks are
    internal: only with_review_remarks=True adds them, as an annex.
    """
    basics = doc["basics"]
    approval = approval_of(doc)
    changes = changes_since_previous(doc)
    parts = document_parts(changes)
    numbers = {part.anchor: n for n, part in enumerate(parts, start=1)}
    context = {
        "doc": doc,
        "media": media,
        "parts": parts,
        "changes": changes,
        "cui_designation": cui.designation(),
        "document_date": document_date(doc, approval),
        "timeline": timeline(doc),
        "approval": approval,
        "history": revision_history(doc, approval),
        "fiscal_year_count": basics["last_fiscal_year"] - basics["first_fiscal_year"] + 1,
        "deliverables_number": numbers["section-deliverables"],
        "us_inputs_number": numbers["section-us-inputs"],
        "title": document_title(doc),
        "MARKING": settings.MARKING,
        "SITE_NAME": settings.SITE_NAME,
        "signature": signature(doc, approval),
    }
    if with_review_remarks:  # the staffing copy never carries them
        context["parts"] = (*PARTS, REVIEW_REMARKS)
        context["review_remarks"] = review_remarks(doc)
    return render_to_string(DOCUMENT_TEMPLATE, context)


def render_pdf(
    doc: Document, *, url_fetcher: StaticFilesOnly | None = None, with_review_remarks: bool = False
) -> bytes:
    """The IDD as a tagged PDF (PDF/UA-1) with title and language. Stable interface.

    `doc` is a snapshot (`idd.document.snapshot.snapshot(...)`, or a stored revision's copy).
    Only the project's own static files are loaded (see `idd.export.fetcher`);
    pass `url_fetcher` to inspect what was served and refused.
    """
    html = render_html(doc, media="print", with_review_remarks=with_review_remarks)
    return html_to_pdf(html, url_fetcher=url_fetcher)


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
    fetcher = url_fetcher or StaticFilesOnly()
    with _without_cycle_collection():
        source = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        # The stylesheet and its fonts: parsed once per thread (idd.export.stylesheets).
        styles = take_stylesheets(source, fetcher)
        options = {**PDF_OPTIONS, "stylesheets": list(styles.stylesheets)}
        document = source.render(font_config=styles.font_config, **options)
        pdf = document.write_pdf(**options)
        return fix_tags(pdf, table_cells(document))
