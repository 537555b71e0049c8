"""How much one guided-form page holds: the row caps of its formsets, and from them the
number of fields a browser posts when every kind of row is at its cap.

The formsets (idd.forms) refuse rows beyond these caps, and the settings'
DATA_UPLOAD_MAX_NUMBER_FIELDS equals `MAX_POSTED_FIELDS` (a test compares them), so the
largest page a planner can build always reaches the form instead of failing with "400 Bad
Request". Pure Python (no Django import).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SPAN_YEARS = (
    5  # fiscal years of one initiative (idd.reference.choices.MAX_SPAN_YEARS, checked by a test)
)

# Fields every row of a formset posts besides its own: its hidden id, the hidden id of
# the row (or initiative) it belongs to, and its "Remove" checkbox.
ROW_CONTROLS = 3
# TOTAL_FORMS, INITIAL_FORMS, MIN_NUM_FORMS and MAX_NUM_FORMS of each formset.
MANAGEMENT_FIELDS = 4
# The CSRF token, the version read, the values read (one field) and the button pressed.
PAGE_CONTROLS = 4
# After a conflict, each field both editors changed also posts its name and the choice
# of which change to keep.
CONFLICT_FIELDS_PER_FIELD = 2


@dataclass(frozen=True)
class RowKind:
    """One kind of row: how many a page holds and what each posts."""

    most: int  # rows of this kind on one page
    fields: int  # fields the planner fills in, in one row
    extra_values: int = 0  # further values of a multiple choice (one per ticked box)

    @property
    def posted_per_row(self) -> int:
        return ROW_CONTROLS + self.fields * (1 + CONFLICT_FIELDS_PER_FIELD) + self.extra_values

    @property
    def posted(self) -> int:
        return MANAGEMENT_FIELDS + self.most * self.posted_per_row


PRIOR_ASSISTANCE = RowKind(most=12, fields=4)
DELIVERABLES = RowKind(most=200, fields=7)
# A U.S. input may be matched to every partner deliverable: one ticked box each.
US_INPUTS = RowKind(most=200, fields=6, extra_values=DELIVERABLES.most - 1)
INDICATORS = RowKind(most=10, fields=4)  # per objective
OBJECTIVES = RowKind(most=20, fields=2)  # per fiscal year, each with its indicators
RISKS = RowKind(most=100, fields=6)

# Plain fields of the steps that have them (context, sustainment, commitment ratings).
CONTEXT_FIELDS = 4
COMMITMENT_FIELDS = 16


def _own(fields: int) -> int:
    return fields * (1 + CONFLICT_FIELDS_PER_FIELD)


def posted_by_step() -> dict[str, int]:
    """The most fields each step with rows posts, every kind of row at its cap."""
    objective = OBJECTIVES.posted_per_row + INDICATORS.posted  # its indicators nested inside
    objectives_per_year = MANAGEMENT_FIELDS + OBJECTIVES.most * objective
    return {
        "context": _own(CONTEXT_FIELDS) + PRIOR_ASSISTANCE.posted,
        "deliverables": DELIVERABLES.posted,
        "us-inputs": US_INPUTS.posted,
        "objectives": MAX_SPAN_YEARS * objectives_per_year,
        "commitment": _own(COMMITMENT_FIELDS),
        "risks": RISKS.posted,
    }


MAX_POSTED_FIELDS = PAGE_CONTROLS + max(posted_by_step().values())
