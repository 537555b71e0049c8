"""The portfolio page, its CSV and its print view (idd.services.portfolio does the work)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.portfolio_chart import portfolio_quadrant
from idd.exchange.csv import csv_streaming_response
from idd.reference import roles
from idd.services import audit
from idd.services import portfolio as service

PAGE_SIZE = 25
# The print view lists at most this many rows; the CSV has them all.
PRINT_ROWS = 500


def _portfolio(request: HttpRequest) -> dict[str, Any]:
    """What every view of the portfolio shows: the filters, the sort, the chart."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied("You do not have access to initiatives.")
    filters, found = service.portfolio(request.user, request.GET)
    sort = service.Sort.parse(request.GET.get("sort"))
    query = request.GET.copy()
    for name in ("page", "sort"):
        query.pop(name, None)
    detail_url = reverse("initiative_detail", args=[0]).replace("/0/", "/{pk}/")
    return {
        "filter": filters,
        "found": found,
        "sort": sort,
        "columns": service.COLUMNS,
        "filters_query": query.urlencode(),
        "chart": portfolio_quadrant(service.chart_points(found, detail_url)),
        "today": timezone.localdate(),
    }


@require_GET
def portfolio_page(request: HttpRequest) -> HttpResponse:
    """Every initiative the user may read, ranked on its stored figures."""
    context = _portfolio(request)
    page = Paginator(service.rows(context["found"], context["sort"]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context |= {"page": page, "query": query.urlencode()}
    return render(request, "idd/portfolio/portfolio.html", context)


@require_GET
def portfolio_print(request: HttpRequest) -> HttpResponse:
    """The filtered portfolio laid out for paper: the chart, its table, the first rows."""
    context = _portfolio(request)
    listed = list(service.rows(context["found"], context["sort"])[: PRINT_ROWS + 1])
    context |= {
        "listed": listed[:PRINT_ROWS],
        "more": len(listed) > PRINT_ROWS,
        "print_rows": PRINT_ROWS,
        "count": context["found"].count(),
        "chosen": service.chosen_filters(context["filter"]),
    }
    response = render(request, "idd/portfolio/print.html", context)
    audit.document_read(request, _portfolio_target(request), "portfolio", "print")
    return response


def _portfolio_target(request: HttpRequest) -> audit.Target:
    """The portfolio as the audit log names it: with the filters and sort it was read with."""
    return audit.Target("portfolio", name=request.GET.urlencode()[:200])


@require_GET
def portfolio_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every row of the filtered portfolio, streamed; formula-like text made safe."""
    if not roles.has_any_role(request.user):
        raise PermissionDenied("You do not have access to initiatives.")
    _, found = service.portfolio(request.user, request.GET)
    sort = service.Sort.parse(request.GET.get("sort"))
    lines = service.csv_rows(found, sort)
    name = f"portfolio-{timezone.localdate().isoformat()}.csv"
    response = csv_streaming_response(name, next(lines), lines)
    audit.document_read(request, _portfolio_target(request), "portfolio", "csv")
    return response
