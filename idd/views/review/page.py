"""The reviewers' queue, and the IDD under review with its comment threads and the
workflow's buttons."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from idd.forms.review import QueueFilter
from idd.reference import roles
from idd.services import review
from idd.views.review.common import review_page
from idd.views.shared import get_visible_initiative

PER_PAGE = 25


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """IDDs waiting for a reviewer, the longest-waiting first."""
    if not roles.is_reviewer(request.user):
        raise PermissionDenied("The review queue is for reviewers.")
    filters = QueueFilter(request.GET, queryset=review.awaiting_review(request.user))
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "idd/review/queue.html",
        {"filter": filters, "page": page, "query": query.urlencode()},
    )


@require_GET
def initiative_review(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, get_visible_initiative(request, pk))
