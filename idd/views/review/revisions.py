"""Approved revisions (each as approved, with its PDF and its Word copy) and the
comparison of any two versions (submissions, revisions, today's)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from idd.document.diff import diff
from idd.export import IDD, PDFMissing, revision_pdf_stored
from idd.forms.review import CompareForm
from idd.models import Initiative, Revision
from idd.reference.sections import SECTIONS
from idd.services import comments, downloads, review, session_clock, submissions
from idd.views.review.common import with_reply_forms
from idd.views.shared import (
    get_visible_initiative,
    pdf_download_response,
    pdf_missing,
    pdf_status_answer,
    word_copy_response,
)


@require_GET
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_visible_initiative(request, pk)
    approved = list(
        initiative.revisions.select_related("approved_by__profile")
        .defer("snapshot")
        .order_by("-number")
    )
    return render(
        request,
        "idd/review/revisions.html",
        {"initiative": initiative, "revisions": approved, "tab": "revisions"},
    )


def _revision(initiative: Initiative, number: int) -> Revision:
    return get_object_or_404(Revision, initiative=initiative, number=number)


@require_GET
def revision_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An approved revision exactly as approved: rendered from its stored snapshot."""
    initiative = get_visible_initiative(request, pk)
    revision = _revision(initiative, number)
    threads = comments.threads_by_section(initiative, revision=number)
    sections = [
        {"section": s, "threads": with_reply_forms(threads.get(s.slug, []), False, None)}
        for s in SECTIONS
    ]
    return render(
        request,
        "idd/review/revision_detail.html",
        {
            "initiative": initiative,
            "revision": revision,
            "doc": revision.snapshot,
            # The review of this revision: its decisions and its comment threads, closed.
            "decisions": review.decisions_on(initiative, number),
            "pdf_stored": revision_pdf_stored(revision),
            "sections": sections,
            "tab": "revisions",
        },
    )


@transaction.non_atomic_requests
@require_GET
def revision_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    """The PDF of the revision as approved: from storage, or queued to the worker (if the
    approval has only just committed, or it was lost: see `idd.export.revision_pdf`)."""
    return _revision_pdf(request, pk, number, again=True)


@session_clock.background  # polled by a script: never activity
@transaction.non_atomic_requests
@require_GET
def revision_pdf_status(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    """Whether the revision's PDF is ready yet (its "Preparing the PDF" page polls it)."""
    return _revision_pdf(request, pk, number, again=False)


def _revision_pdf(request: HttpRequest, pk: int, number: int, *, again: bool):
    initiative = get_visible_initiative(request, pk)
    revision = _revision(initiative, number)
    try:
        prepared = downloads.prepare_revision(revision, again=again)
    except PDFMissing as lost:
        return pdf_missing(request, initiative, lost)
    if not again:
        return pdf_status_answer(prepared)
    status_url = reverse("revision_pdf_status", args=[pk, number])
    return pdf_download_response(request, initiative, prepared, status_url)


@require_GET
def revision_docx(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The revision as approved, as a Word document: from its frozen snapshot."""
    initiative = get_visible_initiative(request, pk)
    revision = _revision(initiative, number)
    document = f"{IDD.title}, revision {number}"
    return word_copy_response(request, initiative, IDD, revision.snapshot, document)


@require_GET
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between any two versions: submissions, approved revisions, today's."""
    initiative = get_visible_initiative(request, pk)
    # Only this initiative's versions are offered, so no other's can be asked for.
    found = {v.key: v for v in submissions.versions(initiative)}
    choices = [(key, v.option) for key, v in found.items()]
    defaults = submissions.default_pair(initiative, list(found.values()))
    # Opened from the staffing route ("See what changed since J4 concurred"): part of the
    # review, with the way back to the route's decision form.
    from_route = request.GET.get("from") == "route"
    context: dict[str, object] = {
        "initiative": initiative,
        "tab": "review" if from_route else "revisions",
        "sections": None,
        "from_route": from_route,
    }
    if defaults is None:
        return render(request, "idd/review/diff.html", context | {"form": None})
    data = {"old": request.GET.get("old", defaults[0]), "new": request.GET.get("new", defaults[1])}
    form = CompareForm(data, choices=choices)
    context["form"] = form
    if not form.is_valid():
        return render(request, "idd/review/diff.html", context, status=400)
    old, new = found[form.cleaned_data["old"]], found[form.cleaned_data["new"]]
    sections = diff(old.document(), new.document())
    context |= {
        "old_label": old.heading,
        "new_label": new.heading,
        "sections": sections,
        "unchanged": not any(s.changed for s in sections),
    }
    return render(request, "idd/review/diff.html", context)
