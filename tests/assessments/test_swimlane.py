"""The swimlane timeline: accessible SVG with a table alternative, readable at 5 FY x 80."""

import re
from datetime import date

from django.template.loader import render_to_string

from assessments.inputs import AssessmentInputs, Deliverable, USInput
from assessments.method import (
    CANCELLED,
    DELIVERED,
    MISSED,
    PARTIAL,
    PLANNED,
    US_INPUT_AHEAD_OF_PARTNER,
)
from assessments.plan_checks import plan_checks
from assessments.swimlane import WIDTH, swimlane_chart
from tests.assessments.test_scoring import ratings

STATUSES = (DELIVERED, PARTIAL, PLANNED, MISSED, PLANNED, CANCELLED, PLANNED, DELIVERED)


def big_plan(as_of: date = date(2029, 6, 1)) -> AssessmentInputs:
    """5 fiscal years, 80 deliverables (4 a quarter), 10 U.S. inputs gated on them."""
    deliverables = tuple(
        Deliverable(
            id=n,
            title=f"Deliverable <{n}> & co",
            category="other",
            political_risk=n % 5 + 1,
            status=STATUSES[n % len(STATUSES)],
            fiscal_year=2027 + (n - 1) // 16,
            quarter=(n - 1) // 4 % 4 + 1,
            has_verification=True,
        )
        for n in range(1, 81)
    )
    inputs = tuple(
        USInput(
            id=100 + i,
            title=f"Input {i}",
            category="equipment",
            fiscal_year=2027 + i // 2 - (i % 4 == 3),  # two inputs a year ahead
            estimated_cost=None,
            matched_deliverable_ids=(i * 8 + 1, i * 8 + 5),
        )
        for i in range(10)
    )
    return AssessmentInputs(as_of, 2027, 2031, deliverables, inputs, ratings())


def test_every_deliverable_and_input_is_drawn_within_the_page_width() -> None:
    chart = swimlane_chart(big_plan())
    assert (len(chart.deliverables), len(chart.inputs)) == (80, 10)
    assert [y.label for y in chart.years] == ["FY2027", "FY2028", "FY2029", "FY2030", "FY2031"]
    assert len(chart.columns) == 20
    for marker in (*chart.deliverables, *chart.inputs):
        assert 0 < marker.x < WIDTH and 0 < marker.y < chart.height
    # Four deliverables a quarter stack without overlapping.
    spots = {(m.x, m.y) for m in chart.deliverables}
    assert len(spots) == 80
    assert len(chart.links) == 20


def test_state_is_derived_at_the_date_and_said_in_words() -> None:
    plan = AssessmentInputs(
        date(2027, 9, 30),
        2027,
        2028,
        (
            Deliverable(1, "Fund fuel", "budget", 3, PLANNED, 2027, 1, True),
            Deliverable(2, "Raise pay", "other", 4, DELIVERED, 2027, 1, True, date(2027, 2, 2)),
            Deliverable(3, "Pass the law", "legislation", 5, PLANNED, 2028, 2, True),
        ),
        (USInput(9, "Patrol boats", "equipment", 2027, None, (3,)),),
        ratings(),
    )
    chart = swimlane_chart(plan)
    states = [row.state for row in chart.deliverable_rows]
    assert states == [
        "Overdue: due, not delivered since 31 Dec 2026",
        "Delivered, 2 months late",
        "Planned",
    ]
    assert [m.shape for m in chart.deliverables] == ["overdue", "delivered", "planned"]
    (row,) = chart.input_rows
    assert (row.gated_on, row.ahead) == ("D3", True)  # FY2027 input, FY2028 deliverable
    assert chart.links[0].ahead


def test_the_svg_has_title_desc_and_the_table_alternative_escaped() -> None:
    chart = swimlane_chart(big_plan())
    html = render_to_string(
        "assessments/swimlane_figure.html", {"chart": chart, "id_prefix": "lane"}
    )
    assert '<title id="lane-title">Timeline: partner deliverables' in html
    assert '<desc id="lane-desc">Timeline FY2027 to FY2031' in html
    assert 'aria-labelledby="lane-title" aria-describedby="lane-desc"' in html
    assert '-deliverables">Partner deliverables on the timeline, by reference</caption>' in html
    assert len(re.findall(r"<tr><td data-label=\"Ref.\">D\d+</td>", html)) == 80
    assert "Deliverable &lt;7&gt; &amp; co" in html and "<7>" not in html
    # The partner has acted on every gate of the inputs planned a year ahead: none is ahead.
    assert "Yes: the U.S. gives first" not in html
    for words in ("Delivered", "Overdue", "Planned", "Missed", "Canceled"):
        assert f">{words}</text>" in html  # the legend names every shape


def quarter_plan(*inputs: USInput) -> AssessmentInputs:
    """FY2027-FY2028, one deliverable due FY2027 Q2, the given U.S. inputs gated on it."""
    deliverable = Deliverable(1, "Designate the unit", "other", 3, PLANNED, 2027, 2, True)
    return AssessmentInputs(date(2026, 10, 1), 2027, 2028, (deliverable,), inputs, ratings())


def test_a_us_input_is_drawn_in_its_quarter_and_the_table_agrees_with_the_plan_check() -> None:
    # Issue 24 item 1: an FY2027 Q4 input was drawn in Q1 with a dashed line back to a Q2
    # deliverable, and its row said "No" beside a plan check that said the opposite.
    late = USInput(7, "Boats", "equipment", 2027, None, (1,), fiscal_quarter=4)
    early = USInput(8, "Radios", "equipment", 2027, None, (1,), fiscal_quarter=1)
    unknown = USInput(9, "Training", "training", 2027, None, (1,))
    plan = quarter_plan(late, early, unknown)
    chart = swimlane_chart(plan)
    x_of = {column.label + str(i // 4): column.x for i, column in enumerate(chart.columns)}
    u_late, u_early, u_unknown = chart.inputs
    assert u_late.x == x_of["Q40"]  # FY2027 Q4, not Q1
    assert u_early.x == x_of["Q10"]
    assert x_of["Q20"] < u_unknown.x < x_of["Q30"]  # the year, no quarter implied
    assert [row.when for row in chart.input_rows] == [
        "FY2027 Q4",
        "FY2027 Q1",
        "FY2027",
    ]
    assert u_late.tooltip == "U1. Boats: FY2027 Q4, gated on D1"
    assert u_unknown.tooltip == "U3. Training: FY2027, quarter not set, gated on D1"
    # The dashed "gives first" line and the table's column say what the plan check says.
    assert [link.ahead for link in chart.links] == [False, True, False]
    assert [row.ahead for row in chart.input_rows] == [False, True, False]
    flagged = {f.row_id for f in plan_checks(plan) if f.rule == US_INPUT_AHEAD_OF_PARTNER}
    assert flagged == {8}


def test_the_table_says_which_input_the_us_gives_first_and_when() -> None:
    early = USInput(8, "Radios", "equipment", 2027, None, (1,), fiscal_quarter=1)
    html = render_to_string(
        "assessments/swimlane_figure.html", {"chart": swimlane_chart(quarter_plan(early))}
    )
    assert '<td data-label="When">FY2027 Q1</td>' in html
    assert "Yes: the U.S. gives first" in html
