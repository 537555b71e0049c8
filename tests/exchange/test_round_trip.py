"""Export, import, export again: the same file, apart from ids and the export's time."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idd.exchange.export import export_initiative
from idd.models import Initiative, Revision
from idd.reference.limits import MOST_DOLLARS
from tests import factories
from tests.exchange.builders import full_initiative
from tests.exchange.roundtrip import comparable, round_trip

pytestmark = pytest.mark.django_db

# Text as planners type it: accents, dashes, quotes, and what starts a spreadsheet formula.
line = st.text(st.characters(codec="utf-8", exclude_categories=("C", "Zl", "Zp")), max_size=40)
words = line.filter(lambda t: t.strip() == t and t)


def test_every_kind_of_row_round_trips_exactly():
    initiative = full_initiative()
    first, again, imported = round_trip(initiative)
    assert comparable(again) == comparable(first)
    data = first["initiative"]
    assert data["status"] == "approved" and data["team_members"]
    assert data["yearly_objectives"][0]["indicators"][0]["measurements"][0]["value"] == "40"
    assert sorted(u["gated_on"] for u in data["us_inputs"]) == [[], [], [0, 1]]
    pier = next(n for n, u in enumerate(data["us_inputs"]) if u["title"] == "Pier")
    assert [c["delivered_by"] for c in data["program_components"]] == [[pier]]
    assert data["us_inputs"][pier]["dd1391_reference"] == "1391-17.pdf"
    assert data["statutory_purposes"] == ["maritime_border", "coalition"]
    linked = imported.program_components.get().us_inputs.get()
    assert (linked.title, linked.initiative_id) == ("Pier", imported.pk)
    assert [c["reply_to"] for c in data["comments"]] == [None, 0]
    assert imported.status == "approved" and imported.revision == initiative.revision


def test_the_imported_rows_are_new_rows_linked_among_themselves():
    initiative = full_initiative()
    _, _, imported = round_trip(initiative)
    old = {d.pk for d in initiative.partner_deliverables.all()}
    new = imported.partner_deliverables.all()
    assert not old & {d.pk for d in new}
    gated = imported.us_inputs.exclude(matched_deliverables=None).get().matched_deliverables.all()
    assert {d.initiative_id for d in gated} == {imported.pk}
    reply = imported.review_comments.exclude(parent=None).get()
    assert reply.parent.initiative_id == imported.pk


def test_an_imported_revision_names_its_new_initiative_and_its_pdf_is_renderable():
    _, _, imported = round_trip(full_initiative())
    revision = Revision.objects.get(initiative=imported)
    assert revision.snapshot["meta"]["id"] == imported.pk
    assert revision.pdf.name.startswith(f"revisions/initiative-{imported.pk}-revision-1-")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=words,
    prose=st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=80)
    | st.sampled_from(["=SUM(A1)", "line one\nline two\ttab", ""]),
    deliverables=st.lists(
        st.tuples(
            st.integers(2027, 2031),
            st.integers(1, 4),
            st.integers(1, 5),
            st.sampled_from(["planned", "verbal_only", "partial", "missed", "cancelled"]),
            st.none() | st.integers(1, 10_000),
        ),
        max_size=5,
    ),
    inputs=st.lists(
        st.tuples(
            st.integers(2027, 2031),
            st.none() | st.integers(1, 4),
            st.none() | st.integers(0, MOST_DOLLARS),  # the bound every amount has
            st.lists(st.integers(0, 4), unique=True, max_size=3),
        ),
        max_size=4,
    ),
    risks=st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=3),
)
def test_generated_initiatives_round_trip(owner, title, prose, deliverables, inputs, risks):
    initiative = factories.InitiativeFactory(title=title, problem_statement=prose, owner=owner)
    made = [
        factories.PartnerDeliverableFactory(
            initiative=initiative,
            due_fiscal_year=year,
            due_quarter=quarter,
            political_risk=risk,
            status=status,
            quantity=quantity,
            evidence=prose,
        )
        for year, quarter, risk, status, quantity in deliverables
    ]
    for year, quarter, cost, gated in inputs:
        us_input = factories.USInputFactory(
            initiative=initiative,
            fiscal_year=year,
            fiscal_quarter=quarter,
            estimated_cost=cost,
            title=title,
        )
        us_input.matched_deliverables.set([made[n] for n in gated if n < len(made)])
    for likelihood, impact in risks:
        factories.RiskFactory(initiative=initiative, likelihood=likelihood, impact=impact)
    objective = factories.YearlyObjectiveFactory(initiative=initiative, objective=prose or "x")
    factories.IndicatorFactory(objective=objective, description=title)
    first, again, _ = round_trip(initiative)
    assert comparable(again) == comparable(first)


def test_every_demo_initiative_round_trips_exactly(fresh_demo):
    for initiative in Initiative.objects.order_by("pk"):
        first, again, imported = round_trip(initiative)
        assert imported.pk != initiative.pk
        assert comparable(again) == comparable(first)
        assert export_initiative(imported)["initiative"]["owner"] == first["initiative"]["owner"]
