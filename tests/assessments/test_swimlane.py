"""The swimlane timeline: accessible SVG with a table alternative, readable at 5 FY x 80."""

import re
from datetime import date

from django.template.loader import render_to_string

from assessments.inputs import AssessmentInputs, Deliverable, USInput
from assessments.method import CANCELLED, DELIVERED, MISSED, PARTIAL, PLANNED
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
    assert (row.gated_on, row.ahead) == ("3", True)  # FY2027 input, FY2028 deliverable
    assert chart.links[0].ahead


def test_the_svg_has_title_desc_and_the_table_alternative_escaped() -> None:
    chart = swimlane_chart(big_plan())
    html = render_to_string(
        "assessments/swimlane_figure.html", {"chart": chart, "id_prefix": "lane"}
    )
    assert '<title id="lane-title">Timeline: partner deliverables' in html
    assert '<desc id="lane-desc">Timeline FY2027 to FY2031' in html
    assert 'aria-labelledby="lane-title" aria-describedby="lane-desc"' in html
    assert '-deliverables">Partner deliverables on the timeline, by number</caption>' in html
    assert len(re.findall(r"<tr><td class=\"numeric\" data-label=\"#\">\d+</td>", html)) == 80
    assert "Deliverable &lt;7&gt; &amp; co" in html and "<7>" not in html
    assert "Yes: the U.S. gives first" in html
    for words in ("Delivered", "Overdue", "Planned", "Missed", "Canceled"):
        assert f">{words}</text>" in html  # the legend names every shape
