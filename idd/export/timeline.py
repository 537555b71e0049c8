"""Partner deliverables and U.S. inputs on one fiscal-year timeline, as plain data.

Built from the snapshot's `timeline` (one entry per fiscal year). Every partner
deliverable gets a short reference (D1, D2, … in document order) and every U.S. input
one too (U1, U2, …), so a U.S. input can name the deliverables it is gated on, even
those due in another fiscal year.
"""

from __future__ import annotations

from typing import Any

from assessments.fiscal import format_date, quarter_end

QUARTERS = (1, 2, 3, 4)


def _refs(rows: list[dict], letter: str) -> dict[Any, str]:
    return {row["id"]: f"{letter}{n}" for n, row in enumerate(rows, start=1)}


def fiscal_year_span(year: int) -> str:
    """ "1 Oct 2026 – 30 Sep 2027" for FY2027."""
    start = quarter_end(year, 1).replace(day=1, month=10)
    return f"{format_date(start)} – {format_date(quarter_end(year, 4))}"


def timeline(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per fiscal year: its partner deliverables by quarter and its U.S. inputs."""
    deliverables = doc.get("deliverables", [])
    us_inputs = doc.get("us_inputs", [])
    d_refs = _refs(deliverables, "D")
    u_refs = _refs(us_inputs, "U")
    due_year = {d["id"]: d["due_fiscal_year"] for d in deliverables}
    answered_by: dict[Any, list[str]] = {d["id"]: [] for d in deliverables}
    for u in us_inputs:
        for d_id in u["matched_deliverable_ids"]:
            answered_by.setdefault(d_id, []).append(u_refs[u["id"]])

    years = []
    for entry in doc.get("timeline", []):
        year = entry["fiscal_year"]
        rows = sorted(entry["deliverables"], key=lambda d: d["due_quarter"])
        years.append(
            {
                "fiscal_year": year,
                "span": fiscal_year_span(year),
                "deliverables": [
                    {
                        **d,
                        "ref": d_refs[d["id"]],
                        "quarters": [q == d["due_quarter"] for q in QUARTERS],
                        "answered_by": answered_by.get(d["id"], []),
                    }
                    for d in rows
                ],
                "us_inputs": [
                    {
                        **u,
                        "ref": u_refs[u["id"]],
                        "gated_on": [
                            {
                                "ref": d_refs[d_id],
                                "other_year": due_year[d_id] != year,
                                "fiscal_year": due_year[d_id],
                            }
                            for d_id in u["matched_deliverable_ids"]
                            if d_id in d_refs
                        ],
                    }
                    for u in entry["us_inputs"]
                ],
                "risk_points": sum(d["political_risk"] for d in rows),
            }
        )
    return years
