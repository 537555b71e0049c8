"""Helpers every page uses, in one place so that no view module imports another: the
initiative a user may read, why a user may not edit one, a PDF download (or "Preparing
the PDF") and its status, a Word copy's download, and where a form's `next` may send the
user.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme

from idd.document.shape import Document
from idd.export import PDFMissing, PrintableDocument
from idd.models import Initiative
from idd.models.access import may, may_create, may_read
from idd.reference import roles
from idd.services import audit
from idd.services.downloads import Prepared, State


def get_visible_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative, if this user may read it; else 404, whether absent or outside their
    need to know: a user who may not read an initiative never learns that it exists."""
    readable = Initiative.objects.visible_to(request.user).select_related("partner", "owner")
    return get_object_or_404(readable, pk=pk)


def readable_or_404(request: HttpRequest, initiative: Initiative) -> Initiative:
    if not may_read(request.user, initiative):
        raise Http404(roles.NOT_FOUND)
    return initiative


def editing_refusal(request: HttpRequest, initiative: Initiative | None) -> str | None:
    """Why this user may not edit (or create) the initiative, or None if they may (the
    rule is `idd.models.access`; this says why it refuses). An initiative the user may
    not read is not found: the refusal would tell its title."""
    if initiative is not None:
        readable_or_404(request, initiative)
    if initiative is None and may_create(request.user):
        return None
    if initiative is not None and may(request.user, "edit", initiative):
        return None
    if not roles.is_planner(request.user):
        return "Only planners draft initiatives. Reviewers and others can read them."
    if initiative is None:
        return "You belong to no organization yet: ask an administrator to add you to yours."
    if not initiative.is_member(request.user):
        return (
            f"Only the owner ({roles.display_name(initiative.owner)}) and the "
            "team members edit this initiative. Ask the owner to add you to the team."
        )
    if not initiative.is_editable_status:
        return (
            f"This initiative is {initiative.get_status_display().lower()}: it can be edited "
            "again only as a draft or when reviewers request changes."
        )
    return None


def pdf_download_response(
    request: HttpRequest, initiative: Initiative, prepared: Prepared, status_url: str
) -> HttpResponseBase:
    """The PDF if it is stored; else, at once, the page saying it is being prepared (202)
    or is too long to print (422). A download never renders (`idd.services.downloads`)."""
    if prepared.state == State.READY:
        try:
            file = prepared.pdf.open()
        except FileNotFoundError:  # a newer render removed it just now: the newer is coming
            prepared = Prepared(State.PREPARING, prepared.pdf)
        else:
            name = prepared.pdf.download_name
            try:
                audit.document_read(request, initiative, name, "pdf")
            except audit.AuditUnavailable:
                file.close()
                raise
            return FileResponse(
                file, content_type="application/pdf", as_attachment=True, filename=name
            )
    context = {
        "initiative": initiative,
        "prepared": prepared,
        "status_url": status_url,
        "download_url": request.get_full_path(),
    }
    status = 422 if prepared.state == State.TOO_LONG else 202
    return render(request, "idd/document/pdf_preparing.html", context, status=status)


def word_copy_response(
    request: HttpRequest,
    initiative: Initiative,
    kind: PrintableDocument,
    doc: Document,
    document: str,
) -> HttpResponse:
    """The Word copy of this kind of document, made now from `doc` (a few milliseconds:
    no layout, nothing stored), recorded as `document` read out of the product. The
    caller has checked that the user may read the initiative."""
    response = HttpResponse(kind.copy(doc), content_type=kind.copy_content_type)
    name = kind.download_name(doc, "docx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit.document_read(request, initiative, document, "docx")
    return response


def pdf_status_answer(prepared: Prepared) -> JsonResponse:
    """What the download's page polls: "ready", "preparing", "failed" or "too-long"."""
    return JsonResponse({"state": prepared.state, "message": prepared.message})


def pdf_missing(request: HttpRequest, initiative: Initiative, missing: PDFMissing) -> HttpResponse:
    """An approved revision's PDF lost beyond reproducing: the page says so (404)."""
    context = {
        "initiative": initiative,
        "heading": f"The PDF of revision {missing.revision.number} is missing",
        "message": str(missing),
        "revision": missing.revision,
    }
    return render(request, "idd/document/pdf_unavailable.html", context, status=404)


def next_url(request: HttpRequest, default: str) -> str:
    """The posted `next` if it is a path on this site, else `default`.

    Django's check refuses what browsers read as another host (`//evil`, `/\\evil`,
    control characters, other schemes); the leading slash keeps it a path of ours.
    """
    url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe and url.startswith("/") else default
