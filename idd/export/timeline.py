"""Partner deliverables and U.S. inputs on one fiscal-year timeline, as plain data.

Built from the snapshot's `timeline` (one entry per fiscal year) and its cross-references
(D1, D2… and U1, U2…, the U.S. inputs each deliverable gates and the deliverables each
input answers). Each fiscal year lists, quarter by quarter, the partner deliverables due
and the U.S. inputs planned in that quarter, each with the deliverables it is gated on (with
their fiscal year when it is another one); the year's inputs whose quarter is not set yet
follow the quarters. Items are named by reference and a title cut to one line: the full
titles are in the partner deliverables and U.S. inputs tables just before the timeline.
"""

from __future__ import annotations

from typing import Any

from assessments.fiscal import QUARTER_MONTHS, format_date, quarter_end
from idd.document.shape import Document, USInput

SHORT_TITLE = 64
# A U.S. input's line also carries its cost and the deliverables it is gated on.
SHORT_INPUT_TITLE = 48


def fiscal_year_span(year: int) -> str:
    """ "1 Oct 2026 – 30 Sep 2027" for FY2027."""
    start = quarter_end(year, 1).replace(day=1, month=10)
    return f"{format_date(start)} – {format_date(quarter_end(year, 4))}"


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """The title cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def _us_input(u: USInput, year: int, due_year: dict[str, int]) -> dict[str, Any]:
    gated_on = []
    for matched in u.get("matched", []):
        fiscal_year = due_year.get(matched["ref"])
        gated_on.append(
            {"ref": matched["ref"], "fiscal_year": fiscal_year, "other_year": fiscal_year != year}
        )
    return {**u, "short_title": short_title(u["title"], SHORT_INPUT_TITLE), "gated_on": gated_on}


def timeline(doc: Document) -> list[dict[str, Any]]:
    """One entry per fiscal year: its partner deliverables by quarter and its U.S. inputs."""
    due_year = {d.get("ref"): d["due_fiscal_year"] for d in doc.get("deliverables", [])}
    years = []
    for entry in doc.get("timeline", []):
        year = entry["fiscal_year"]
        deliverables = entry["deliverables"]
        us_inputs = [_us_input(u, year, due_year) for u in entry["us_inputs"]]
        quarters = [
            {
                "quarter": quarter,
                "months": months,
                "deliverables": [
                    {**d, "short_title": short_title(d["title"])}
                    for d in deliverables
                    if d["due_quarter"] == quarter
                ],
                "us_inputs": [u for u in us_inputs if u["fiscal_quarter"] == quarter],
            }
            for quarter, months in QUARTER_MONTHS.items()
        ]
        years.append(
            {
                "fiscal_year": year,
                "span": fiscal_year_span(year),
                "deliverable_count": len(deliverables),
                "risk_points": sum(d["political_risk"] for d in deliverables),
                "quarters": quarters,
                "us_inputs": us_inputs,
                "us_inputs_without_quarter": [u for u in us_inputs if not u["fiscal_quarter"]],
            }
        )
    return years
