"""The printable documents (the IDD, the Section 333 notification draft): the browser
print view, the PDF download and its status, and their Word copies.

A download never renders (`idd.services.downloads`): it serves the stored PDF, or answers
at once with "Preparing the PDF", whose script polls the status URL."""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from idd.export import IDD, NOTIFICATION, PDFMissing, PrintableDocument, document_for, render_html
from idd.models import Initiative
from idd.services import audit, downloads, session_clock
from idd.views.shared import (
    get_visible_initiative,
    pdf_download_response,
    pdf_missing,
    pdf_status_answer,
    word_copy_response,
)


# Read-only, and a render takes seconds: outside a transaction, so no lock is held meanwhile.
@transaction.non_atomic_requests
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole IDD as one page laid out for paper, to read or print from the browser."""
    initiative = get_visible_initiative(request, pk)
    response = HttpResponse(render_html(document_for(initiative), media="screen"))
    audit.document_read(request, initiative, IDD.title, "print")
    return response


def _document(request: HttpRequest, pk: int, kind: PrintableDocument, *, again: bool):
    """The download (`again`) or status answer of this kind of the initiative's documents."""
    initiative = get_visible_initiative(request, pk)
    if kind is not IDD and (refused := _refused(request, initiative, kind)):
        return refused
    try:
        prepared = downloads.prepare(initiative, kind, again=again)
    except PDFMissing as lost:
        return pdf_missing(request, initiative, lost)
    if not again:
        return pdf_status_answer(prepared)
    status_url = reverse(STATUS_URLS[kind.slug], args=[pk])
    return pdf_download_response(request, initiative, prepared, status_url)


STATUS_URLS = {"idd": "initiative_pdf_status", "notification": "notification_pdf_status"}


@transaction.non_atomic_requests
@require_GET
def pdf_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The IDD as a tagged PDF: from storage, or queued to the worker and said so."""
    return _document(request, pk, IDD, again=True)


@session_clock.background  # polled by a script: never activity
@transaction.non_atomic_requests
@require_GET
def pdf_status(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Whether the IDD's PDF is ready yet (the "Preparing the PDF" page polls it)."""
    return _document(request, pk, IDD, again=False)


@require_GET
def initiative_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The IDD as a Word document, to paste sections into memos: the document the PDF
    shows (an approved initiative's frozen revision)."""
    initiative = get_visible_initiative(request, pk)
    return word_copy_response(request, initiative, IDD, document_for(initiative), IDD.title)


def _refused(request: HttpRequest, initiative: Initiative, kind: PrintableDocument):
    """None if the initiative has this kind of document, else the page saying why not (404)."""
    doc = document_for(initiative)
    if kind.offered(doc):
        return None
    context = {"initiative": initiative, "message": kind.refusal(doc)}
    return render(request, "idd/notification/unavailable.html", context, status=404)


@transaction.non_atomic_requests
@require_GET
def notification_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The Section 333 notification draft laid out for paper, with its missing elements."""
    initiative = get_visible_initiative(request, pk)
    if refused := _refused(request, initiative, NOTIFICATION):
        return refused
    response = HttpResponse(NOTIFICATION.html(document_for(initiative), media="screen"))
    audit.document_read(request, initiative, NOTIFICATION.title, "print")
    return response


@transaction.non_atomic_requests
@require_GET
def notification_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The notification draft as a tagged PDF, stored and served like the IDD's."""
    return _document(request, pk, NOTIFICATION, again=True)


@session_clock.background  # polled by a script: never activity
@transaction.non_atomic_requests
@require_GET
def notification_pdf_status(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Whether the notification draft's PDF is ready yet."""
    return _document(request, pk, NOTIFICATION, again=False)


@require_GET
def notification_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The notification draft as a Word document, to paste into the notification memo."""
    initiative = get_visible_initiative(request, pk)
    if refused := _refused(request, initiative, NOTIFICATION):
        return refused
    doc = document_for(initiative)
    return word_copy_response(request, initiative, NOTIFICATION, doc, NOTIFICATION.title)


@require_GET
def browser_print_stylesheet(request: HttpRequest) -> HttpResponse:
    """The marking in the page margins, and more, when a browser prints the print view."""
    return render(
        request,
        "idd/document/browser_print.css",
        {"MARKING": settings.MARKING},
        content_type="text/css; charset=utf-8",
    )
