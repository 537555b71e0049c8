"""What the U.S. inputs of an IDD cost, by fiscal year and in total, from its snapshot.

Read by the IDD's basics (its summary) and U.S. inputs sections, so the page, the review
page, the print view and the PDF give the same figures. An input whose cost is not
estimated yet counts in its year but adds nothing: each figure says how many are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from idd.document.shape import Document


@dataclass(frozen=True)
class YearCost:
    fiscal_year: int
    inputs: int
    cost: Decimal
    not_estimated: int  # inputs of the year without an estimated cost


@dataclass(frozen=True)
class USCost:
    years: tuple[YearCost, ...]  # every fiscal year of the plan, and any input's outside it
    inputs: int
    total: Decimal
    not_estimated: int

    @property
    def with_inputs(self) -> tuple[YearCost, ...]:
        """The fiscal years the U.S. gives something in."""
        return tuple(y for y in self.years if y.inputs)


def us_cost(doc: Document) -> USCost:
    basics = doc["basics"]
    inputs = doc["us_inputs"]
    span = range(basics["first_fiscal_year"], basics["last_fiscal_year"] + 1)
    fiscal_years = sorted({*span, *(u["fiscal_year"] for u in inputs)})
    years = []
    for year in fiscal_years:
        of_year = [u for u in inputs if u["fiscal_year"] == year]
        costs = [u["estimated_cost"] for u in of_year if u["estimated_cost"] not in (None, "")]
        years.append(
            YearCost(
                year,
                len(of_year),
                sum((Decimal(str(c)) for c in costs), Decimal(0)),
                len(of_year) - len(costs),
            )
        )
    return USCost(
        tuple(years),
        len(inputs),
        sum((y.cost for y in years), Decimal(0)),
        sum(y.not_estimated for y in years),
    )
