"""Data out of an initiative page: the JSON exchange file and the partner deliverables CSV."""

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from idd.exchange import deliverables_csv
from idd.exchange.csv import csv_response
from idd.exchange.export import export_json
from idd.services import audit
from idd.views.shared import get_visible_initiative


@require_GET
def data_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The initiative with all its rows as the exchange file (docs/exchange-format.md)."""
    initiative = get_visible_initiative(request, pk)
    response = HttpResponse(
        export_json(initiative).encode("utf-8"), content_type="application/json; charset=utf-8"
    )
    name = f"initiative-{slugify(initiative.title)[:60]}-{initiative.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit.document_read(request, initiative, "exchange file", "json")
    return response


@require_GET
def deliverables_csv_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner deliverables, one row each, for staffing spreadsheets."""
    initiative = get_visible_initiative(request, pk)
    response = csv_response(
        deliverables_csv.filename(initiative),
        deliverables_csv.HEADER,
        deliverables_csv.rows(initiative),
    )
    audit.document_read(request, initiative, "partner deliverables", "csv")
    return response
