"""The plan checks: per-row findings the guided form shows next to the rows involved."""

import pytest

from assessments import method
from assessments.flags import DELIVERABLE, US_INPUT
from assessments.inputs import USInput
from assessments.method import PLANNED
from assessments.plan_checks import findings_for, plan_checks
from tests.assessments.test_scoring import FIRST_FY, deliverable, plan, ratings, us_input


def test_each_plan_rule_names_its_rows_and_its_step() -> None:
    checks = plan_checks(
        plan(
            deliverable(1, 4, PLANNED, verified=False, title="Merit boards"),
            deliverable(2, 2, PLANNED, fy=FIRST_FY + 1, title="Designate a unit"),
            us_inputs=(
                us_input(7, "equipment", matched=()),
                us_input(8, matched=(2,)),  # FY2027, gated on an FY2028 deliverable
            ),
            planner=ratings(capacity=(1, 1, 1, 1)),
        )
    )
    found = {(f.rule, f.row_kind, f.row_id): f for f in checks}
    assert set(found) == {
        (method.UNVERIFIABLE_DELIVERABLE, DELIVERABLE, 1),
        (method.UNMATCHED_US_INPUT, US_INPUT, 7),
        (method.US_INPUT_AHEAD_OF_PARTNER, US_INPUT, 8),
        (method.EQUIPMENT_WITHOUT_SUSTAINMENT, US_INPUT, 7),
        (method.EARLY_REFORM, DELIVERABLE, 1),
    }
    assert found[(method.US_INPUT_AHEAD_OF_PARTNER, US_INPUT, 8)].message == (
        "Planned FY2027; its first partner deliverable is due FY2028."
    )
    assert found[(method.UNVERIFIABLE_DELIVERABLE, DELIVERABLE, 1)].step == "deliverables"
    assert found[(method.UNMATCHED_US_INPUT, US_INPUT, 7)].step == "us_inputs"
    assert [f.rule for f in findings_for(checks, US_INPUT, 7)] == [
        method.UNMATCHED_US_INPUT,
        method.EQUIPMENT_WITHOUT_SUSTAINMENT,
    ]


def test_rules_about_the_whole_plan_give_one_finding_without_a_row() -> None:
    # Nothing costly; capacity 1 -> 2 deliverables a year, and FY2027 has 3.
    checks = plan_checks(
        plan(
            *(deliverable(i, 1, PLANNED) for i in (1, 2, 3)),
            planner=ratings(capacity=(1, 1, 1, 1)),
        )
    )
    assert [(f.rule, f.row_id) for f in checks] == [
        (method.NO_COSTLY_DELIVERABLE, None),
        (method.CONDITIONS_EXCEED_CAPACITY, None),
    ]
    assert checks[1].message == (
        "Absorptive capacity 1 x 2 = 2: at most 2 deliverables a year; FY2027: 3 deliverables due"
    )
    assert checks[1].severity == method.INFO


def test_a_sound_plan_has_no_checks_and_record_flags_are_not_plan_checks() -> None:
    # Costly, verified, matched, within capacity; willingness 5/5/5 and an overdue costly
    # deliverable raise record flags in the assessment, never on the guided form.
    inputs = plan(
        deliverable(1, 3, PLANNED, category=method.SUSTAINMENT_CATEGORY),
        us_inputs=(us_input(1, matched=(1,)),),
        planner=ratings(2, (5, 5, 5), (5, 5, 5, 5)),
    )
    assert plan_checks(inputs) == ()


def _input_in(quarter: int | None, fy: int = FIRST_FY) -> USInput:
    return USInput(
        id=9,
        title="Patrol boats",
        category="equipment",
        fiscal_year=fy,
        estimated_cost=None,
        matched_deliverable_ids=(1,),
        fiscal_quarter=quarter,
    )


def _ahead(u: USInput, due_q: int = 2) -> list[str]:
    """The ahead-of-partner messages for one input gated on a deliverable due FY2027 Q2."""
    checks = plan_checks(plan(deliverable(1, 4, PLANNED, q=due_q), us_inputs=(u,)))
    return [f.message for f in checks if f.rule == method.US_INPUT_AHEAD_OF_PARTNER]


def test_a_us_input_with_a_quarter_is_checked_against_the_due_quarter() -> None:
    # Same year, earlier quarter: the U.S. would give first.
    assert _ahead(_input_in(1)) == [
        "Planned FY2027 Q1; its first partner deliverable is due FY2027 Q2."
    ]
    # The deliverable's own quarter is too early too: it may be delivered on its last day.
    assert _ahead(_input_in(2)) == [
        "Planned FY2027 Q2; its first partner deliverable is due FY2027 Q2."
    ]
    # The quarter after: gated.
    assert _ahead(_input_in(3)) == []
    # A later year whatever the quarter: gated.
    assert _ahead(_input_in(1, fy=FIRST_FY + 1)) == []


def test_a_us_input_without_a_quarter_is_still_compared_by_year_only() -> None:
    assert _ahead(_input_in(None)) == []  # same year: as before quarters were asked
    checks = plan_checks(
        plan(deliverable(1, 4, PLANNED, fy=FIRST_FY + 1, q=1), us_inputs=(_input_in(None),))
    )
    assert [f.message for f in checks if f.rule == method.US_INPUT_AHEAD_OF_PARTNER] == [
        "Planned FY2027; its first partner deliverable is due FY2028."
    ]


def test_an_input_quarter_outside_1_to_4_is_refused() -> None:
    with pytest.raises(ValueError):
        _input_in(5)
