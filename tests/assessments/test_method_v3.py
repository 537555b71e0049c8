"""Method version 3, hand-computed: commitment from costly acts only, the delivery record
beside it, lateness, overdue derived from the date, and the version-aware stored result."""

import json
from dataclasses import replace
from datetime import date

from django.template.loader import render_to_string

from assessments import method
from assessments.method import DELIVERED, MISSED, PARTIAL, PLANNED, FigureState
from assessments.presentation import commitment_view, figures
from assessments.results import CommitmentResult
from assessments.scoring import assess
from assessments.wording import lateness
from tests.assessments.test_scoring import deliverable, flag, plan, ratings, us_input

GIFTS = (
    deliverable(1, 1, DELIVERED, title="Accept patrol boats"),
    deliverable(2, 1, DELIVERED, q=2, title="Send 20 trainees"),
    deliverable(3, 2, DELIVERED, q=2, title="Sign the end-use agreement"),
    deliverable(4, 1, DELIVERED, q=3, title="Host the ceremony"),
)


def test_a_partner_that_only_takes_gifts_cannot_be_read_as_committed() -> None:
    # DOMAIN.md's worked example: risks 1, 1, 2, 1, all delivered; willingness 5/5/5.
    result = assess(
        plan(
            *GIFTS,
            us_inputs=(us_input(1, "equipment", matched=(1,)),),
            planner=ratings(2, (5, 5, 5)),
        )
    )
    # Delivery record: 1 + 1 + 2 + 1 = 5 of 5 -> 100. Nothing costly: not a number.
    assert (result.delivery_record, result.delivery_record_state) == (100, FigureState.MEASURED)
    assert (result.demonstrated, result.demonstrated_state) == (
        None,
        FigureState.CANNOT_BE_DEMONSTRATED,
    )
    assert result.demonstrated_explanation.startswith(
        "Cannot be demonstrated: nothing in the plan costs the partner anything"
    )
    assert result.gap is None
    assert result.quadrant == method.FALSE_COMMITMENT_RISK
    assert [f.rule for f in result.flags] == [
        method.NO_COSTLY_DELIVERABLE,
        method.EQUIPMENT_WITHOUT_SUSTAINMENT,
        method.RHETORICAL_COMMITMENT,
    ]
    rhetorical = flag(result, method.RHETORICAL_COMMITMENT)
    assert rhetorical is not None and rhetorical.records == (
        "Stated willingness: 100 of 100, high (75 or more)",
        "Nothing costly in the plan could test it",
    )
    # Under a real threat the same partner is dependent, never committed.
    threatened = assess(plan(*GIFTS, planner=ratings(5, (5, 5, 5))))
    assert threatened.quadrant == method.DEPENDENT


def test_high_willingness_with_costly_deliverables_due_and_missed_is_rhetorical() -> None:
    # Costly: 4x1 (delivered) + 3x0 (missed) = 4 of 7 -> 57.1 -> 57. Stated (4, 4, 4) -> 75.
    # Gap 18, below 30, yet a costly deliverable fell due undelivered while willingness is
    # high (75 or more): rhetorical.
    result = assess(
        plan(
            deliverable(1, 4, DELIVERED, title="Raise pay"),
            deliverable(2, 3, MISSED, q=2, title="Fund fuel"),
            planner=ratings(willingness=(4, 4, 4)),
        )
    )
    assert (result.demonstrated, result.gap) == (57, 18)
    raised = flag(result, method.RHETORICAL_COMMITMENT)
    assert raised is not None and raised.records == (
        "Stated willingness: 75 of 100, high (75 or more)",
        "Deliverable: Fund fuel (FY2027 Q2, political risk 3): due, not delivered",
    )
    # Below the threshold (stated (4, 4, 3) -> 67) the same record is not rhetorical.
    lower = assess(
        plan(
            deliverable(1, 4, DELIVERED),
            deliverable(2, 3, MISSED, q=2),
            planner=ratings(willingness=(4, 4, 3)),
        )
    )
    assert flag(lower, method.RHETORICAL_COMMITMENT) is None


def test_costly_deliverables_not_yet_due_are_not_yet_observable() -> None:
    # On 30 Sep 2027 the budget line (risk 3) is due in FY2029; the costless training is due.
    result = assess(plan(deliverable(1, 1, DELIVERED), deliverable(2, 3, PLANNED, fy=2029, q=2)))
    assert (result.demonstrated, result.demonstrated_state) == (
        None,
        FigureState.NOT_YET_OBSERVABLE,
    )
    assert result.demonstrated_explanation == (
        "Not yet observable: no costly partner deliverable (political risk 3 or more) is due "
        "by 30 Sep 2027. The first falls due on 31 Mar 2029."
    )
    assert result.delivery_record == 100


def test_a_late_delivery_counts_and_says_how_many_months_late() -> None:
    # Due FY2027 Q1 (31 Dec 2026), delivered 10 Mar 2027: Jan, Feb, Mar -> 3 months late.
    late = deliverable(1, 3, DELIVERED, title="Fund fuel")
    late = late.__class__(**{**late.to_dict(), "delivered_on": date(2027, 3, 10)})
    result = assess(plan(late))
    assert result.demonstrated == 100
    assert result.demonstrated_explanation.endswith(
        "Counted as delivered: “Fund fuel” delivered 3 months late."
    )
    assert "“Fund fuel” delivered 3 months late" in result.delivery_record_explanation
    # Assessed before the delivery day, it had not happened yet: 0 of 3 -> 0.
    before = assess(plan(late, as_of=date(2027, 3, 1)))
    assert (before.demonstrated, before.highest_risk_accepted) == (0, 0)


def test_overdue_is_derived_from_the_date_and_several_slips_ask_for_a_re_plan() -> None:
    # Three risk-2 deliverables due FY2027 Q1 (31 Dec 2026), nothing recorded.
    owed = tuple(deliverable(i, 2, PLANNED, title=f"Step {i}") for i in (1, 2, 3))
    on_the_day = assess(plan(*owed, as_of=date(2026, 12, 31)))
    assert flag(on_the_day, method.SLIPPING_TIMELINE) is None  # due today, not yet overdue
    assert not any(d.overdue(date(2026, 12, 31)) for d in owed)
    next_day = assess(plan(*owed, as_of=date(2027, 1, 1)))
    raised = flag(next_day, method.SLIPPING_TIMELINE)
    assert raised is not None and raised.severity == method.INFO
    assert raised.records[0] == "Deliverable: Step 1 (FY2027 Q1): overdue since 31 Dec 2026"
    # Two slips are not yet "several".
    assert flag(assess(plan(*owed[:2], as_of=date(2027, 1, 1))), method.SLIPPING_TIMELINE) is None


def test_partial_costly_delivery_earns_half() -> None:
    # Costly: 4x0.5 + 3x1 = 5 of 7 -> 71.4 -> 71; the risk-1 missed one is not counted.
    result = assess(
        plan(deliverable(1, 4, PARTIAL), deliverable(2, 3, DELIVERED), deliverable(3, 1, MISSED))
    )
    assert (result.demonstrated, result.due_count, result.partial_count) == (71, 2, 1)
    # Delivery record: 2 + 3 + 0 = 5 of 8 -> 62.5 -> 63.
    assert result.delivery_record == 63


def test_the_quadrant_is_committed_only_with_demonstrated_commitment_of_50_or_more() -> None:
    # Physical 4. Costly: 3x1 of 3 + 4 = 7 -> 42.9 -> 43: risk 3 accepted, but below 50.
    result = assess(
        plan(deliverable(1, 3, DELIVERED), deliverable(2, 4, MISSED), planner=ratings(4))
    )
    assert (result.demonstrated, result.highest_risk_accepted) == (43, 3)
    assert result.quadrant == method.DEPENDENT
    assert "demonstrated commitment 43 is below 50" in result.quadrant_explanation
    # 3 of 3 -> 100: committed.
    assert assess(plan(deliverable(1, 3, DELIVERED), planner=ratings(4))).quadrant == (
        method.COMMITTED
    )


# --- Stored version-2 results -------------------------------------------------------------

V2_RESULT = {
    "as_of": "2026-03-31",
    "demonstrated": 100,
    "demonstrated_explanation": "4 of 4 partner deliverables due by 31 Mar 2026 delivered; "
    "risk-weighted 100% (5 of 5 political-risk points).",
    "due_count": 4,
    "delivered_count": 4,
    "partial_count": 0,
    "risk_accepted_points": 5.0,
    "highest_risk_accepted": 2,
    "risk_accepted_explanation": "Highest political risk accepted: 2 (Administrative).",
    "stated_willingness": 100,
    "absorptive_capacity": None,
    "gap": 0,
    "gap_explanation": "Stated willingness 100 minus demonstrated commitment 100: gap of 0.",
    "physical_risk": 2,
    "quadrant": "false_commitment_risk",
    "quadrant_label": "False-commitment risk",
    "quadrant_explanation": "Physical risk 2 is low.",
    "flags": [],
    "method_version": 2,
}
V2_INPUTS = plan(*GIFTS, as_of=date(2026, 3, 31), planner=ratings(2, (5, 5, 5))).to_dict()


def test_a_stored_version_2_result_reads_back_exactly_as_stored() -> None:
    result = CommitmentResult.from_dict(json.loads(json.dumps(V2_RESULT)))
    assert (result.method_version, result.demonstrated) == (2, 100)
    assert not result.costly_acts_only
    assert result.to_dict() == V2_RESULT


def test_a_stored_version_2_result_renders_with_its_version_and_older_labels() -> None:
    commitment = {"inputs": V2_INPUTS, "result": V2_RESULT, "as_of_label": "31 Mar 2026"}
    shown = {f.label: f.value for f in figures(V2_INPUTS, V2_RESULT)}
    assert shown["Demonstrated commitment"] == "100 of 100"
    assert "Delivery record (reliability, not commitment)" not in shown
    view = commitment_view(commitment)
    assert view.version == 2
    assert "method version 2" in view.version_note
    html = render_to_string(
        "assessments/assessment_body.html", {"view": view, "id_prefix": "v2", "h": 3}
    )
    text = " ".join(html.split())
    assert "Computed with method version 2, shown as it was" in text
    assert V2_RESULT["demonstrated_explanation"] in text


def test_the_trend_marks_where_the_method_changed_and_never_joins_the_versions() -> None:
    today = assess(plan(deliverable(1, 3, DELIVERED), planner=ratings(2, (5, 5, 5))))
    v2_entry = {"kind_label": "Baseline", "assessed_on_label": "31 Mar 2026", "result": V2_RESULT}
    commitment = {
        "inputs": plan().to_dict(),
        "result": today.to_dict(),
        "as_of_label": "30 Sep 2027",
        "history": [v2_entry],
    }
    view = commitment_view(commitment)
    now = f"Method v{method.METHOD_VERSION}"
    assert [c.label for c in view.trend.method_changes] == [now]
    assert view.trend.demonstrated_lines == ()  # one point each side: nothing joined
    assert f"From here on, method version {method.METHOD_VERSION}." in view.trend.description
    svg = render_to_string("assessments/trend_figure.html", {"view": view, "id_prefix": "t"})
    assert now in svg and ">v2</td>" in svg


def test_lateness_is_worded_from_the_due_date_and_the_delivery_date() -> None:
    due_q1 = deliverable(1, 3, PLANNED, fy=2027, q=1)  # due 31 Dec 2026
    assert lateness(due_q1, date(2027, 1, 1)) == "overdue since 31 Dec 2026"
    assert lateness(due_q1, date(2026, 12, 31)) == ""  # due today: not overdue yet
    on_15_feb = replace(due_q1, status=DELIVERED, delivered_on=date(2027, 2, 15))
    assert lateness(on_15_feb, date(2027, 6, 30)) == "delivered 2 months late"
    assert lateness(replace(on_15_feb, delivered_on=date(2027, 1, 5)), date(2027, 6, 30)) == (
        "delivered 1 month late"
    )
    on_time = replace(on_15_feb, delivered_on=date(2026, 12, 1))
    assert lateness(on_time, date(2027, 6, 30)) == ""
    assert lateness(replace(due_q1, status=MISSED), date(2027, 6, 30)) == ""
