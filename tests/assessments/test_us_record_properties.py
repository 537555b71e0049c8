"""Properties of the U.S. delivery record (method version 4), checked on random plans."""

from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from assessments import method
from assessments.method import DELIVERED, PLANNED
from assessments.scoring import AssessmentInputs, USInput, assess
from tests.assessments.test_scoring_properties import not_lower, picks, plans, quick

US_STATUSES = [value for value, _ in method.US_INPUT_STATUSES]
# What is computed from the partner's acts alone.
PARTNER_FIGURES = (
    "demonstrated",
    "demonstrated_state",
    "demonstrated_explanation",
    "delivery_record",
    "delivery_record_explanation",
    "risk_accepted_points",
    "highest_risk_accepted",
    "gap",
    "quadrant",
)


@st.composite
def us_deliveries(draw: st.DrawFn, u: USInput) -> USInput:
    """The same input with what the U.S. did: a status, a quarter and, for a delivery, a day
    (unknown, early, on the due day, or months late)."""
    quarter = draw(st.sampled_from([None, 1, 2, 3, 4]))
    status = draw(st.sampled_from(US_STATUSES))
    planned = replace(u, fiscal_quarter=quarter)
    day = None
    if status in method.US_DELIVERED:
        due = planned.due
        late = due + timedelta(days=130)
        day = draw(st.sampled_from([None, due - timedelta(days=40), due, late]))
    reason = "Export license denied" if status == method.CANCELLED else ""
    return replace(planned, status=status, delivered_on=day, cancel_reason=reason)


@st.composite
def us_plans(draw: st.DrawFn) -> AssessmentInputs:
    inputs = draw(plans())
    extra = draw(st.integers(min_value=0, max_value=2))
    base = inputs.us_inputs + tuple(
        replace(inputs.us_inputs[0], id=10 + n) for n in range(extra) if inputs.us_inputs
    )
    return replace(inputs, us_inputs=tuple(draw(us_deliveries(u)) for u in base))


@quick
@given(us_plans())
def test_the_us_delivery_record_is_0_to_100_or_not_yet_observable(inputs: AssessmentInputs) -> None:
    result = assess(inputs)
    if result.us_delivery_record is None:
        assert result.us_delivery_record_state == method.FigureState.NOT_YET_OBSERVABLE
        assert result.us_due_count == 0
    else:
        assert 0 <= result.us_delivery_record <= 100
        assert result.us_delivery_record_state == method.FigureState.MEASURED
        assert result.us_due_count >= 1
    assert result.us_overdue_count <= len(inputs.us_inputs)


@quick
@given(us_plans(), picks)
def test_delivering_one_more_us_input_never_lowers_the_us_record(
    inputs: AssessmentInputs, pick: int
) -> None:
    if not inputs.us_inputs:
        return
    index = pick % len(inputs.us_inputs)
    changed = list(inputs.us_inputs)
    before = changed[index]
    kept = before.delivered_on if before.status in method.US_DELIVERED else None
    changed[index] = replace(before, status=DELIVERED, delivered_on=kept, cancel_reason="")
    after = replace(inputs, us_inputs=tuple(changed))
    assert not_lower(assess(after).us_delivery_record, assess(inputs).us_delivery_record)


@quick
@given(us_plans())
def test_nothing_about_us_deliveries_changes_demonstrated_commitment(
    inputs: AssessmentInputs,
) -> None:
    # The same plan with every U.S. input still planned: the partner's figures are equal.
    untouched = replace(
        inputs,
        us_inputs=tuple(
            replace(u, status=PLANNED, delivered_on=None, cancel_reason="")
            for u in inputs.us_inputs
        ),
    )
    result, baseline = assess(inputs), assess(untouched)
    for name in PARTNER_FIGURES:
        assert getattr(result, name) == getattr(baseline, name), name
