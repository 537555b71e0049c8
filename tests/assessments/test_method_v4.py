"""Method version 4, hand-computed: the U.S. delivery record beside the partner's, inputs
held back by weak conditionality, the abandonment-risk flag, and stored version-3 results.

U.S. delivery record = 100 x sum(credit) / inputs counted (delivered 1, partial 0.5,
planned 0), halves up; counted: due (planned quarter ended) or delivered in full, not
canceled, not held back (a gating partner deliverable not delivered in full).
"""

import json
from dataclasses import replace
from datetime import date

from django.template.loader import render_to_string

from assessments import method
from assessments.method import CANCELLED, DELIVERED, MISSED, PARTIAL, PLANNED, FigureState
from assessments.presentation import commitment_view, figures, headline
from assessments.results import V4_FIELDS, CommitmentResult
from assessments.scoring import AssessmentInputs, USInput, assess
from tests.assessments.test_scoring import deliverable, flag, plan, ratings, us_input

# The partner funds fuel (risk 3, due FY2027 Q1 = 31 Dec 2026), delivered 15 Nov 2026.
FUEL = replace(deliverable(1, 3, DELIVERED, title="Fund fuel"), delivered_on=date(2026, 11, 15))


def us(
    id: int,
    title: str,
    q: int,
    status: str = PLANNED,
    delivered_on: date | None = None,
    matched: tuple[int, ...] = (1,),
    reason: str = "",
) -> USInput:
    """A U.S. input of FY2027, quarter q, gated on the deliverables `matched`."""
    return replace(
        us_input(id, matched=matched, title=title),
        fiscal_quarter=q,
        status=status,
        delivered_on=delivered_on,
        cancel_reason=reason,
    )


def test_us_input_overdue_after_the_partner_delivered_raises_abandonment_risk() -> None:
    # Boats due FY2027 Q2 (31 Mar 2027), the partner's fuel delivered 15 Nov 2026. On
    # 30 Sep 2027 the boats are 6 months overdue, more than one quarter (31 Mar + 3 months
    # = 30 Jun 2027): abandonment risk. U.S. record 0 of 1 counted -> 0.
    boats = us(1, "Patrol boats", q=2)
    result = assess(plan(FUEL, us_inputs=(boats,)))
    assert (result.us_delivery_record, result.us_due_count, result.us_overdue_count) == (0, 1, 1)
    raised = flag(result, method.ABANDONMENT_RISK)
    assert raised is not None
    assert raised.records == (
        "U.S. input: Patrol boats (FY2027 Q2): overdue since 31 Mar 2027, and the partner "
        "delivered D1 (by 15 Nov 2026)",
    )
    assert raised.action.startswith("Escalate the U.S. delivery, or tell the partner why")
    # Demonstrated commitment is the partner's acts alone: 3x1 of 3 -> 100, whatever the U.S.
    delivered = assess(plan(FUEL, us_inputs=(replace(boats, status=DELIVERED),)))
    no_inputs = assess(plan(FUEL))
    assert result.demonstrated == delivered.demonstrated == no_inputs.demonstrated == 100
    assert result.delivery_record == delivered.delivery_record == 100
    assert result.quadrant == delivered.quadrant


def test_abandonment_waits_one_full_quarter_from_when_both_sides_were_due() -> None:
    boats = us(1, "Patrol boats", q=2)
    # On 30 Jun 2027 exactly one quarter has passed: overdue, not yet abandonment.
    on_the_day = assess(plan(FUEL, us_inputs=(boats,), as_of=date(2027, 6, 30)))
    assert on_the_day.us_overdue_count == 1
    assert flag(on_the_day, method.ABANDONMENT_RISK) is None
    assert flag(assess(plan(FUEL, us_inputs=(boats,), as_of=date(2027, 7, 1))), "abandonment_risk")
    # The partner delivered late (1 Aug 2027, after the boats were due): the clock starts
    # then, so on 30 Sep 2027 (under 3 months later) it is not abandonment yet.
    late_fuel = replace(FUEL, delivered_on=date(2027, 8, 1))
    result = assess(plan(late_fuel, us_inputs=(boats,)))
    assert result.us_overdue_count == 1
    assert flag(result, method.ABANDONMENT_RISK) is None


def test_us_input_held_back_because_the_partner_did_not_deliver_is_not_counted() -> None:
    # D1 "Raise pay" (risk 4) missed; the radar gated on it is held back, not a U.S.
    # failure. D2 fuel delivered; the boats gated on it delivered: 1 of 1 counted -> 100.
    pay = deliverable(1, 4, MISSED, title="Raise pay")
    fuel = replace(FUEL, id=2, quarter=2, delivered_on=date(2027, 2, 1))
    radar = us(1, "Coastal radar", q=2, matched=(1,))
    boats = us(2, "Patrol boats", 3, DELIVERED, date(2027, 5, 1), matched=(2,))
    result = assess(plan(pay, fuel, us_inputs=(radar, boats)))
    assert (result.us_delivery_record, result.us_due_count) == (100, 1)
    assert (result.us_held_back_count, result.us_overdue_count) == (1, 0)
    assert flag(result, method.ABANDONMENT_RISK) is None
    assert result.us_delivery_record_explanation == (
        "1 of 1 U.S. input due by 30 Sep 2027 delivered: 100%. Held back, not counted "
        "against the U.S. (the partner has not delivered what it is gated on): "
        "“Coastal radar” (waiting on D1)."
    )
    # Only the held-back input: nothing counted, not yet observable (never 0).
    alone = assess(plan(pay, us_inputs=(radar,)))
    assert (alone.us_delivery_record, alone.us_delivery_record_state) == (
        None,
        FigureState.NOT_YET_OBSERVABLE,
    )
    assert alone.us_delivery_record_explanation.startswith(
        "Not yet observable: no U.S. input is due by 30 Sep 2027 and not held back by the partner."
    )
    assert flag(alone, method.ABANDONMENT_RISK) is None


def test_partial_and_late_us_deliveries() -> None:
    # Radios due Q2 (31 Mar 2027), delivered in part 10 May 2027: 0.5, 2 months late.
    # Training due Q3 delivered on time: 1. Spare parts due Q4 (30 Sep 2027, today): 0.
    # 1.5 of 3 -> 50: not below 50, and nothing overdue: no abandonment risk.
    radios = us(1, "Radios", 2, PARTIAL, date(2027, 5, 10))
    training = us(2, "Training", 3, DELIVERED, date(2027, 6, 1))
    parts = us(3, "Spare parts", 4)
    result = assess(plan(FUEL, us_inputs=(radios, training, parts)))
    assert (result.us_delivery_record, result.us_due_count) == (50, 3)
    assert result.us_delivery_record_explanation == (
        "1 of 3 U.S. inputs due by 30 Sep 2027 delivered, 1 partially: 50%. "
        "Counted as delivered: “Radios” delivered 2 months late."
    )
    assert flag(result, method.ABANDONMENT_RISK) is None
    # Training not delivered: 0.5 of 3 -> 16.7 -> 17, below 50 with 3 due: abandonment
    # risk by the record. Training is overdue since 30 Jun 2027, but not a quarter yet.
    not_given = replace(training, status=PLANNED, delivered_on=None)
    owed = assess(plan(FUEL, us_inputs=(radios, not_given, parts)))
    assert owed.us_delivery_record == 17
    raised = flag(owed, method.ABANDONMENT_RISK)
    assert raised is not None and raised.records == (
        "U.S. delivery record: 17 of 100, over 3 U.S. inputs due",
        "U.S. input: Training (FY2027 Q3): overdue since 30 Jun 2027",
    )
    assert owed.demonstrated == result.demonstrated == 100


def test_canceled_us_inputs_leave_the_count_with_their_reason() -> None:
    # Boats canceled (export license denied); training delivered: 1 of 1 -> 100.
    boats = us(1, "Patrol boats", 2, CANCELLED, reason="Export license denied")
    training = us(2, "Training", 3, DELIVERED, date(2027, 6, 1))
    result = assess(plan(FUEL, us_inputs=(boats, training)))
    assert (result.us_delivery_record, result.us_due_count) == (100, 1)
    assert result.us_delivery_record_explanation.endswith(
        "Canceled, not counted: “Patrol boats” (Export license denied)."
    )
    only_canceled = assess(plan(FUEL, us_inputs=(boats,)))
    assert only_canceled.us_delivery_record_state == FigureState.NOT_YET_OBSERVABLE
    assert flag(only_canceled, method.ABANDONMENT_RISK) is None


def test_a_gift_gated_on_nothing_is_counted_but_never_abandonment_alone() -> None:
    # No partner deliverable paid for it: overdue counts against the U.S. record, but the
    # partner paid no price, so it is no abandonment on its own (one input due).
    gift = us(1, "Ceremony", 1, matched=())
    result = assess(plan(FUEL, us_inputs=(gift,)))
    assert (result.us_delivery_record, result.us_overdue_count) == (0, 1)
    assert flag(result, method.ABANDONMENT_RISK) is None


# --- Stored version-3 results -------------------------------------------------------------


def _v3_stored() -> tuple[dict, dict]:
    """A result and inputs as version 3 stored them: no U.S. fields at all."""
    inputs = plan(FUEL, us_inputs=(us(1, "Patrol boats", q=2),), planner=ratings(4, (4, 4, 4)))
    stored_inputs = inputs.to_dict()
    for u in stored_inputs["us_inputs"]:
        for name in ("status", "delivered_on", "cancel_reason"):
            del u[name]
    result = assess(inputs).to_dict()
    result = {k: v for k, v in result.items() if k not in V4_FIELDS}
    result["method_version"] = 3
    result["flags"] = [f for f in result["flags"] if f["rule"] != method.ABANDONMENT_RISK]
    return json.loads(json.dumps(stored_inputs)), json.loads(json.dumps(result))


def test_a_stored_version_3_result_reads_back_and_writes_back_exactly_as_stored() -> None:
    stored_inputs, stored_result = _v3_stored()
    result = CommitmentResult.from_dict(stored_result)
    assert (result.method_version, result.demonstrated) == (3, 100)
    assert not result.has_us_record
    assert result.us_delivery_record_state == FigureState.NOT_IN_VERSION
    assert result.to_dict() == stored_result
    # Its inputs read too: a U.S. input stored before version 4 is planned.
    inputs = AssessmentInputs.from_dict(stored_inputs)
    assert inputs.us_inputs[0].status == PLANNED
    # A version-4 result round-trips with its U.S. record.
    v4 = assess(inputs).to_dict()
    assert CommitmentResult.from_dict(json.loads(json.dumps(v4))).to_dict() == v4


def test_a_stored_version_3_result_renders_as_stored_with_its_version() -> None:
    stored_inputs, stored_result = _v3_stored()
    shares = headline(stored_result)
    assert shares.version == 3 and not shares.every_due_deliverable
    assert shares.demonstrated.value == "100 of 100"
    assert shares.us_delivery_record.value == "Not part of this method version"
    labels = [f.label for f in figures(stored_inputs, stored_result)]
    assert "U.S. delivery record (what the U.S. promised)" not in labels
    commitment = {"inputs": stored_inputs, "result": stored_result, "as_of_label": "30 Sep 2027"}
    view = commitment_view(commitment)
    html = " ".join(
        render_to_string(
            "assessments/assessment_body.html", {"view": view, "id_prefix": "v3", "h": 3}
        ).split()
    )
    assert "Method version 3." in html
    assert "It has no U.S. delivery record" in html
    assert "Abandonment risk" not in html


def test_the_current_result_shows_both_records_and_the_flag() -> None:
    inputs = plan(FUEL, us_inputs=(us(1, "Patrol boats", q=2),), planner=ratings(4, (4, 4, 4)))
    commitment = {
        "inputs": inputs.to_dict(),
        "result": assess(inputs).to_dict(),
        "as_of_label": "30 Sep 2027",
    }
    html = " ".join(
        render_to_string(
            "assessments/headline.html", {"result": commitment["result"], "explain": True}
        ).split()
    )
    assert "Delivery record (reliability, not commitment)" in html
    assert "U.S. delivery record (what the U.S. promised)</dt>" in html
    assert "0 of 100" in html
    body = render_to_string(
        "assessments/assessment_body.html",
        {"view": commitment_view(commitment), "id_prefix": "v4", "h": 3},
    )
    assert "Abandonment risk: the U.S. is not delivering" in body
    assert "Patrol boats (FY2027 Q2): overdue since 31 Mar 2027" in body


def test_the_trend_joins_a_version_3_point_to_today_and_marks_the_new_version() -> None:
    # Demonstrated commitment means the same in versions 3 and 4 (costly acts), so the
    # line runs on through the change, which is still marked.
    stored_inputs, stored_result = _v3_stored()
    today = assess(plan(FUEL, planner=ratings(4, (4, 4, 4))))
    commitment = {
        "inputs": stored_inputs,
        "result": today.to_dict(),
        "as_of_label": "30 Sep 2027",
        "history": [
            {"kind_label": "Baseline", "assessed_on_label": "31 Mar 2027", "result": stored_result}
        ],
    }
    view = commitment_view(commitment)
    assert [c.label for c in view.trend.method_changes] == ["Method v4"]
    assert len(view.trend.demonstrated_lines) == 1


def test_a_us_input_delivered_in_full_early_counts_at_once() -> None:
    # The spare parts are due FY2027 Q4 (30 Sep 2027); on 30 Jun 2027 they are delivered
    # already, so they count: with the radios (0.5, due Q2) that is 1.5 of 2 -> 75.
    radios = us(1, "Radios", 2, PARTIAL, date(2027, 5, 10))
    parts = us(2, "Spare parts", 4, DELIVERED, date(2027, 6, 1))
    result = assess(plan(FUEL, us_inputs=(radios, parts), as_of=date(2027, 6, 30)))
    assert result.us_delivery_record == 75
    assert result.us_delivery_record_explanation.startswith(
        "1 of 2 U.S. inputs due by 30 Jun 2027 (including 1 delivered early) delivered, "
        "1 partially: 75%."
    )
