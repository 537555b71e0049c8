"""The printable IDD: the browser print view and the PDF download."""

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from idd.export import document_for, pdf_for, render_html
from idd.views.initiatives import get_visible_initiative


# Read-only, and a render takes seconds: outside a transaction, so no lock is held meanwhile.
@transaction.non_atomic_requests
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole IDD as one page laid out for paper, to read or print from the browser."""
    initiative = get_visible_initiative(request, pk)
    return HttpResponse(render_html(document_for(initiative), media="screen"))


@transaction.non_atomic_requests
@require_GET
def pdf_download(request: HttpRequest, pk: int) -> FileResponse:
    """The IDD as a tagged PDF: from storage when unchanged, else rendered first."""
    initiative = get_visible_initiative(request, pk)
    stored = pdf_for(initiative)
    return FileResponse(
        stored.open(),
        content_type="application/pdf",
        as_attachment=True,
        filename=stored.download_name,
    )


@require_GET
def browser_print_stylesheet(request: HttpRequest) -> HttpResponse:
    """The marking in the page margins, and more, when a browser prints the print view."""
    return render(
        request,
        "idd/document/browser_print.css",
        {"MARKING": settings.MARKING},
        content_type="text/css; charset=utf-8",
    )
