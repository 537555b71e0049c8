"""Partner deliverables and U.S. inputs on one fiscal-year timeline, as plain data.

Built from the snapshot's `timeline` (one entry per fiscal year) and its cross-references
(D1, D2… and U1, U2…, the U.S. inputs each deliverable gates and the deliverables each
input answers): deliverables sorted by due quarter, with the quarter marked, and each
U.S. input's deliverables with their fiscal year when it is another one.
"""

from __future__ import annotations

from typing import Any

from assessments.fiscal import format_date, quarter_end

QUARTERS = (1, 2, 3, 4)


def fiscal_year_span(year: int) -> str:
    """ "1 Oct 2026 – 30 Sep 2027" for FY2027."""
    start = quarter_end(year, 1).replace(day=1, month=10)
    return f"{format_date(start)} – {format_date(quarter_end(year, 4))}"


def timeline(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per fiscal year: its partner deliverables by quarter and its U.S. inputs."""
    due_year = {d.get("ref"): d["due_fiscal_year"] for d in doc.get("deliverables", [])}
    years = []
    for entry in doc.get("timeline", []):
        year = entry["fiscal_year"]
        deliverables = sorted(entry["deliverables"], key=lambda d: d["due_quarter"])
        years.append(
            {
                "fiscal_year": year,
                "span": fiscal_year_span(year),
                "risk_points": sum(d["political_risk"] for d in deliverables),
                "deliverables": [
                    {
                        **d,
                        # Empty quarter cells before and after the due one, as colspans.
                        "quarters_before": d["due_quarter"] - 1,
                        "quarters_after": len(QUARTERS) - d["due_quarter"],
                    }
                    for d in deliverables
                ],
                "us_inputs": [
                    {
                        **u,
                        "gated_on": [
                            {
                                "ref": m["ref"],
                                "fiscal_year": due_year.get(m["ref"]),
                                "other_year": due_year.get(m["ref"]) != year,
                            }
                            for m in u.get("matched", [])
                        ],
                    }
                    for u in entry["us_inputs"]
                ],
            }
        )
    return years
