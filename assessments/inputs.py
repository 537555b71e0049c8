"""What one dated commitment assessment is computed from, as plain data (no Django)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Self

from assessments import method
from assessments.fiscal import quarter_end
from assessments.serial import from_data, to_data


def require_scale(name: str, value: int) -> None:
    if not method.SCALE_MIN <= value <= method.SCALE_MAX:
        raise ValueError(f"{name} must be {method.SCALE_MIN} to {method.SCALE_MAX}, not {value!r}")


class Stored:
    """to_dict/from_dict over the dataclass fields (assessments.serial)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_data(self)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return from_data(cls, data)


def months_after(due: date, day: date) -> int:
    """Calendar months from the due quarter's last month to `day`'s month: a delivery on
    15 Jan of a quarter ending 31 Dec is 1 month late, on 31 Mar 3 months; 0 if on time."""
    return max((day.year - due.year) * 12 + day.month - due.month, 0)


@dataclass(frozen=True)
class Deliverable(Stored):
    """A partner deliverable: the evidence commitment is judged on."""

    id: int
    title: str
    category: str  # e.g. a value of method.DELIVERABLE_CATEGORIES
    political_risk: int  # 1..5, method.POLITICAL_RISK_SCALE
    status: str  # a key of method.CREDIT
    fiscal_year: int
    quarter: int  # 1..4
    has_verification: bool  # a verification method was written
    # The day it was delivered (in full or in part); None when not recorded.
    delivered_on: date | None = None
    # Its reference number, D3 (assessments.references); None in inputs stored before
    # references, which are numbered by place.
    reference: int | None = None

    def __post_init__(self) -> None:
        require_scale("political_risk", self.political_risk)
        if self.status not in method.CREDIT:
            raise ValueError(f"unknown deliverable status {self.status!r}")
        quarter_end(self.fiscal_year, self.quarter)  # rejects a quarter outside 1..4
        if self.delivered_on is not None and self.status not in method.RISK_TAKEN:
            raise ValueError(f"a {self.status} deliverable has no delivery date")

    @property
    def due(self) -> date:
        """Last day of the fiscal quarter it is due in."""
        return quarter_end(self.fiscal_year, self.quarter)

    @property
    def costly(self) -> bool:
        """Costs the partner something (budget, reform, exposure): it can show commitment."""
        return self.political_risk >= method.HIGH_POLITICAL_RISK

    def status_on(self, as_of: date) -> str:
        """The status as it stood on as_of: a delivery dated later had not happened yet."""
        if self.delivered_on is not None and self.delivered_on > as_of:
            return method.PLANNED
        return self.status

    def credit_on(self, as_of: date) -> float:
        return method.CREDIT[self.status_on(as_of)]

    def months_late(self, as_of: date) -> int:
        """Months after its due quarter it was delivered by as_of; 0 if on time or unknown."""
        if self.delivered_on is None or self.status_on(as_of) not in method.RISK_TAKEN:
            return 0
        return months_after(self.due, self.delivered_on)

    def overdue(self, as_of: date) -> bool:
        """Due date passed at as_of and nothing delivered: derived, never stored."""
        return self.due < as_of and self.status_on(as_of) in method.OUTSTANDING

    def slipped(self, as_of: date) -> bool:
        return self.overdue(as_of) or self.months_late(as_of) > 0


@dataclass(frozen=True)
class USInput(Stored):
    """Something the U.S. provides, gated on the partner deliverables it is matched to."""

    id: int
    title: str
    category: str  # e.g. a value of method.US_INPUT_CATEGORIES
    fiscal_year: int
    estimated_cost: Decimal | None
    matched_deliverable_ids: tuple[int, ...]
    # 1..4 when the planner gave it; None (and in inputs stored before quarters): the year only.
    fiscal_quarter: int | None = None
    # What the U.S. did (version 4; older stored inputs read as planned): a key of
    # method.US_CREDIT, the day it was delivered, and why it was canceled.
    status: str = method.PLANNED
    delivered_on: date | None = None
    cancel_reason: str = ""
    # Its reference number, U2 (assessments.references); None in inputs stored before
    # references, which are numbered by place.
    reference: int | None = None

    def __post_init__(self) -> None:
        if self.fiscal_quarter is not None:
            quarter_end(self.fiscal_year, self.fiscal_quarter)  # rejects a quarter outside 1..4
        if self.status not in method.US_CREDIT:
            raise ValueError(f"unknown U.S. input status {self.status!r}")
        if self.delivered_on is not None and self.status not in method.US_DELIVERED:
            raise ValueError(f"a {self.status} U.S. input has no delivery date")

    @property
    def due(self) -> date:
        """Last day of its planned quarter; of its fiscal year while the quarter is not given."""
        return quarter_end(self.fiscal_year, self.fiscal_quarter or 4)

    def status_on(self, as_of: date) -> str:
        """The status as it stood on as_of: a delivery dated later had not happened yet."""
        if self.delivered_on is not None and self.delivered_on > as_of:
            return method.PLANNED
        return self.status

    def months_late(self, as_of: date) -> int:
        """Months after its planned quarter it was delivered by as_of; 0 if on time."""
        if self.delivered_on is None or self.status_on(as_of) not in method.US_DELIVERED:
            return 0
        return months_after(self.due, self.delivered_on)


@dataclass(frozen=True)
class Rating(Stored):
    """One planner rating on the 1-5 scale, with the reason for it."""

    score: int | None  # 1..5, None = not rated yet
    justification: str = ""

    def __post_init__(self) -> None:
        if self.score is not None:
            require_scale("rating", self.score)


@dataclass(frozen=True)
class PlannerRatings(Stored):
    """The planner's judgments: threat, stated willingness and absorptive capacity."""

    physical_risk: Rating
    # Stated willingness (method.WILLINGNESS_RATINGS).
    motivation: Rating
    intensity: Rating
    salience: Rating
    # Absorptive capacity (method.CAPACITY_RATINGS).
    personnel: Rating
    budget: Rating
    maintenance: Rating
    institutions: Rating


@dataclass(frozen=True)
class AssessmentInputs(Stored):
    """Everything one dated assessment is computed from; stored with it."""

    as_of: date
    first_fiscal_year: int
    last_fiscal_year: int
    deliverables: tuple[Deliverable, ...]
    us_inputs: tuple[USInput, ...]
    ratings: PlannerRatings

    def __post_init__(self) -> None:
        if self.first_fiscal_year > self.last_fiscal_year:
            raise ValueError("first_fiscal_year is after last_fiscal_year")

    @property
    def plan(self) -> tuple[Deliverable, ...]:
        """The deliverables still part of the plan: not canceled."""
        return tuple(d for d in self.deliverables if d.status != method.CANCELLED)
