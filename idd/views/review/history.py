"""The History tab: every change to the initiative and its rows, and everything said and
decided in its reviews, in one list, newest first."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from idd.services.history import history as whole_history
from idd.views.shared import get_visible_initiative

PER_PAGE = 50


@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed, said or decided what, and when."""
    initiative = get_visible_initiative(request, pk)
    page = Paginator(whole_history(initiative), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "idd/review/history.html",
        {
            "initiative": initiative,
            "page": page,
            "tab": "history",
            "time_zone": settings.TIME_ZONE,
        },
    )
