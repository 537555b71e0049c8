"""Properties the commitment score must keep for any plan, checked on random plans."""

import json
from dataclasses import fields, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assessments import method
from assessments.fiscal import quarter_end
from assessments.method import CANCELLED, DELIVERED, PARTIAL, VERBAL_ONLY
from assessments.scoring import (
    AssessmentInputs,
    CommitmentResult,
    Deliverable,
    PlannerRatings,
    Rating,
    USInput,
    assess,
)

FIRST_FY, LAST_FY = 2027, 2031
STATUSES = [value for value, _ in method.DELIVERABLE_STATUSES]

# Generating a plan costs Hypothesis about 2.5 ms here, far more than assess() takes, so
# the strategies draw few values and each property sees 60 random plans (fresh ones every
# run, since no example database is written into the checkout): the module stays near a
# second. Known edge cases are pinned with @example.
quick = settings(max_examples=60, database=None, deadline=None)

# Sampled text keeps generation cheap; quotes and accents exercise JSON storage.
titles = st.sampled_from(["Fund fuel budget", "Designate a unit", 'Pass "Law 12"', "Réforme"])
risks = st.integers(min_value=1, max_value=5)
statuses = st.sampled_from(STATUSES)
# Due quarter as one draw: FY2027 Q1 .. FY2031 Q4.
due_quarters = st.sampled_from(
    [(fy, q) for fy in range(FIRST_FY, LAST_FY + 1) for q in range(1, 5)]
)
deliverable_categories = st.sampled_from([value for value, _ in method.DELIVERABLE_CATEGORIES])
us_input_categories = st.sampled_from([value for value, _ in method.US_INPUT_CATEGORIES])
fiscal_years = st.integers(min_value=FIRST_FY, max_value=LAST_FY)
costs = st.sampled_from([None, Decimal("0"), Decimal("99.90"), Decimal("1250000.50")])
scores_1_5 = st.sampled_from([None, 1, 2, 3, 4, 5])
# Which deliverable of a plan to change (taken modulo the plan's size).
picks = st.integers(min_value=0, max_value=5)
# From before the first quarter ends to after the last one does.
as_of_dates = st.dates(min_value=date(2026, 10, 1), max_value=date(2031, 12, 31))


def delivery_dates(status: str, due: date) -> st.SearchStrategy[date | None]:
    """Only deliveries carry a date: unknown, early, on the due day, or months late."""
    if status not in method.RISK_TAKEN:
        return st.none()
    return st.sampled_from([None, due - timedelta(days=40), due, due + timedelta(days=75)])


@st.composite
def deliverables(draw: st.DrawFn, id: int) -> Deliverable:
    fiscal_year, quarter = draw(due_quarters)
    status = draw(statuses)
    return Deliverable(
        id=id,
        title=draw(titles),
        category=draw(deliverable_categories),
        political_risk=draw(risks),
        status=status,
        fiscal_year=fiscal_year,
        quarter=quarter,
        has_verification=draw(st.booleans()),
        delivered_on=draw(delivery_dates(status, quarter_end(fiscal_year, quarter))),
    )


@st.composite
def us_inputs(draw: st.DrawFn, id: int, deliverable_count: int) -> USInput:
    ids = st.integers(min_value=1, max_value=deliverable_count)
    matched = draw(st.sets(ids, max_size=2)) if deliverable_count else set()
    return USInput(
        id=id,
        title=draw(titles),
        category=draw(us_input_categories),
        fiscal_year=draw(fiscal_years),
        estimated_cost=draw(costs),
        matched_deliverable_ids=tuple(sorted(matched)),
    )


@st.composite
def planner_ratings(draw: st.DrawFn) -> PlannerRatings:
    names = [field.name for field in fields(PlannerRatings)]
    return PlannerRatings(**{name: Rating(draw(scores_1_5), "evidence") for name in names})


@st.composite
def plans(draw: st.DrawFn, min_deliverables: int = 0) -> AssessmentInputs:
    count = draw(st.integers(min_value=min_deliverables, max_value=6))
    input_count = draw(st.integers(min_value=0, max_value=2))
    return AssessmentInputs(
        as_of=draw(as_of_dates),
        first_fiscal_year=FIRST_FY,
        last_fiscal_year=LAST_FY,
        deliverables=tuple(draw(deliverables(i)) for i in range(1, count + 1)),
        us_inputs=tuple(draw(us_inputs(i, count)) for i in range(1, input_count + 1)),
        ratings=draw(planner_ratings()),
    )


def with_status(inputs: AssessmentInputs, index: int, status: str) -> AssessmentInputs:
    """The same plan with one deliverable's status changed."""
    changed = list(inputs.deliverables)
    kept = changed[index].delivered_on if status in method.RISK_TAKEN else None
    changed[index] = replace(changed[index], status=status, delivered_on=kept)
    return replace(inputs, deliverables=tuple(changed))


# Each monotonicity property holds for both figures: demonstrated commitment (costly acts)
# and the delivery record (every deliverable).
FIGURES = pytest.mark.parametrize("figure", ["demonstrated", "delivery_record"])


def score(inputs: AssessmentInputs, figure: str = "demonstrated") -> int | None:
    value: int | None = getattr(assess(inputs), figure)
    return value


def not_lower(after: int | None, before: int | None) -> bool:
    """ "Not yet observable" may become any score; a score may not become lower or vanish."""
    return before is None or (after is not None and after >= before)


def not_higher(after: int | None, before: int | None) -> bool:
    """A score may not rise (withdrawn evidence may leave it unobservable); "not yet
    observable" may only stay so or become 0."""
    if before is None:
        return after in (None, 0)
    return after is None or after <= before


@quick
@given(plans())
def test_figures_stay_on_their_scales(inputs: AssessmentInputs) -> None:
    result = assess(inputs)
    assert result.demonstrated is None or 0 <= result.demonstrated <= 100
    assert (result.demonstrated is None) == (result.due_count == 0)
    assert (result.demonstrated is None) == (result.demonstrated_state != "measured")
    assert result.delivery_record is None or 0 <= result.delivery_record <= 100
    assert (result.delivery_record is None) == (result.delivery_due_count == 0)
    assert result.due_count <= result.delivery_due_count
    assert result.delivered_count + result.partial_count <= result.due_count
    assert 0 <= result.highest_risk_accepted <= 5
    assert result.risk_accepted_points >= 0
    assert result.stated_willingness is None or 0 <= result.stated_willingness <= 100
    assert result.absorptive_capacity is None or 1 <= result.absorptive_capacity <= 5
    assert [f.rule for f in result.flags] == sorted(
        (f.rule for f in result.flags), key=list(method.FLAG_RULES).index
    )


@FIGURES
@quick
@given(plans(min_deliverables=1), picks)
def test_delivering_any_deliverable_never_lowers_the_score(
    figure: str, inputs: AssessmentInputs, pick: int
) -> None:
    index = pick % len(inputs.deliverables)
    assert not_lower(score(with_status(inputs, index, DELIVERED), figure), score(inputs, figure))


@FIGURES
@quick
@given(plans(min_deliverables=1), picks)
# Due and delivered (risk 1) beside a partial not due until FY2029 (risk 5): were the
# partial counted early, the score would be (1 + 2.5) / 6 = 58 and canceling it would
# raise it to 100.
@example(
    AssessmentInputs(
        as_of=date(2027, 9, 30),
        first_fiscal_year=FIRST_FY,
        last_fiscal_year=LAST_FY,
        deliverables=(
            Deliverable(1, "Designate a unit", "other", 1, DELIVERED, 2027, 1, True),
            Deliverable(2, "Merit promotion", "other", 5, PARTIAL, 2029, 1, True),
        ),
        us_inputs=(),
        ratings=PlannerRatings(*(Rating(None) for _ in fields(PlannerRatings))),
    ),
    1,
)
def test_canceling_any_deliverable_never_raises_the_score(
    figure: str, inputs: AssessmentInputs, pick: int
) -> None:
    index = pick % len(inputs.deliverables)
    assert not_higher(score(with_status(inputs, index, CANCELLED), figure), score(inputs, figure))


@FIGURES
@quick
@given(plans(), deliverables(id=99), st.sampled_from([VERBAL_ONLY, CANCELLED]))
def test_adding_a_verbal_or_canceled_deliverable_never_raises_the_score(
    figure: str, inputs: AssessmentInputs, added: Deliverable, status: str
) -> None:
    added = replace(added, status=status, delivered_on=None)
    more = replace(inputs, deliverables=(*inputs.deliverables, added))
    assert not_higher(score(more, figure), score(inputs, figure))


@FIGURES
@quick
@given(plans(min_deliverables=1), picks)
def test_turning_any_deliverable_into_a_verbal_assurance_never_raises_the_score(
    figure: str, inputs: AssessmentInputs, pick: int
) -> None:
    index = pick % len(inputs.deliverables)
    assert not_higher(score(with_status(inputs, index, VERBAL_ONLY), figure), score(inputs, figure))


@quick
@given(plans(), deliverables(id=99), st.integers(min_value=1, max_value=2))
def test_adding_a_costless_deliverable_never_changes_demonstrated_commitment(
    inputs: AssessmentInputs, added: Deliverable, risk: int
) -> None:
    # Accepting a gift or doing paperwork (political risk 1 or 2) demonstrates nothing,
    # whatever its status: delivered, early, late or not at all.
    more = replace(inputs, deliverables=(*inputs.deliverables, replace(added, political_risk=risk)))
    before, after = assess(inputs), assess(more)
    assert (after.demonstrated, after.demonstrated_state) == (
        before.demonstrated,
        before.demonstrated_state,
    )


@quick
@given(plans(min_deliverables=1), picks)
def test_partial_never_beats_delivered(inputs: AssessmentInputs, pick: int) -> None:
    index = pick % len(inputs.deliverables)
    partial = assess(with_status(inputs, index, PARTIAL))
    delivered = assess(with_status(inputs, index, DELIVERED))
    assert not_lower(delivered.demonstrated, partial.demonstrated)
    assert delivered.risk_accepted_points >= partial.risk_accepted_points
    assert delivered.highest_risk_accepted >= partial.highest_risk_accepted


@quick
@given(plans())
def test_stored_inputs_and_results_round_trip_through_json(inputs: AssessmentInputs) -> None:
    result = assess(inputs)
    stored_inputs = json.loads(json.dumps(inputs.to_dict()))
    stored_result = json.loads(json.dumps(result.to_dict()))
    assert AssessmentInputs.from_dict(stored_inputs) == inputs
    assert CommitmentResult.from_dict(stored_result) == result


def test_decimal_costs_keep_their_precision_in_storage() -> None:
    # Equality of Decimals ignores trailing zeros; the stored text must not.
    cost = Decimal("1250000.10")
    stored = USInput(1, "Boats", "equipment", 2027, cost, ()).to_dict()
    assert stored["estimated_cost"] == "1250000.10"
