"""The partner deliverables of one initiative as a CSV, for staffing spreadsheets."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.text import slugify

from idd.models import Initiative

HEADER = (
    "Reference",
    "Partner deliverable",
    "Category",
    "Quantity",
    "Due",
    "Due fiscal year",
    "Due quarter",
    "Political risk (1-5)",
    "Political risk",
    "Status",
    "Delivered on",
    "How it will be verified",
    "Evidence recorded",
    "Verified by",
    "Verified on",
    "U.S. inputs gated on it",
)


def filename(initiative: Initiative) -> str:
    return f"partner-deliverables-{slugify(initiative.title)[:60]}-{initiative.pk}.csv"


def rows(initiative: Initiative) -> Iterator[Sequence[object]]:
    """One row per deliverable in due order, each by its reference (D3) as on every screen;
    the U.S. inputs named by theirs (U2), as in the IDD."""
    deliverables = list(initiative.partner_deliverables.select_related("verified_by"))
    inputs = list(initiative.us_inputs.prefetch_related("matched_deliverables"))
    gated: dict[int, list[str]] = {d.pk: [] for d in deliverables}
    for us_input in inputs:
        for d in us_input.matched_deliverables.all():
            gated[d.pk].append(f"{us_input.reference} {us_input.title} ({us_input.when_label})")
    for d in deliverables:
        yield (
            d.reference,
            d.title,
            d.get_category_display(),
            d.quantity,
            d.due_label,
            d.due_fiscal_year,
            d.due_quarter,
            d.political_risk,
            d.get_political_risk_display(),
            d.get_status_display(),
            d.delivered_on.isoformat() if d.delivered_on else "",
            d.verification_method,
            d.evidence,
            d.verified_by.get_username() if d.verified_by else "",
            d.verified_at.date().isoformat() if d.verified_at else "",
            "; ".join(gated[d.pk]),
        )
