"""Helpers every page uses, in one place so that no view module imports another: the
initiative a user may read, why a user may not edit one, and a stored PDF as a download.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from idd.export import PDFMissing, StoredPDF, open_pdf
from idd.export.once import Busy
from idd.models import Initiative
from idd.reference import roles


def get_visible_initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative, if this user may read it; else 404, whether absent or not allowed."""
    initiative = get_object_or_404(Initiative.objects.select_related("partner", "owner"), pk=pk)
    return roles.readable_or_404(request.user, initiative)


def editing_refusal(request: HttpRequest, initiative: Initiative | None) -> str | None:
    """Why this user may not edit (or create) the initiative, or None if they may.
    An initiative the user may not read is not found: the refusal would tell its title."""
    if initiative is not None:
        roles.readable_or_404(request.user, initiative)
    if not roles.is_planner(request.user):
        return "Only planners draft initiatives. Reviewers and others can read them."
    if initiative is None:
        return None
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


BUSY = (
    "The PDF is taking longer than usual to prepare, because many are being prepared at "
    "once. Nothing is lost: try the download again in a minute."
)


def pdf_response(
    request: HttpRequest, initiative: Initiative, find: Callable[[], StoredPDF]
) -> HttpResponseBase:
    """The PDF `find` returns, as a download; if there is none to give, a page says why."""
    try:
        file, name = open_pdf(find)
    except PDFMissing as missing:
        context: dict[str, object] = {
            "heading": f"The PDF of revision {missing.revision.number} is missing"
        }
        context |= {"message": str(missing), "revision": missing.revision}
        return _unavailable(request, initiative, context, status=404)
    except Busy:
        context = {"heading": "The PDF is not ready yet", "message": BUSY}
        return _unavailable(request, initiative, context, status=503)
    return FileResponse(file, content_type="application/pdf", as_attachment=True, filename=name)


def _unavailable(
    request: HttpRequest, initiative: Initiative, context: dict, *, status: int
) -> HttpResponse:
    context |= {"initiative": initiative}
    return render(request, "idd/document/pdf_unavailable.html", context, status=status)
