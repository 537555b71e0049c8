"""PLACEHOLDER until pchart's `assessments/portfolio_chart.py` merges: the same names and
signatures (`PortfolioPoint`, `portfolio_quadrant(points) -> PortfolioChart`), doing only
what `templates/idd/portfolio/quadrant_placeholder.html` needs (how many initiatives sit
at each place). At merge: import these from `assessments.portfolio_chart`, delete this
file and the placeholder template, and include pchart's two templates instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PortfolioPoint:
    key: int
    label: str
    url: str
    physical_risk: int | None
    political_risk_accepted: int | None
    quadrant: str | None


@dataclass(frozen=True)
class PortfolioChart:
    points: tuple[PortfolioPoint, ...]
    # (physical risk, highest political risk accepted, how many), placed points only
    places: tuple[tuple[int, int, int], ...]
    unplaced: int


def portfolio_quadrant(points: Iterable[PortfolioPoint]) -> PortfolioChart:
    kept = tuple(points)
    placed = Counter(
        (p.physical_risk, p.political_risk_accepted)
        for p in kept
        if p.physical_risk is not None and p.political_risk_accepted is not None
    )
    places = tuple((x, y, n) for (x, y), n in sorted(placed.items()))
    return PortfolioChart(kept, places, len(kept) - sum(placed.values()))
