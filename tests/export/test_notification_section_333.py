"""The notification maps every element of 10 U.S.C. 333(a), (b), (c)(2) and (e) from the IDD,
or lists it as missing (issue 28)."""

import datetime as dt

import pytest

from idd.document.snapshot import load, snapshot
from idd.export.notification_blocks import Facts, Table
from idd.export.notification_elements import elements
from idd.models import Initiative, ProgramComponent
from tests import factories

pytestmark = pytest.mark.django_db


def by_slug(initiative) -> dict:
    return {e.slug: e for e in elements(snapshot(load(initiative.pk)))}


def facts(element) -> dict[str, str]:
    return dict(next(b for b in element.blocks if isinstance(b, Facts)).rows)


def test_a_new_initiative_lists_every_statutory_element_as_missing(db):
    empty = by_slug(factories.InitiativeFactory())

    assert empty["purposes"].lacks == ("the statutory purposes (333(a))",)
    assert empty["state"].lacks == (
        "the State office that concurs (333(b))",
        "the State official who concurs (333(b))",
        "the day State concurred, or the day its concurrence was requested",
        "how the program is planned jointly with State (333(b))",
    )
    assert empty["components"].lacks == (
        "the law of armed conflict, human rights and civilian harm training component: what, "
        "who, when",
        "the institutional capacity building component: what, who, when",
    )
    assert "the integrated country strategy objective it serves" in empty["campaign"].lacks
    assert empty["campaign"].not_recorded == (), "the IDD records it now"
    assert empty["construction"].lacks == ()
    assert facts(empty["construction"]) == {"Construction projects": "None planned"}


def test_a_complete_initiative_maps_every_element(owner, teammate):
    initiative = factories.complete_initiative(owner, teammate)
    Initiative.objects.filter(pk=initiative.pk).update(
        state_concurred_on=None, state_concurrence_requested_on=dt.date(2026, 1, 5)
    )
    boats = initiative.us_inputs.get()
    ProgramComponent.objects.get(initiative=initiative, kind="loac").us_inputs.set([boats])

    mapped = by_slug(initiative)

    statutory = ("purposes", "state", "campaign", "construction", "components")
    assert {s: mapped[s].lacks for s in statutory if mapped[s].lacks} == {}
    assert facts(mapped["purposes"]) == {
        "Purpose 1": "Counter-transnational organized crime operations",
        "Purpose 2": "Maritime and border security operations",
    }
    state = facts(mapped["state"])
    assert state["State official"] == "Jane Roe, Deputy Assistant Secretary"
    assert (state["Concurred on"], state["Concurrence requested on"]) == ("Not yet", "5 Jan 2026")
    table = next(b for b in mapped["components"].blocks if isinstance(b, Table))
    assert table.rows[0] == (
        "Law of armed conflict, human rights and civilian harm training",
        "Its syllabus.",
        "A DoD team.",
        "FY2027",
        boats.reference,
    )
    assert table.rows[1][-1] == "None"
    texts = [b.body for b in mapped["campaign"].blocks]
    assert "Mission Goal 2: Kestrela secures its maritime domain." in texts


def test_each_construction_project_gives_its_location_title_and_cost(owner, teammate):
    initiative = factories.complete_initiative(owner, teammate)
    pier = factories.USInputFactory(
        initiative=initiative,
        title="Pier",
        category="construction",
        estimated_cost=900_000,
        construction_location="Port Vell naval base",
        construction_project_title="Patrol boat pier",
        dd1391_reference="1391-PV-01.pdf",
    )

    construction = by_slug(initiative)["construction"]

    table = next(b for b in construction.blocks if isinstance(b, Table))
    assert table.rows == (
        (
            pier.reference,
            "Patrol boat pier",
            "Port Vell naval base",
            "$900,000",
            "1391-PV-01.pdf",
            "Not attached",
        ),
    )
    assert construction.lacks == (f"construction {pier.reference} “Pier”: its master plan",)


def test_a_revision_stored_before_the_elements_lists_them_as_missing(owner, teammate):
    doc = snapshot(load(factories.complete_initiative(owner, teammate).pk))
    for key in ("section_333", "statutory_purposes"):
        del doc["basics"][key]  # type: ignore[misc]
    for key in ("ics_objective", "state_concurrence_office", "state_joint_planning"):
        del doc["context"][key]  # type: ignore[misc]
    del doc["program_components"]

    stored = {e.slug: e for e in elements(doc)}

    assert stored["purposes"].lacks == ("the statutory purposes (333(a))",)
    assert "the State office that concurs (333(b))" in stored["state"].lacks
    assert stored["components"].lacks == (
        "the program's training and institutional capacity building components",
    )
