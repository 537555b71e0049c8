"""Hand-computed examples of the commitment assessment method, one rule at a time.

Each test shows its arithmetic. Demonstrated = 100 x sum(credit x risk) / sum(risk), with
credit delivered 1, partial 0.5, anything else 0, halves rounded up.
"""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from assessments import method
from assessments.method import CANCELLED, DELIVERED, MISSED, PARTIAL, PLANNED, VERBAL_ONLY
from assessments.scoring import (
    AssessmentInputs,
    CommitmentResult,
    Deliverable,
    Flag,
    PlannerRatings,
    Rating,
    USInput,
    assess,
)

AS_OF = date(2027, 9, 30)  # last day of FY2027
FIRST_FY = 2027


def deliverable(
    id: int,
    risk: int,
    status: str,
    *,
    fy: int = FIRST_FY,
    q: int = 1,
    category: str = "other",
    verified: bool = True,
    title: str = "",
) -> Deliverable:
    return Deliverable(
        id=id,
        title=title or f"Deliverable {id}",
        category=category,
        political_risk=risk,
        status=status,
        fiscal_year=fy,
        quarter=q,
        has_verification=verified,
    )


def us_input(
    id: int, category: str = "training", matched: tuple[int, ...] = (1,), title: str = ""
) -> USInput:
    return USInput(
        id=id,
        title=title or f"Input {id}",
        category=category,
        fiscal_year=FIRST_FY,
        estimated_cost=None,
        matched_deliverable_ids=matched,
    )


def ratings(
    physical: int | None = None,
    willingness: tuple[int | None, int | None, int | None] = (None, None, None),
    capacity: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None),
) -> PlannerRatings:
    motivation, intensity, salience = (Rating(s, "why") for s in willingness)
    personnel, budget, maintenance, institutions = (Rating(s, "evidence") for s in capacity)
    return PlannerRatings(
        physical_risk=Rating(physical, "threat"),
        motivation=motivation,
        intensity=intensity,
        salience=salience,
        personnel=personnel,
        budget=budget,
        maintenance=maintenance,
        institutions=institutions,
    )


def plan(
    *deliverables: Deliverable,
    us_inputs: tuple[USInput, ...] = (),
    as_of: date = AS_OF,
    planner: PlannerRatings | None = None,
) -> AssessmentInputs:
    return AssessmentInputs(
        as_of=as_of,
        first_fiscal_year=FIRST_FY,
        last_fiscal_year=FIRST_FY + 4,
        deliverables=deliverables,
        us_inputs=us_inputs,
        ratings=planner or ratings(),
    )


def flag(result: CommitmentResult, rule: str) -> Flag | None:
    return next((f for f in result.flags if f.rule == rule), None)


# --- Delivery record (version 2's demonstrated commitment: every due deliverable) ---


def test_demonstrated_is_the_risk_weighted_share_delivered_of_what_is_due() -> None:
    # Due by 30 Sep 2027: 3x1 + 2x0.5 + 4x0 + 1x1 + 5x0 = 5 of 3+2+4+1+5 = 15 -> 33.3 -> 33.
    # The FY2028 deliverable is not due and not delivered: not counted.
    result = assess(
        plan(
            deliverable(1, 3, DELIVERED),
            deliverable(2, 2, PARTIAL, q=2),
            deliverable(3, 4, MISSED, q=3),
            deliverable(4, 1, DELIVERED, q=4),
            deliverable(5, 5, PLANNED, q=4),
            deliverable(6, 5, PLANNED, fy=2028),
        )
    )
    assert result.delivery_record == 33
    assert result.delivery_due_count == 5
    assert result.delivery_record_explanation == (
        "Reliability, not commitment: "
        "2 of 5 partner deliverables due by 30 Sep 2027 delivered, 1 partially; "
        "risk-weighted 33% (5 of 15 political-risk points)."
    )


def test_nothing_due_yet_is_not_yet_observable_rather_than_zero() -> None:
    # On 1 Oct 2026 (first day of FY2027) the earliest deliverable is due 31 Dec 2026.
    result = assess(
        plan(
            deliverable(1, 3, PLANNED, q=1),
            deliverable(2, 2, VERBAL_ONLY, q=3),
            as_of=date(2026, 10, 1),
        )
    )
    assert result.delivery_record is None
    assert result.delivery_due_count == 0
    assert result.delivery_record_explanation == (
        "Reliability, not commitment: "
        "Not yet observable: no partner deliverable is due by 1 Oct 2026. "
        "The first falls due on 31 Dec 2026."
    )


def test_a_plan_without_deliverables_is_not_yet_observable() -> None:
    result = assess(plan())
    assert result.delivery_record is None
    assert result.delivery_record_explanation == (
        "Reliability, not commitment: "
        "Not yet observable: no partner deliverable is due by 30 Sep 2027."
    )


@pytest.mark.parametrize(
    ("q", "as_of", "counted"),
    [
        (1, date(2026, 12, 30), False),  # Q1 of FY2027 ends 31 Dec 2026
        (1, date(2026, 12, 31), True),
        (4, date(2027, 9, 29), False),  # Q4 of FY2027 ends 30 Sep 2027
        (4, date(2027, 9, 30), True),
    ],
)
def test_a_deliverable_is_due_from_the_last_day_of_its_quarter(
    q: int, as_of: date, counted: bool
) -> None:
    # Missed and due: 0 of 2 -> 0. Not yet due: nothing counted -> None.
    result = assess(plan(deliverable(1, 2, MISSED, q=q), as_of=as_of))
    assert result.delivery_record == (0 if counted else None)
    assert result.delivery_due_count == (1 if counted else 0)


def test_everything_missed_scores_zero_not_none() -> None:
    # 0 of 3 + 2 + 5 = 10 -> 0.
    result = assess(
        plan(deliverable(1, 3, MISSED), deliverable(2, 2, MISSED), deliverable(3, 5, MISSED))
    )
    assert result.delivery_record == 0
    assert result.delivery_record_explanation == (
        "Reliability, not commitment: "
        "0 of 3 partner deliverables due by 30 Sep 2027 delivered; "
        "risk-weighted 0% (0 of 10 political-risk points)."
    )


def test_partial_deliveries_earn_half_credit() -> None:
    # 4x0.5 + 2x0.5 = 3 of 6 -> 50.
    result = assess(plan(deliverable(1, 4, PARTIAL), deliverable(2, 2, PARTIAL)))
    assert result.delivery_record == 50
    assert result.delivery_due_count == 2


def test_halves_round_up() -> None:
    # 1x0.5 + 3x0 = 0.5 of 4 -> 12.5 -> 13.
    result = assess(plan(deliverable(1, 1, PARTIAL), deliverable(2, 3, MISSED)))
    assert result.delivery_record == 13


def test_delivering_early_counts_at_once() -> None:
    # Due: 2x0 (missed). Delivered early in FY2029: 3x1. 3 of 5 -> 60.
    missed = deliverable(1, 2, MISSED)
    early = assess(plan(missed, deliverable(2, 3, DELIVERED, fy=2029)))
    assert early.delivery_record == 60
    assert early.delivery_due_count == 2
    assert early.delivery_record_explanation == (
        "Reliability, not commitment: "
        "1 of 2 partner deliverables due by 30 Sep 2027 (including 1 delivered early) "
        "delivered; risk-weighted 60% (3 of 5 political-risk points)."
    )
    # The same deliverable still planned is not due: 0 of 2 -> 0.
    assert assess(plan(missed, deliverable(2, 3, PLANNED, fy=2029))).delivery_record == 0


def test_only_early_deliveries_are_explained_as_none_due_yet() -> None:
    # Nothing due by 30 Sep 2027; two FY2029 deliverables in early: 3x1 + 2x1 = 5 of 5 -> 100.
    result = assess(
        plan(deliverable(1, 3, DELIVERED, fy=2029), deliverable(2, 2, DELIVERED, fy=2029))
    )
    assert result.delivery_record == 100
    assert result.delivery_record_explanation == (
        "Reliability, not commitment: "
        "No partner deliverable is due by 30 Sep 2027; 2 deliverables delivered in full "
        "ahead of time count at once; risk-weighted 100% (5 of 5 political-risk points)."
    )


def test_partial_delivery_ahead_of_time_counts_only_when_due() -> None:
    # Due: 1x1 = 1 of 1 -> 100. The FY2029 partial is not owed yet; counting it now would
    # give (1 + 2.5) / 6 = 58, lower than if the partner had done nothing.
    inputs = plan(deliverable(1, 1, DELIVERED), deliverable(2, 5, PARTIAL, fy=2029))
    result = assess(inputs)
    assert result.delivery_record == 100
    assert result.delivery_due_count == 1
    assert result.delivery_record_explanation.endswith(
        "1 deliverable delivered in part ahead of the due date will count when due."
    )
    # The political risk it carries is accepted already: 1x1 + 5x0.5 = 3.5, highest 5.
    assert result.risk_accepted_points == 3.5
    assert result.highest_risk_accepted == 5
    # On 31 Dec 2028 (FY2029 Q1 due) it counts: 1 + 2.5 = 3.5 of 6 -> 58.3 -> 58.
    later = assess(replace(inputs, as_of=date(2028, 12, 31)))
    assert later.delivery_record == 58


def test_verbal_assurances_and_cancellations_count_nothing_but_stay_due() -> None:
    # 3x1 + 4x0 (verbal only) + 3x0 (canceled) = 3 of 10 -> 30.
    delivered = deliverable(1, 3, DELIVERED)
    result = assess(
        plan(delivered, deliverable(2, 4, VERBAL_ONLY), deliverable(3, 3, CANCELLED, q=2))
    )
    assert result.delivery_record == 30
    assert result.delivery_due_count == 3
    # Without them: 3 of 3 -> 100. Words and cancellations only ever lower the score.
    assert assess(plan(delivered)).delivery_record == 100


def test_verbal_and_canceled_deliverables_not_yet_due_are_not_counted() -> None:
    # Only the due delivered one counts: 3 of 3 -> 100.
    result = assess(
        plan(
            deliverable(1, 3, DELIVERED),
            deliverable(2, 4, VERBAL_ONLY, fy=2029),
            deliverable(3, 5, CANCELLED, fy=2029),
        )
    )
    assert (result.delivery_record, result.delivery_due_count) == (100, 1)


# --- Political risk accepted -------------------------------------------------------------


def test_political_risk_accepted_comes_from_delivered_and_partial_only() -> None:
    # 2x1 + 3x0.5 = 3.5 points; the missed 5 and the verbal 4 accept nothing. Highest: 3.
    result = assess(
        plan(
            deliverable(1, 2, DELIVERED, title="Designate the battalion"),
            deliverable(2, 3, PARTIAL, title="Fund battalion fuel budget"),
            deliverable(3, 5, MISSED),
            deliverable(4, 4, VERBAL_ONLY),
        )
    )
    assert result.risk_accepted_points == 3.5
    assert result.highest_risk_accepted == 3
    assert result.risk_accepted_explanation == (
        "Highest political risk accepted: 3 (Budgetary), through “Fund battalion fuel budget”; "
        "high (3 or more). 3.5 political-risk points accepted over 2 deliverables "
        "delivered in full or in part."
    )


def test_many_deliverables_at_the_highest_risk_are_counted_not_listed() -> None:
    result = assess(
        plan(
            deliverable(1, 4, DELIVERED, title="Pass the law, in full"),
            deliverable(2, 4, DELIVERED, title="Raise pay"),
            deliverable(3, 4, PARTIAL, title="Merit boards"),
        )
    )
    assert "through 3 deliverables, the first “Pass the law, in full”;" in (
        result.risk_accepted_explanation
    )
    two = assess(
        plan(
            deliverable(1, 4, DELIVERED, title="Pass the law, in full"),
            deliverable(2, 4, DELIVERED, title="Raise pay"),
        )
    )
    assert "through “Pass the law, in full” and “Raise pay”;" in two.risk_accepted_explanation


def test_no_political_risk_accepted_before_anything_is_delivered() -> None:
    result = assess(plan(deliverable(1, 4, PLANNED), deliverable(2, 3, MISSED)))
    assert (result.risk_accepted_points, result.highest_risk_accepted) == (0.0, 0)
    assert result.risk_accepted_explanation == (
        "No partner deliverable has been delivered, in full or in part: "
        "no political risk accepted yet, low (below 3)."
    )


def test_delivering_only_costless_deliverables_scores_100_yet_accepts_low_risk() -> None:
    # 2x1 + 1x1 = 3 of 3 -> 100, but the highest risk accepted is 2 (below 3): low.
    # With physical risk 4 (high) the partner is dependent, and the plan is flagged.
    result = assess(
        plan(deliverable(1, 2, DELIVERED), deliverable(2, 1, DELIVERED), planner=ratings(4))
    )
    # Version 3: a record of 100, but nothing costly, so commitment cannot be demonstrated.
    assert (result.delivery_record, result.demonstrated) == (100, None)
    assert result.demonstrated_state == method.FigureState.CANNOT_BE_DEMONSTRATED
    assert result.highest_risk_accepted == 2
    assert result.quadrant == method.DEPENDENT
    assert flag(result, method.NO_COSTLY_DELIVERABLE) is not None


# --- Stated willingness, absorptive capacity, gap ----------------------------------------


@pytest.mark.parametrize(
    ("willingness", "expected"),
    [
        ((4, 5, 3), 75),  # mean 4: (4 - 1) / 4 x 100 = 75
        ((1, 1, 1), 0),  # mean 1: 0
        ((5, 5, 5), 100),  # mean 5: 100
        ((5, 5, 4), 92),  # mean 14/3: (11/3) / 4 x 100 = 91.7 -> 92
        ((1, 1, 2), 8),  # mean 4/3: (1/3) / 4 x 100 = 8.3 -> 8
    ],
)
def test_stated_willingness_rescales_the_mean_rating_to_0_100(
    willingness: tuple[int, int, int], expected: int
) -> None:
    assert assess(plan(planner=ratings(willingness=willingness))).stated_willingness == expected


def test_absorptive_capacity_is_the_mean_of_four_ratings() -> None:
    # (3 + 2 + 2 + 3) / 4 = 2.5
    result = assess(plan(planner=ratings(capacity=(3, 2, 2, 3))))
    assert result.absorptive_capacity == 2.5


@pytest.mark.parametrize(
    "willingness", [(None, 4, 4), (4, None, 4), (4, 4, None), (None, None, None)]
)
def test_any_unrated_willingness_part_leaves_willingness_and_gap_empty(
    willingness: tuple[int | None, int | None, int | None],
) -> None:
    result = assess(plan(deliverable(1, 3, DELIVERED), planner=ratings(willingness=willingness)))
    assert result.stated_willingness is None
    assert result.gap is None
    assert result.gap_explanation == (
        "No gap computed: stated willingness is not fully rated (motivation, intensity, salience)."
    )


def test_any_unrated_capacity_part_leaves_capacity_empty() -> None:
    assert assess(plan(planner=ratings(capacity=(3, 3, None, 3)))).absorptive_capacity is None


def test_gap_is_stated_minus_demonstrated() -> None:
    # Stated (4, 5, 3) -> 75. Demonstrated, costly acts only (v3): 3x1 + 4x0 + 5x0 = 3 of 12
    # -> 25 (the risk-2 partial and the risk-1 delivery do not count). Gap: 75 - 25 = 50.
    result = assess(
        plan(
            deliverable(1, 3, DELIVERED),
            deliverable(2, 2, PARTIAL),
            deliverable(3, 4, MISSED),
            deliverable(4, 1, DELIVERED),
            deliverable(5, 5, PLANNED),
            planner=ratings(willingness=(4, 5, 3)),
        )
    )
    assert result.gap == 50
    assert result.gap_explanation == (
        "Stated willingness 75 minus demonstrated commitment 25: gap of 50 points, "
        "at or above the 30-point threshold for rhetorical commitment."
    )


def test_no_gap_while_demonstrated_is_not_yet_observable() -> None:
    costly_not_due = deliverable(1, 3, PLANNED)
    result = assess(
        plan(costly_not_due, as_of=date(2026, 10, 1), planner=ratings(willingness=(5, 5, 5)))
    )
    assert result.stated_willingness == 100
    assert result.gap is None
    assert result.gap_explanation == (
        "No gap computed: demonstrated commitment is not yet observable "
        "(no costly deliverable due yet)."
    )


# --- Quadrant ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("physical", "delivered", "quadrant", "label"),
    [
        # Physical 3 is high (3 or more); a partial risk-3 deliverable is risk accepted 3: high.
        (3, deliverable(1, 3, PARTIAL), method.COMMITTED, "Committed"),
        # Physical 5 high; delivered risk 2 only: low.
        (5, deliverable(1, 2, DELIVERED), method.DEPENDENT, "Dependent"),
        # Physical 2 is low (below 3); delivered risk 4: high.
        (2, deliverable(1, 4, DELIVERED), method.INVESTED, "Invested"),
        # Physical 1 low; risk 5 missed, so nothing accepted (0): low.
        (1, deliverable(1, 5, MISSED), method.FALSE_COMMITMENT_RISK, "False-commitment risk"),
    ],
)
def test_quadrant_is_physical_risk_against_political_risk_accepted(
    physical: int, delivered: Deliverable, quadrant: str, label: str
) -> None:
    result = assess(plan(delivered, planner=ratings(physical)))
    assert (result.physical_risk, result.quadrant, result.quadrant_label) == (
        physical,
        quadrant,
        label,
    )


def test_quadrant_explanation_names_both_inputs() -> None:
    result = assess(plan(deliverable(1, 2, DELIVERED), planner=ratings(4)))
    assert result.quadrant_explanation == (
        "Physical risk 4 is high (3 or more); political risk accepted is low: demonstrated "
        "commitment cannot be demonstrated (nothing costly in the plan): Dependent. "
        + method.QUADRANT_DESCRIPTIONS[method.DEPENDENT]
    )


def test_no_quadrant_while_physical_risk_is_unrated() -> None:
    result = assess(plan(deliverable(1, 4, DELIVERED)))
    assert (result.physical_risk, result.quadrant) == (None, None)
    assert result.quadrant_label == "Not placed"
    assert result.quadrant_explanation == "Not placed: physical risk is not rated yet."


# --- Flags -------------------------------------------------------------------------------


def test_no_costly_deliverable_flags_a_plan_whose_highest_risk_is_2() -> None:
    result = assess(
        plan(
            deliverable(1, 2, DELIVERED, title="Designate the battalion"),
            deliverable(2, 1, PLANNED, q=2, title="Attend training"),
        )
    )
    raised = flag(result, method.NO_COSTLY_DELIVERABLE)
    assert raised is not None
    assert raised.severity == method.WARNING
    assert raised.records == (
        "Deliverable: Designate the battalion (FY2027 Q1, political risk 2)",
        "Deliverable: Attend training (FY2027 Q2, political risk 1)",
    )


def test_a_planned_costly_deliverable_satisfies_the_rule_even_before_it_is_delivered() -> None:
    result = assess(plan(deliverable(1, 2, DELIVERED), deliverable(2, 3, PLANNED, fy=2029)))
    assert flag(result, method.NO_COSTLY_DELIVERABLE) is None


def test_a_canceled_costly_deliverable_does_not_satisfy_the_rule() -> None:
    # The only risk-4 deliverable is canceled: nothing costly is left in the plan.
    result = assess(plan(deliverable(1, 2, PLANNED), deliverable(2, 4, CANCELLED)))
    raised = flag(result, method.NO_COSTLY_DELIVERABLE)
    assert raised is not None
    assert raised.records == ("Deliverable: Deliverable 1 (FY2027 Q1, political risk 2)",)


def test_unverifiable_deliverable_lists_every_one_without_a_verification_method() -> None:
    result = assess(
        plan(
            deliverable(1, 3, PLANNED, verified=False, q=2, title="Fund battalion fuel budget"),
            deliverable(2, 3, PLANNED, verified=True),
            deliverable(3, 4, MISSED, verified=False, fy=2028, title="Merit promotion board"),
            deliverable(4, 2, CANCELLED, verified=False),  # canceled: ignored
        )
    )
    raised = flag(result, method.UNVERIFIABLE_DELIVERABLE)
    assert raised is not None
    assert raised.records == (
        "Deliverable: Fund battalion fuel budget (FY2027 Q2)",
        "Deliverable: Merit promotion board (FY2028 Q1)",
    )


def test_no_unverifiable_flag_when_every_live_deliverable_is_verifiable() -> None:
    result = assess(plan(deliverable(1, 3, PLANNED), deliverable(2, 3, CANCELLED, verified=False)))
    assert flag(result, method.UNVERIFIABLE_DELIVERABLE) is None


def test_unmatched_us_input_lists_inputs_gated_on_nothing() -> None:
    result = assess(
        plan(
            deliverable(1, 3, PLANNED),
            us_inputs=(
                us_input(1, matched=(1,)),
                us_input(2, matched=(), title="Patrol boat training"),
            ),
        )
    )
    raised = flag(result, method.UNMATCHED_US_INPUT)
    assert raised is not None
    assert raised.records == ("U.S. input: Patrol boat training (FY2027)",)


def test_a_us_input_before_every_deliverable_it_is_gated_on_is_flagged() -> None:
    # Boats in FY2027 gated on FY2028 and FY2029 deliverables: the U.S. gives first.
    boats = us_input(1, "equipment", matched=(1, 2), title="Four patrol boats")
    # Training in FY2027 gated on one FY2027 deliverable and one later: as the partner acts.
    training = us_input(2, matched=(2, 3))
    later = replace(us_input(3, matched=(1,), title="Radios"), fiscal_year=FIRST_FY + 1)
    result = assess(
        plan(
            deliverable(1, 3, PLANNED, fy=FIRST_FY + 1),
            deliverable(2, 3, PLANNED, fy=FIRST_FY + 2),
            deliverable(3, 2, PLANNED),
            us_inputs=(boats, training, later),
        )
    )
    raised = flag(result, method.US_INPUT_AHEAD_OF_PARTNER)
    assert raised is not None
    assert raised.records == (
        "U.S. input: Four patrol boats (FY2027): its first partner deliverable is due FY2028",
    )


def test_a_canceled_gate_neither_raises_nor_clears_the_ahead_flag() -> None:
    # Gated only on a canceled deliverable: no live gate, so rule 4 has nothing to compare.
    result = assess(
        plan(
            deliverable(1, 3, CANCELLED, fy=FIRST_FY + 2),
            deliverable(2, 3, PLANNED),
            us_inputs=(us_input(1, matched=(1,)),),
        )
    )
    assert flag(result, method.US_INPUT_AHEAD_OF_PARTNER) is None
    # A canceled gate due this year does not excuse an input ahead of its live gate.
    result = assess(
        plan(
            deliverable(1, 3, CANCELLED),
            deliverable(2, 3, PLANNED, fy=FIRST_FY + 1),
            us_inputs=(us_input(1, matched=(1, 2)),),
        )
    )
    assert flag(result, method.US_INPUT_AHEAD_OF_PARTNER) is not None


def test_a_gate_delivered_ahead_of_time_clears_the_ahead_flag() -> None:
    # Due in FY2029 but delivered (or partly) already: the partner acted first.
    for status in (DELIVERED, PARTIAL):
        result = assess(
            plan(
                deliverable(1, 3, status, fy=FIRST_FY + 2),
                us_inputs=(us_input(1, matched=(1,)),),
            )
        )
        assert flag(result, method.US_INPUT_AHEAD_OF_PARTNER) is None, status


def test_equipment_without_sustainment_lists_the_equipment_inputs() -> None:
    inputs = (
        us_input(1, "equipment", title="Four patrol boats"),
        us_input(2, "training"),
        us_input(3, "equipment", title="Radios"),
    )
    result = assess(plan(deliverable(1, 3, PLANNED, category="budget"), us_inputs=inputs))
    raised = flag(result, method.EQUIPMENT_WITHOUT_SUSTAINMENT)
    assert raised is not None
    assert raised.records == (
        "U.S. input: Four patrol boats (FY2027)",
        "U.S. input: Radios (FY2027)",
    )


def test_partner_funded_sustainment_clears_the_equipment_flag() -> None:
    sustainment = deliverable(1, 3, PLANNED, category=method.SUSTAINMENT_CATEGORY)
    result = assess(plan(sustainment, us_inputs=(us_input(1, "equipment"),)))
    assert flag(result, method.EQUIPMENT_WITHOUT_SUSTAINMENT) is None


def test_canceled_sustainment_funding_does_not_clear_the_equipment_flag() -> None:
    canceled = deliverable(1, 3, CANCELLED, category=method.SUSTAINMENT_CATEGORY)
    result = assess(plan(canceled, us_inputs=(us_input(1, "equipment"),)))
    assert flag(result, method.EQUIPMENT_WITHOUT_SUSTAINMENT) is not None


def test_no_equipment_no_sustainment_flag() -> None:
    result = assess(plan(deliverable(1, 3, PLANNED), us_inputs=(us_input(1, "training"),)))
    assert flag(result, method.EQUIPMENT_WITHOUT_SUSTAINMENT) is None


def test_early_reform_flags_risk_4_and_5_due_in_the_first_fiscal_year() -> None:
    result = assess(
        plan(
            deliverable(1, 4, PLANNED, q=3, title="Merit-based promotion"),
            deliverable(2, 5, PLANNED, q=4, title="Pass the defense law"),
            deliverable(3, 3, PLANNED),  # budgetary, not reform
            deliverable(4, 4, PLANNED, fy=FIRST_FY + 1),  # second year: patient enough
            deliverable(5, 5, CANCELLED),  # canceled: ignored
        )
    )
    raised = flag(result, method.EARLY_REFORM)
    assert raised is not None
    assert raised.severity == method.INFO
    assert raised.records == (
        "Deliverable: Merit-based promotion (FY2027 Q3, political risk 4)",
        "Deliverable: Pass the defense law (FY2027 Q4, political risk 5)",
    )


def test_conditions_exceed_capacity_compares_each_year_with_the_limit() -> None:
    # Capacity (1 + 1 + 2 + 1) / 4 = 1.25; limit 1.25 x 2 = 2.5 -> 3 a year.
    # FY2027: 4 live deliverables (the canceled one does not count) > 3: flagged.
    # FY2028: 3 deliverables, not more than 3: fine.
    result = assess(
        plan(
            *(deliverable(i, 2, PLANNED, q=i) for i in range(1, 5)),
            deliverable(5, 2, CANCELLED),
            *(deliverable(i, 2, PLANNED, fy=2028) for i in range(6, 9)),
            planner=ratings(capacity=(1, 1, 2, 1)),
        )
    )
    raised = flag(result, method.CONDITIONS_EXCEED_CAPACITY)
    assert raised is not None
    assert raised.records == (
        "Absorptive capacity 1.25 x 2 = 2.5: at most 3 deliverables a year",
        "FY2027: 4 deliverables due",
    )


def test_conditions_within_capacity_are_not_flagged() -> None:
    # Capacity 2 x 2 = at most 4 a year; FY2027 has 4.
    result = assess(
        plan(
            *(deliverable(i, 2, PLANNED, q=i) for i in range(1, 5)),
            planner=ratings(capacity=(2, 2, 2, 2)),
        )
    )
    assert flag(result, method.CONDITIONS_EXCEED_CAPACITY) is None


def test_conditions_are_not_checked_while_capacity_is_partly_unrated() -> None:
    result = assess(
        plan(
            *(deliverable(i, 2, PLANNED) for i in range(1, 11)),
            planner=ratings(capacity=(1, 1, 1, None)),
        )
    )
    assert flag(result, method.CONDITIONS_EXCEED_CAPACITY) is None


def test_rhetorical_commitment_is_flagged_from_a_30_point_gap() -> None:
    # Stated (3, 3, 3): mean 3 -> 50. Demonstrated 4x0.5 of 4 + 3 + 3 = 10 -> 20. Gap 30.
    result = assess(
        plan(
            deliverable(1, 4, PARTIAL),
            deliverable(2, 3, MISSED),
            deliverable(3, 3, MISSED),
            planner=ratings(willingness=(3, 3, 3)),
        )
    )
    assert result.gap == 30
    raised = flag(result, method.RHETORICAL_COMMITMENT)
    assert raised is not None
    assert raised.records == (
        "Stated willingness: 50 of 100",
        "Demonstrated commitment: 20 of 100",
        "Gap: 30 points",
    )


def test_a_29_point_gap_is_not_rhetorical() -> None:
    # Stated 50. Demonstrated 3x1 of 3 + 5 + 3 + 3 = 14 -> 21.4 -> 21. Gap 29: not flagged.
    result = assess(
        plan(
            deliverable(1, 3, DELIVERED),
            deliverable(2, 5, MISSED),
            deliverable(3, 3, MISSED),
            deliverable(4, 3, MISSED),
            planner=ratings(willingness=(3, 3, 3)),
        )
    )
    assert result.gap == 29
    assert flag(result, method.RHETORICAL_COMMITMENT) is None


def test_flag_rules_have_a_fixed_order() -> None:
    assert list(method.FLAG_RULES) == [
        "no_costly_deliverable",
        "unverifiable_deliverable",
        "unmatched_us_input",
        "us_input_ahead_of_partner",
        "equipment_without_sustainment",
        "early_reform",
        "conditions_exceed_capacity",
        "rhetorical_commitment",
        "slipping_timeline",
        "abandonment_risk",
    ]


def test_raised_flags_follow_the_rule_order_and_carry_the_rule_and_action() -> None:
    # Every rule but the first (they exclude each other: a risk-4 deliverable is costly).
    # Stated (5, 5, 5) -> 100; demonstrated 0 of 4 + 2 + 2 + 2 -> 0; capacity 1 -> 2 a year.
    result = assess(
        plan(
            deliverable(1, 4, MISSED, verified=False),
            # Overdue (due, nothing recorded): three slips raise the slipping timeline.
            *(deliverable(i, 2, PLANNED, q=2) for i in (2, 3, 4)),
            deliverable(5, 2, PLANNED, fy=FIRST_FY + 1),  # not due yet: the score is unchanged
            # Inputs 1 and 3 are due (FY2027 ends on the day) and undelivered: the U.S.
            # delivery record is 0 over 2 counted, abandonment risk. Input 2 is held back.
            us_inputs=(
                us_input(1, "equipment", matched=()),
                us_input(2, matched=(5,)),
                us_input(3, matched=()),
            ),
            planner=ratings(2, (5, 5, 5), (1, 1, 1, 1)),
        )
    )
    assert [f.rule for f in result.flags] == list(method.FLAG_RULES)[1:]
    for raised in result.flags:
        rule = method.FLAG_RULES[raised.rule]
        assert (raised.title, raised.rule_text, raised.action, raised.severity) == (
            rule.title,
            rule.rule_text,
            rule.action,
            rule.severity,
        )
        assert raised.records


def test_a_clean_plan_raises_no_flags() -> None:
    # Costly, verifiable, matched, sustained, patient, within capacity, no gap.
    result = assess(
        plan(
            deliverable(1, 3, DELIVERED, category=method.SUSTAINMENT_CATEGORY),
            deliverable(2, 4, PLANNED, fy=FIRST_FY + 1),
            us_inputs=(us_input(1, "equipment", matched=(1,)),),
            planner=ratings(4, (4, 4, 4), (3, 3, 3, 3)),
        )
    )
    assert result.flags == ()


# --- Validation and storage --------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [{"political_risk": 0}, {"political_risk": 6}, {"status": "done"}, {"quarter": 5}],
)
def test_deliverable_rejects_values_outside_the_method(changes: dict[str, object]) -> None:
    fields = deliverable(1, 3, PLANNED).to_dict() | changes
    with pytest.raises(ValueError):
        Deliverable.from_dict(fields)


@pytest.mark.parametrize("score", [0, 6])
def test_rating_rejects_scores_outside_1_to_5(score: int) -> None:
    with pytest.raises(ValueError):
        Rating(score)


def test_inputs_reject_a_first_year_after_the_last() -> None:
    with pytest.raises(ValueError):
        AssessmentInputs(AS_OF, 2030, 2027, (), (), ratings())


def test_inputs_and_result_survive_json_storage() -> None:
    inputs = plan(
        deliverable(1, 3, PARTIAL),
        deliverable(2, 4, DELIVERED, fy=2029),
        us_inputs=(
            USInput(1, "Four patrol boats", "equipment", 2027, Decimal("1250000.50"), (1, 2)),
            USInput(2, "Advisers", "advisory", 2028, None, ()),
        ),
        planner=ratings(4, (4, 4, 3), (3, 2, 2, 3)),
    )
    result = assess(inputs)
    stored_inputs = json.loads(json.dumps(inputs.to_dict()))
    stored_result = json.loads(json.dumps(result.to_dict()))
    assert stored_inputs["as_of"] == "2027-09-30"
    assert stored_inputs["us_inputs"][0]["estimated_cost"] == "1250000.50"
    assert stored_result["as_of"] == "2027-09-30"
    assert stored_result["absorptive_capacity"] == 2.5
    assert stored_result["method_version"] == method.METHOD_VERSION
    assert AssessmentInputs.from_dict(stored_inputs) == inputs
    assert CommitmentResult.from_dict(stored_result) == result
