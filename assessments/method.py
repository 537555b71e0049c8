"""The commitment assessment method: every weight, threshold and label in one place.

This method is ours, derived from Reynolds, "The Security Cooperation Dilemma": political
commitment is a function of risk, and it is observed in what the partner does, never taken
from verbal assurances or from accepting gifts. `assessments.scoring.assess` applies it;
nothing else holds a number. docs/commitment-method.md states every rule in full.

Version 3, in short
    Demonstrated commitment (0-100, the headline) counts costly acts only: deliverables of
    political risk HIGH_POLITICAL_RISK or more that are due (or delivered in full early); the
    risk-weighted share delivered (credit: delivered 1, partial 0.5, else 0). It is not a
    number when the plan holds nothing costly (CANNOT_BE_DEMONSTRATED) or nothing costly is
    due yet (NOT_YET_OBSERVABLE). Delivery record (0-100) is the same share over every due
    deliverable: reliability, not commitment (version 2 called it demonstrated commitment).
    A delivery after its due quarter still counts, "N months late"; overdue (due, not
    delivered) is derived from the date. The quadrant's political axis is high only when
    a costly act was delivered and demonstrated commitment is QUADRANT_DEMONSTRATED or more.

Version 4 adds the U.S. side of the ledger
    U.S. delivery record (0-100): of the U.S. inputs due (their planned quarter, or fiscal
    year when no quarter is given, has ended) or delivered in full early, the share
    delivered (US_CREDIT: delivered 1, partial 0.5). Canceled inputs leave the count; so do
    inputs held back because a partner deliverable they are gated on is not delivered
    (weak conditionality working, not a U.S. failure). It never changes demonstrated
    commitment. Abandonment risk (a flag): a U.S. input whose gating deliverables were all
    delivered is overdue by more than ABANDONMENT_GRACE_MONTHS, or the U.S. delivery record
    is below US_RECORD_LOW with US_RECORD_LOW_MIN_DUE or more inputs due.
"""

from dataclasses import dataclass
from enum import StrEnum

# Version of this method; stored results carry it, and are shown with the version they
# were computed with. 2: the flag for a U.S. input ahead of the partner. 3: demonstrated
# commitment from costly acts only, the delivery record, lateness, the slipping timeline.
# 4: the U.S. delivery record and the abandonment-risk flag.
METHOD_VERSION = 4
# The first version whose results carry delivery_record and the figures' states.
COSTLY_ACTS_VERSION = 3
# The first version whose results carry the U.S. delivery record.
US_DELIVERY_VERSION = 4


def demonstrated_meaning(version: int) -> int:
    """Versions whose demonstrated commitment means the same share get the same number: from
    COSTLY_ACTS_VERSION on it counts costly acts (version 4 added the U.S. side beside it,
    not a new meaning), so the trend joins a version-3 point to a version-4 one."""
    return min(version, COSTLY_ACTS_VERSION)


# --- Partner deliverable statuses (values are stored as database choices) ---------------
PLANNED = "planned"
VERBAL_ONLY = "verbal_only"
DELIVERED = "delivered"
PARTIAL = "partial"
MISSED = "missed"
CANCELLED = "cancelled"
# Version 2 only: "late" meant due and not delivered yet, which version 3 derives from the
# date (overdue). Kept so stored version-2 inputs still read; never offered as a choice.
LATE = "late"

# (value, label) for forms and filters.
DELIVERABLE_STATUSES: tuple[tuple[str, str], ...] = (
    (PLANNED, "Planned"),
    (VERBAL_ONLY, "Verbal assurance only"),
    (DELIVERED, "Delivered"),
    (PARTIAL, "Partially delivered"),
    (MISSED, "Missed"),
    (CANCELLED, "Canceled"),
)

# Credit a status earns: only actions count; words, delays and cancellations earn nothing.
CREDIT: dict[str, float] = {
    PLANNED: 0.0,
    VERBAL_ONLY: 0.0,
    DELIVERED: 1.0,
    PARTIAL: 0.5,
    MISSED: 0.0,
    CANCELLED: 0.0,
    LATE: 0.0,
}

# Statuses counted before the deliverable falls due: full delivery only, so acting early
# can only raise the score (a partial delivery counts once it is due).
COUNTED_EARLY: frozenset[str] = frozenset({DELIVERED})

# Statuses in which the partner has actually taken on the deliverable's political risk;
# only these carry the date they were delivered on.
RISK_TAKEN: frozenset[str] = frozenset({DELIVERED, PARTIAL})

# Statuses still owed: past the due date they are overdue (derived, never stored).
OUTSTANDING: frozenset[str] = frozenset({PLANNED, VERBAL_ONLY, LATE})


# --- U.S. input statuses (values are stored as database choices) ------------------------
# (value, label) of what the U.S. did about one input, recorded after approval.
US_INPUT_STATUSES: tuple[tuple[str, str], ...] = (
    (PLANNED, "Planned"),
    (DELIVERED, "Delivered"),
    (PARTIAL, "Partially delivered"),
    (CANCELLED, "Canceled"),
)
# Credit a U.S. input earns in the U.S. delivery record; a canceled one leaves the count.
US_CREDIT: dict[str, float] = {PLANNED: 0.0, DELIVERED: 1.0, PARTIAL: 0.5, CANCELLED: 0.0}
# Statuses of a U.S. input that carry the day it was delivered (in full or in part).
US_DELIVERED: frozenset[str] = frozenset({DELIVERED, PARTIAL})


class FigureState(StrEnum):
    """Whether a figure is a number, and if not, why not (stored in results as the value)."""

    MEASURED = "measured"
    NOT_YET_OBSERVABLE = "not_yet_observable"
    CANNOT_BE_DEMONSTRATED = "cannot_be_demonstrated"
    # A figure the result's method version did not compute (delivery record before v3).
    NOT_IN_VERSION = "not_in_version"


# What a figure that is not a number reads as.
STATE_LABELS: dict[str, str] = {
    FigureState.NOT_YET_OBSERVABLE: "Not yet observable",
    FigureState.CANNOT_BE_DEMONSTRATED: (
        "Cannot be demonstrated: nothing in the plan costs the partner anything"
    ),
    FigureState.NOT_IN_VERSION: "Not part of this method version",
}

# --- Rating scale ------------------------------------------------------------------------
# Every planner rating and every political-risk value is on this 1-5 scale.
SCALE_MIN = 1
SCALE_MAX = 5

# Political risk of a partner deliverable: (value, label, examples). Weight in the score.
POLITICAL_RISK_SCALE: tuple[tuple[int, str, str], ...] = (
    (1, "Costless", "accept equipment, attend training"),
    (2, "Administrative", "designate a unit, assign personnel, sign an agreement"),
    (3, "Budgetary", "fund sustainment, raise pay"),
    (4, "Institutional reform", "merit-based promotion, recruitment reform"),
    (
        5,
        "High political exposure",
        "legislative action, publicly committing or deploying forces into contested areas",
    ),
)
# Short label per political-risk value, e.g. POLITICAL_RISK_LABELS[3] == "Budgetary".
POLITICAL_RISK_LABELS: dict[int, str] = {value: label for value, label, _ in POLITICAL_RISK_SCALE}
# (value, label) for forms: "3 – Budgetary: fund sustainment, raise pay".
POLITICAL_RISK_CHOICES: tuple[tuple[int, str], ...] = tuple(
    (value, f"{value} – {label}: {examples}") for value, label, examples in POLITICAL_RISK_SCALE
)

# --- Thresholds --------------------------------------------------------------------------
# Physical risk at or above this is high: a real threat to the partner drives commitment.
HIGH_PHYSICAL_RISK = 3
# Political risk at or above this (budgetary) is costly: it demonstrates commitment, and
# only such deliverables count in demonstrated commitment.
HIGH_POLITICAL_RISK = 3
# Political risk at or above this is institutional reform: slow, so not due in year one.
REFORM_RISK = 4
# Stated willingness this many points or more above demonstrated commitment is rhetorical.
RHETORIC_GAP = 30
# Stated willingness (0-100) at or above this is high: rhetorical when nothing costly in the
# plan could test it, or costly deliverables fell due undelivered (4 of 5 on average).
HIGH_STATED_WILLINGNESS = 75
# Demonstrated commitment at or above this (with a costly act delivered) puts the quadrant's
# political axis high; below it, or not a number, the axis is low.
QUADRANT_DEMONSTRATED = 50
# This many slipped deliverables (delivered late, or overdue) or more: re-plan the timeline.
SLIPPED_FOR_REPLAN = 3
# Deliverables a year the partner can absorb per point of absorptive capacity (1-5 mean):
# capacity 1 supports 2 conditions a year, capacity 5 supports 10.
CONDITIONS_PER_CAPACITY_POINT = 2
# A U.S. input whose partner deliverables were all delivered, overdue by more than this
# many months (one quarter) after its planned quarter ended (or after the last of them was
# delivered, if later): the partner paid the political price and waits. Abandonment risk.
ABANDONMENT_GRACE_MONTHS = 3
# A U.S. delivery record below this, with US_RECORD_LOW_MIN_DUE or more U.S. inputs due,
# is abandonment risk too: the U.S. is not doing what it promised.
US_RECORD_LOW = 50
US_RECORD_LOW_MIN_DUE = 2
# Decimal places kept for floats in stored results (means of 1-5 ratings are exact at 2).
FLOAT_PLACES = 2

# --- Categories --------------------------------------------------------------------------
# The deliverable category that shows the partner paying to sustain what it is given.
SUSTAINMENT_CATEGORY = "sustainment_funding"
# The U.S. input category that needs partner-funded sustainment.
EQUIPMENT_CATEGORY = "equipment"
CONSTRUCTION_CATEGORY = "construction"  # its location, title and cost go to Congress

# (value, label) of partner deliverable categories.
DELIVERABLE_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("unit_designation", "Unit designated"),
    ("personnel", "Personnel assigned"),
    ("budget", "Budget line passed"),
    (SUSTAINMENT_CATEGORY, "Sustainment funded"),
    ("pay_recruitment", "Pay or recruitment raised"),
    ("merit_promotion", "Merit-based promotion"),
    ("facilities", "Facilities provided"),
    ("employment", "Trained unit employed"),
    ("legislation", "Legislation passed"),
    ("other", "Other"),
)

# (value, label) of U.S. input categories.
US_INPUT_CATEGORIES: tuple[tuple[str, str], ...] = (
    (EQUIPMENT_CATEGORY, "Equipment"),
    ("training", "Training"),
    (CONSTRUCTION_CATEGORY, "Construction"),
    ("advisory", "Advisory"),
    ("other", "Other"),
)

# --- Planner ratings ---------------------------------------------------------------------
# Parts of stated willingness (field name, label), averaged into one 0-100 figure.
WILLINGNESS_RATINGS: tuple[tuple[str, str], ...] = (
    ("motivation", "Motivation"),
    ("intensity", "Intensity"),
    ("salience", "Salience to the decision maker"),
)
# Parts of absorptive capacity (field name, label), averaged into one 1-5 figure.
CAPACITY_RATINGS: tuple[tuple[str, str], ...] = (
    ("personnel", "Personnel"),
    ("budget", "Budget"),
    ("maintenance", "Maintenance and logistics"),
    ("institutions", "Institutions"),
)

# --- Quadrants ---------------------------------------------------------------------------
COMMITTED = "committed"
DEPENDENT = "dependent"
INVESTED = "invested"
FALSE_COMMITMENT_RISK = "false_commitment_risk"

# (physical risk high, political risk accepted high) -> quadrant.
QUADRANT_OF: dict[tuple[bool, bool], str] = {
    (True, True): COMMITTED,
    (True, False): DEPENDENT,
    (False, True): INVESTED,
    (False, False): FALSE_COMMITMENT_RISK,
}
# Display label per quadrant.
QUADRANT_LABELS: dict[str, str] = {
    COMMITTED: "Committed",
    DEPENDENT: "Dependent",
    INVESTED: "Invested",
    FALSE_COMMITMENT_RISK: "False-commitment risk",
}
# One sentence per quadrant, for the chart legend and the explanation.
QUADRANT_DESCRIPTIONS: dict[str, str] = {
    COMMITTED: "A real threat, and the partner is spending political capital to meet it.",
    DEPENDENT: "A real threat, but the partner is not yet spending political capital: "
    "it may be relying on U.S. support instead.",
    INVESTED: "No pressing threat, yet the partner is spending political capital on the change.",
    FALSE_COMMITMENT_RISK: "No pressing threat and no costly action: grant assistance alone "
    "can produce commitment in words only.",
}
# Label shown while physical risk is unrated.
UNPLACED_LABEL = "Not placed"

# --- Flags -------------------------------------------------------------------------------
WARNING = "warning"  # the plan, or the partner's record, undermines the assessment
INFO = "info"  # a planning-realism concern worth a second look

NO_COSTLY_DELIVERABLE = "no_costly_deliverable"
UNVERIFIABLE_DELIVERABLE = "unverifiable_deliverable"
UNMATCHED_US_INPUT = "unmatched_us_input"
US_INPUT_AHEAD_OF_PARTNER = "us_input_ahead_of_partner"
EQUIPMENT_WITHOUT_SUSTAINMENT = "equipment_without_sustainment"
EARLY_REFORM = "early_reform"
CONDITIONS_EXCEED_CAPACITY = "conditions_exceed_capacity"
RHETORICAL_COMMITMENT = "rhetorical_commitment"
SLIPPING_TIMELINE = "slipping_timeline"
ABANDONMENT_RISK = "abandonment_risk"

# Guided-form steps where a plan check is shown next to the rows it names.
DELIVERABLES_STEP = "deliverables"
US_INPUTS_STEP = "us_inputs"


@dataclass(frozen=True)
class FlagRule:
    """The fixed wording of one flag; the records come from the plan."""

    title: str
    rule_text: str
    action: str
    severity: str
    # The guided-form step where the planner fixes it (a plan check), or None when the
    # flag is about the partner's record rather than the plan as written.
    step: str | None = None


# Every flag rule, in the order flags are shown.
FLAG_RULES: dict[str, FlagRule] = {
    NO_COSTLY_DELIVERABLE: FlagRule(
        title="No costly partner deliverable",
        rule_text=f"No partner deliverable in the plan has political risk {HIGH_POLITICAL_RISK} "
        "(budgetary) or more, so nothing the partner does could demonstrate commitment.",
        action="Add a dated, verifiable deliverable that costs the partner something: fund "
        "sustainment from its own budget, raise pay, reform promotion, or employ the unit.",
        severity=WARNING,
        step=DELIVERABLES_STEP,
    ),
    UNVERIFIABLE_DELIVERABLE: FlagRule(
        title="Deliverable cannot be verified",
        rule_text="A partner deliverable has no verification method, so its delivery "
        "cannot be observed.",
        action="Write the observable evidence for each (a document, an inspection, a report) "
        "and who will record it.",
        severity=WARNING,
        step=DELIVERABLES_STEP,
    ),
    UNMATCHED_US_INPUT: FlagRule(
        title="U.S. input not matched to a partner deliverable",
        rule_text="A U.S. input is matched to no partner deliverable: it is a gift, and "
        "accepting a gift shows no commitment.",
        action="Match each U.S. input to the partner deliverable it is gated on, or remove it.",
        severity=WARNING,
        step=US_INPUTS_STEP,
    ),
    US_INPUT_AHEAD_OF_PARTNER: FlagRule(
        title="U.S. input ahead of the partner",
        rule_text="A U.S. input is planned in a fiscal year before any partner deliverable "
        "it is gated on falls due (or, when its quarter is given, in or before that "
        "deliverable's due quarter), and none is delivered yet: the U.S. would give before "
        "the partner acts.",
        action="Plan the input after its first partner deliverable is due (a later quarter, "
        "or at least the same year when its quarter is not given), or gate it on a "
        "deliverable due earlier.",
        severity=WARNING,
        step=US_INPUTS_STEP,
    ),
    EQUIPMENT_WITHOUT_SUSTAINMENT: FlagRule(
        title="Equipment with no partner-funded sustainment",
        rule_text="The plan gives equipment but has no partner deliverable that funds sustainment.",
        action="Give the partner deliverable that pays for maintenance and operation from the "
        "partner's own budget the category “Sustainment funded” (a budget line for fuel "
        "and spare parts is one), or add one.",
        severity=WARNING,
        step=US_INPUTS_STEP,
    ),
    EARLY_REFORM: FlagRule(
        title="Institutional reform scheduled in the first year",
        rule_text=f"A deliverable of political risk {REFORM_RISK} or more (institutional "
        "reform or political exposure) is due in the first fiscal year; reform is slow "
        "and contested.",
        action="Move it to a later year and schedule the smaller steps that lead to it first.",
        severity=INFO,
        step=DELIVERABLES_STEP,
    ),
    CONDITIONS_EXCEED_CAPACITY: FlagRule(
        title="More conditions than the partner can absorb",
        rule_text="A fiscal year has more partner deliverables due than absorptive capacity "
        f"supports: at most capacity x {CONDITIONS_PER_CAPACITY_POINT} a year, halves rounded "
        "up. Over-ambitious conditionality erodes commitment.",
        action="Spread the deliverables over more years or drop the least essential ones.",
        severity=INFO,
        step=DELIVERABLES_STEP,
    ),
    RHETORICAL_COMMITMENT: FlagRule(
        title="Rhetorical commitment",
        rule_text=f"Stated willingness is {RHETORIC_GAP} or more points above demonstrated "
        f"commitment, or it is high ({HIGH_STATED_WILLINGNESS} or more of 100) while nothing "
        "costly in the plan could test it or costly deliverables fell due undelivered: the "
        "partner says more than it does.",
        action="Rely on deliverables, not assurances: gate further U.S. inputs on costly "
        "deliverables and re-assess when the next ones fall due.",
        severity=WARNING,
    ),
    SLIPPING_TIMELINE: FlagRule(
        title="The timeline is not realistic: re-plan",
        rule_text=f"{SLIPPED_FOR_REPLAN} or more partner deliverables slipped (delivered after "
        "their due quarter, or overdue: due and not delivered). A late delivery still counts; "
        "repeated slips say the schedule, not the partner, needs changing.",
        action="Re-plan the remaining deliverables on dates the partner can meet, and gate "
        "the U.S. inputs on the new dates; strategic patience, not punishment.",
        severity=INFO,
    ),
    ABANDONMENT_RISK: FlagRule(
        title="Abandonment risk: the U.S. is not delivering",
        rule_text="A U.S. input whose gating partner deliverables were all delivered is "
        f"overdue by more than {ABANDONMENT_GRACE_MONTHS} months (one quarter): the partner "
        "paid the political price and the U.S. has not delivered. Also raised when the U.S. "
        f"delivery record is below {US_RECORD_LOW} with {US_RECORD_LOW_MIN_DUE} or more U.S. "
        "inputs due.",
        action="Escalate the U.S. delivery, or tell the partner why it is late and when it "
        "will come; record the cause of the delay on the U.S. input.",
        severity=WARNING,
    ),
}
