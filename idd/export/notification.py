"""The Section 333 congressional notification draft: a printable document of the initiative.

Rendered from the same snapshot as the IDD (`idd.export.document_for`), through the same
interface (`idd.export.printable`): the print view, the tagged PDF (laid out by the IDD's
`html_to_pdf`, so it is tagged the same way) and a .docx a staffer pastes into the memo.
Only initiatives funded under 10 U.S.C. 333 have one. What each element holds and answers
is in `idd.export.notification_elements`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from idd.document.shape import Document
from idd.export import render
from idd.export.docx_parts import printable_copy
from idd.export.notification_blocks import Element
from idd.export.notification_docx import docx
from idd.export.notification_elements import elements
from idd.export.printable import WORD, Media, PrintableDocument
from idd.guided_form.steps import STEP_BY_SLUG, Step
from idd.reference.choices import FundingAuthority

TEMPLATE = "idd/notification/document.html"
# "10 U.S.C. 333": the snapshot keeps the authority's label, as it read when taken.
SECTION_333 = FundingAuthority.SECTION_333.label.split(" (")[0]
TITLE = "Section 333 congressional notification draft"


@dataclass(frozen=True)
class Gap:
    """An element the IDD cannot fill yet, and the guided-form step that fills it."""

    element: Element
    step: Step
    url: str  # the step in the guided form


def is_section_333(doc: Document) -> bool:
    return doc["basics"]["funding_authority"].startswith(SECTION_333)


def gaps(doc: Document) -> list[Gap]:
    """The elements with something missing, in the notification's order."""
    return [
        Gap(e, STEP_BY_SLUG[e.step], reverse("wizard_step", args=[doc["meta"]["id"], e.step]))
        for e in elements(doc)
        if e.lacks
    ]


def document_title(doc: Document) -> str:
    meta = doc["meta"]
    return f"{meta['title']}: {TITLE}, from IDD revision {meta['revision']}"


def context(doc: Document, media: Media) -> dict[str, Any]:
    return {
        "doc": doc,
        "media": media,
        "elements": elements(doc),
        "gaps": gaps(doc),
        "title": document_title(doc),
        "approval": render.approval_of(doc),
        "MARKING": settings.MARKING,
        "SITE_NAME": settings.SITE_NAME,
    }


class NotificationDocument(PrintableDocument):
    slug = "notification"
    title = TITLE
    short_name = "Sec333-notification"
    copy_extension = "docx"
    copy_content_type = WORD

    def offered(self, doc: Document) -> bool:
        return is_section_333(doc)

    def refusal(self, doc: Document) -> str:
        return (
            f"“{doc['meta']['title']}” is funded under {doc['basics']['funding_authority']}. "
            "A congressional notification under 10 U.S.C. 333(e) is drafted only for "
            "initiatives funded under 10 U.S.C. 333 (build partner capacity): change the "
            "funding authority in the guided form's basics step if it is one."
        )

    def html(self, doc: Document, *, media: Media = "print") -> str:
        return render_to_string(TEMPLATE, context(doc, media))

    def pdf(self, doc: Document) -> bytes:
        # The IDD's layout and tag pass: PDF/UA-1, title and language, completed tags.
        return render.html_to_pdf(self.html(doc, media="print"))

    def copy(self, doc: Document) -> bytes:
        doc = printable_copy(doc)  # XML: no noncharacter stored before they were refused
        return docx(doc, elements(doc), gaps(doc), document_title(doc))


NOTIFICATION = NotificationDocument()
