"""The result of one assessment, stored as JSON and read back by the version it carries.

A result keeps the method version it was computed with. Version-2 results (and earlier)
have no delivery record and no figure states; `CommitmentResult.from_dict` reads them with
their own meaning (their `demonstrated` counted every due deliverable) and `to_dict` writes
them back exactly as stored.
"""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Self

from assessments import method
from assessments.inputs import Stored
from assessments.serial import from_data, to_data

State = method.FigureState


@dataclass(frozen=True)
class Flag(Stored):
    """A concern raised by one rule of the method, with what to do about it."""

    rule: str  # stable code, a key of method.FLAG_RULES
    title: str
    rule_text: str  # the rule that raised it, stated plainly
    records: tuple[str, ...]  # the records involved, human-readable
    action: str  # what the planner can do
    severity: str  # method.WARNING or method.INFO


# Fields version 4 added; absent from older stored results.
V4_FIELDS = frozenset(
    {
        "us_delivery_record",
        "us_delivery_record_state",
        "us_delivery_record_explanation",
        "us_due_count",
        "us_overdue_count",
        "us_held_back_count",
    }
)

# Fields version 3 added; absent from older stored results.
V3_FIELDS = frozenset(
    {
        "demonstrated_state",
        "delivery_record",
        "delivery_record_state",
        "delivery_record_explanation",
        "delivery_due_count",
    }
)


@dataclass(frozen=True, kw_only=True)
class CommitmentResult:
    """Every figure of one assessment, each with its explanation."""

    as_of: date
    method_version: int = method.METHOD_VERSION
    # Demonstrated commitment, from costly acts only (v3; v2: from every due deliverable).
    demonstrated: int | None  # 0..100, None when demonstrated_state is not MEASURED
    demonstrated_state: str = State.MEASURED  # a method.FigureState value
    demonstrated_explanation: str
    due_count: int  # deliverables counted in demonstrated (v3: costly ones)
    delivered_count: int  # of those, delivered in full
    partial_count: int  # of those, delivered in part
    # Delivery record (v3): reliability over every due deliverable, costless ones included.
    delivery_record: int | None = None
    delivery_record_state: str = State.NOT_IN_VERSION
    delivery_record_explanation: str = ""
    delivery_due_count: int = 0
    # U.S. delivery record (v4): does the U.S. do what it promised? Never part of
    # demonstrated commitment.
    us_delivery_record: int | None = None
    us_delivery_record_state: str = State.NOT_IN_VERSION
    us_delivery_record_explanation: str = ""
    us_due_count: int = 0  # U.S. inputs counted in it
    us_overdue_count: int = 0  # due, not delivered, not held back by the partner
    us_held_back_count: int = 0  # due, waiting on partner deliverables
    risk_accepted_points: float  # sum of political risk x credit, delivered fully or in part
    highest_risk_accepted: int  # highest political risk delivered fully or in part; 0 if none
    risk_accepted_explanation: str
    stated_willingness: int | None  # 0..100, None while any part is unrated
    absorptive_capacity: float | None  # 1..5 mean, None while any part is unrated
    gap: int | None  # stated_willingness - demonstrated
    gap_explanation: str
    physical_risk: int | None
    quadrant: str | None  # a key of method.QUADRANT_LABELS, None while physical risk unrated
    quadrant_label: str
    quadrant_explanation: str
    flags: tuple[Flag, ...]

    @property
    def costly_acts_only(self) -> bool:
        """Whether `demonstrated` counts costly acts only (version 3 on)."""
        return self.method_version >= method.COSTLY_ACTS_VERSION

    @property
    def has_us_record(self) -> bool:
        """Whether it carries the U.S. delivery record (version 4 on)."""
        return self.method_version >= method.US_DELIVERY_VERSION

    def to_dict(self) -> dict[str, Any]:
        """JSON-serializable form for storage; from_dict reverses it exactly."""
        data: dict[str, Any] = to_data(self)
        absent = _absent_fields(self.method_version)
        return {name: value for name, value in data.items() if name not in absent}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Read a stored result with the meaning of the version it was computed with."""
        version = data.get("method_version", 1)
        if version >= method.COSTLY_ACTS_VERSION:
            absent = _absent_fields(version)
            return from_data(cls, {k: v for k, v in data.items() if k not in absent})
        known = {f.name for f in fields(cls)} - V3_FIELDS - V4_FIELDS
        older = {name: value for name, value in data.items() if name in known}
        measured = data["demonstrated"] is not None
        return from_data(
            cls,
            older
            | {
                "method_version": version,
                "demonstrated_state": State.MEASURED if measured else State.NOT_YET_OBSERVABLE,
            },
        )


def _absent_fields(version: int) -> frozenset[str]:
    """The fields a result of this method version does not have."""
    absent: frozenset[str] = frozenset()
    if version < method.US_DELIVERY_VERSION:
        absent |= V4_FIELDS
    if version < method.COSTLY_ACTS_VERSION:
        absent |= V3_FIELDS
    return absent
