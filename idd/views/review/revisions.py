"""Approved revisions (each as approved, with its PDF) and the comparison of any two
versions (submissions, revisions, today's)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from idd.document.diff import diff
from idd.export import StoredPDF, revision_pdf_stored
from idd.export import revision_pdf as stored_revision_pdf
from idd.forms.review import CompareForm
from idd.models import Initiative, Revision
from idd.reference.sections import SECTIONS
from idd.services import comments, review, submissions
from idd.views.review.common import with_reply_forms
from idd.views.shared import get_visible_initiative, pdf_response


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


# Read-only, and the first download after approval may render: outside a transaction.
@transaction.non_atomic_requests
@require_GET
def revision_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    """The PDF of the revision as approved: from storage, or stored from its frozen snapshot
    if the approval has only just committed (see `idd.export.revision_pdf`)."""
    initiative = get_visible_initiative(request, pk)
    revision = _revision(initiative, number)

    def find() -> StoredPDF:
        return stored_revision_pdf(revision)

    return pdf_response(request, initiative, find)


@require_GET
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between any two versions: submissions, approved revisions, today's."""
    initiative = get_visible_initiative(request, pk)
    # Only this initiative's versions are offered, so no other's can be asked for.
    found = {v.key: v for v in submissions.versions(initiative)}
    choices = [(key, v.option) for key, v in found.items()]
    defaults = submissions.default_pair(initiative, list(found.values()))
    context = {"initiative": initiative, "tab": "revisions", "sections": None}
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
