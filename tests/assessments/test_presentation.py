"""What the commitment screens show, built from stored data: every figure explained."""

import json
from datetime import date

import pytest
from django.template.loader import render_to_string

from assessments import method, presentation
from assessments.method import DELIVERED, MISSED, PARTIAL
from assessments.presentation import (
    commitment_view,
    figures,
    method_facts,
    rating_rows,
    unjustified_ratings,
)
from assessments.scoring import (
    AssessmentInputs,
    Deliverable,
    PlannerRatings,
    Rating,
    assess,
)


def stored(ratings: PlannerRatings, *deliverables: Deliverable) -> dict:
    """The snapshot's commitment dict for a plan assessed on 30 Sep 2027, as stored."""
    inputs = AssessmentInputs(date(2027, 9, 30), 2027, 2031, deliverables, (), ratings)
    return json.loads(
        json.dumps(
            {
                "inputs": inputs.to_dict(),
                "result": assess(inputs).to_dict(),
                "as_of_label": "30 Sep 2027",
            }
        )
    )


def rated(**scores: tuple[int | None, str]) -> PlannerRatings:
    names = ["physical_risk", *(n for n, _ in method.WILLINGNESS_RATINGS)]
    names += [n for n, _ in method.CAPACITY_RATINGS]
    return PlannerRatings(**{n: Rating(*scores.get(n, (None, ""))) for n in names})


def _parts(commitment: dict) -> dict:
    return {"inputs": commitment["inputs"], "result": commitment["result"]}


PLAN = (
    Deliverable(1, "Designate the unit", "unit_designation", 2, DELIVERED, 2027, 1, True),
    Deliverable(2, "Fund fuel", "sustainment_funding", 3, PARTIAL, 2027, 2, True),
    Deliverable(3, "Provide a pier", "facilities", 2, MISSED, 2027, 3, True),
)
RATINGS = rated(
    physical_risk=(4, "Armed smugglers"),
    motivation=(4, "Strategy names it"),
    intensity=(4, "Protests"),
    salience=(3, "Finance delays"),
    personnel=(2, "Two crews"),
    budget=(1, "No line"),
    maintenance=(1, "Six mechanics"),
    institutions=(2, "No law"),
)


def test_every_figure_says_where_it_came_from() -> None:
    commitment = stored(RATINGS, *PLAN)
    shown = {f.label: (f.value, f.explanation) for f in figures(**_parts(commitment))}
    # Costly acts only (v3): the risk-3 fuel funding, partial: 3x0.5 = 1.5 of 3 -> 50.
    assert shown["Demonstrated commitment (costly acts)"] == (
        "50 of 100",
        "0 of 1 costly partner deliverable (political risk 3 or more) due by 30 Sep 2027 "
        "delivered, 1 partially; risk-weighted 50% (1.5 of 3 political-risk points).",
    )
    # Every due deliverable: 2x1 + 3x0.5 + 2x0 = 3.5 of 7 -> 50.
    assert shown["Delivery record (reliability, not commitment)"] == (
        "50 of 100",
        "Reliability, not commitment: 1 of 3 partner deliverables due by 30 Sep 2027 "
        "delivered, 1 partially; risk-weighted 50% (3.5 of 7 political-risk points).",
    )
    assert shown["Political risk accepted"][0] == "3 – Budgetary"
    # Willingness (4 + 4 + 3) / 3 = 11/3 -> (11/3 - 1) / 4 x 100 = 66.7 -> 67.
    assert shown["Stated willingness"] == (
        "67 of 100",
        "Mean of the planner's ratings of motivation 4, intensity 4 and "
        "salience to the decision maker 3 (each 1–5), rescaled from 1–5 to 0–100.",
    )
    assert shown["Stated minus demonstrated"][0] == "17 points"
    # Capacity (2 + 1 + 1 + 2) / 4 = 1.5.
    assert shown["Absorptive capacity"] == (
        "1.5 of 5",
        "Mean of the planner's ratings of personnel 2, budget 1, maintenance and logistics 1 "
        "and institutions 2 (each 1–5).",
    )
    assert shown["Quadrant"][0] == "Committed"


def test_unrated_figures_say_what_is_missing() -> None:
    commitment = stored(rated(motivation=(4, "why")), *PLAN)
    shown = {f.label: (f.value, f.explanation) for f in figures(**_parts(commitment))}
    assert shown["Stated willingness"] == (
        "Not rated",
        "Not computed until every part is rated; not rated yet: intensity, "
        "salience to the decision maker.",
    )
    assert shown["Quadrant"][0] == "Not placed"


def test_nothing_due_reads_not_yet_observable() -> None:
    early = Deliverable(1, "Fund fuel", "budget", 3, PARTIAL, 2029, 1, True)
    (demonstrated, record, us_record, accepted, *_) = figures(**_parts(stored(RATINGS, early)))
    assert (demonstrated.value, record.value) == ("Not yet observable", "Not yet observable")
    assert us_record.value == "Not yet observable"
    assert demonstrated.explanation.startswith("Not yet observable: no costly partner deliverable")
    # Delivered in part already: its political risk is accepted even before it is due.
    assert accepted.value == "3 – Budgetary"


def test_ratings_are_labelled_and_unjustified_ones_named() -> None:
    ratings = rated(physical_risk=(4, "Armed smugglers"), budget=(2, "  "), salience=(None, ""))
    rows = rating_rows(ratings.to_dict())
    assert [(r.group, r.label) for r in rows[:2]] == [
        ("Threat", "Physical risk"),
        ("Stated willingness", "Motivation"),
    ]
    assert unjustified_ratings(ratings.to_dict()) == ["Budget"]


def test_the_view_puts_stored_assessments_before_the_current_one() -> None:
    commitment = stored(RATINGS, *PLAN)
    earlier = {
        "kind_label": "Baseline",
        "assessed_on_label": "31 Mar 2027",
        "result": commitment["result"] | {"demonstrated": None, "stated_willingness": 92},
    }
    view = commitment_view(commitment | {"history": [earlier]})
    assert [p.caption for p in view.points] == ["Baseline, 31 Mar 2027", "Current, 30 Sep 2027"]
    assert [p.current for p in view.points] == [False, True]
    assert view.trend.columns[0].demonstrated is None


def test_help_text_reads_every_number_from_the_method(monkeypatch) -> None:
    # Change a threshold and a weight: the help follows, because nothing is retyped.
    monkeypatch.setattr(method, "RHETORIC_GAP", 45)
    monkeypatch.setitem(method.CREDIT, PARTIAL, 0.25)
    facts = method_facts()
    assert facts["rhetoric_gap"] == 45
    assert {"status": "Partially delivered", "credit": "0.25"} in facts["credit"]
    html = render_to_string("assessments/method_help.html", {"h": 3})
    assert "stated willingness 45 or more points" in " ".join(html.split())
    assert '<td class="numeric">0.25</td>' in html
    assert "our own method, derived from Phil W. Reynolds" in " ".join(html.split())


@pytest.mark.parametrize(
    ("value", "explanation", "line"),
    [
        (
            "62",
            "Two of three costly deliverables delivered.",
            "62. Two of three costly deliverables delivered.",
        ),
        (
            "Not yet observable",
            "Not yet observable: nothing is due yet.",
            "Not yet observable: nothing is due yet.",
        ),
        (
            "Dependent",
            "Low risk accepted, high capacity: Dependent.",
            "Low risk accepted, high capacity: Dependent.",
        ),
        ("5", "15 deliverables planned.", "5. 15 deliverables planned."),
        ("Strong", "", "Strong"),
    ],
)
def test_a_figure_in_running_text_says_its_value_once(value, explanation, line):
    """The notification read "Not yet observable. Not yet observable: ..." (the walk)."""
    assert presentation.Figure("Demonstrated", value, explanation).in_one_line() == line
