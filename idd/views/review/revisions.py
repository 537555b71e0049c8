"""Approved revisions (each as approved, with its PDF) and the comparison of two versions."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from idd.diff import diff
from idd.export import StoredPDF, revision_pdf_stored
from idd.export import revision_pdf as stored_revision_pdf
from idd.forms.review import CompareForm
from idd.models import Initiative, Revision
from idd.sections import SECTIONS
from idd.services import comments, review
from idd.snapshot import load, snapshot
from idd.snapshot_shape import Document
from idd.views.export import pdf_response
from idd.views.initiatives import get_visible_initiative
from idd.views.review.common import with_reply_forms

CURRENT = "current"  # the working copy, in the diff's choice of revisions


@require_GET
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_visible_initiative(request, pk)
    approved = list(
        initiative.revisions.select_related("approved_by").defer("snapshot").order_by("-number")
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


def _version(initiative: Initiative, choice: str) -> tuple[str, Document]:
    """The label and snapshot of an approved revision, or of the working copy."""
    if choice == CURRENT:
        label = f"the current version ({initiative.get_status_display().lower()})"
        return label, snapshot(load(initiative.pk))
    revision = get_object_or_404(Revision, initiative=initiative, number=int(choice))
    return f"revision {revision.number} as approved", revision.snapshot


@require_GET
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between two versions: any two approved revisions, or one and today's."""
    initiative = get_visible_initiative(request, pk)
    numbers = list(initiative.revisions.order_by("number").values_list("number", flat=True))
    choices = [(str(n), f"Revision {n} (approved)") for n in numbers]
    choices.append((CURRENT, f"Current version ({initiative.get_status_display().lower()})"))
    # By default: the last two approved revisions, or the only one against today's.
    defaults = [str(n) for n in numbers[-2:]] if len(numbers) > 1 else [*map(str, numbers), CURRENT]
    data = {"old": request.GET.get("old", defaults[0]), "new": request.GET.get("new", defaults[-1])}
    form = CompareForm(data, choices=choices)
    context = {"initiative": initiative, "tab": "revisions", "form": form, "sections": None}
    if not numbers:
        return render(request, "idd/review/diff.html", context)
    if not form.is_valid():
        return render(request, "idd/review/diff.html", context, status=400)
    (old_label, old), (new_label, new) = (
        _version(initiative, form.cleaned_data[key]) for key in ("old", "new")
    )
    sections = diff(old, new)
    context |= {
        "old_label": old_label,
        "new_label": new_label,
        "sections": sections,
        "unchanged": not any(s.changed for s in sections),
    }
    return render(request, "idd/review/diff.html", context)
