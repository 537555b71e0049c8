"""A bad file is refused whole: every problem listed with its path, nothing written."""

import json

import pytest
from django.apps import apps

from idd.document.completeness import missing_parts
from idd.exchange.export import export_initiative
from idd.exchange.importer import import_initiative
from idd.exchange.problems import ImportRefused
from idd.exchange.reading import MAX_BYTES, MAX_DEPTH
from idd.models.organization import organization_of
from tests import factories
from tests.exchange.builders import full_initiative

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def refused(data, importer=None) -> list[str]:
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    before = row_counts()
    with pytest.raises(ImportRefused) as caught:
        import_initiative(content, importer)
    assert row_counts() == before, "a refused file must write nothing"
    return caught.value.problems


@pytest.fixture
def exported():
    return export_initiative(full_initiative())


def test_every_problem_is_listed_with_its_path_and_nothing_is_written(exported):
    data = exported["initiative"]
    data["deliverables"][1]["due_quarter"] = 5
    data["deliverables"][0]["delivered_on"] = "31/01/2027"
    data["title"] = "x" * 201
    data["risks"][0]["likelihood"] = "3"
    data["us_inputs"][0]["gated_on"] = [7]
    data["comments"][1]["reply_to"] = 1
    data["yearly_objectives"][0]["indicators"][0]["measurements"][0]["measured_on"] = None
    data["revisions"][0]["snapshot"] = "a PDF"
    data["decisions"][0]["outcome"] = "maybe"
    data["ratings"]["budget"] = 9
    data["deliverables"][0]["colour"] = "red"
    del data["risks"][0]["category"]
    problems = refused(exported)
    expected = [
        "initiative.deliverables[1].due_quarter: ",
        "initiative.deliverables[0].delivered_on: must be a date written YYYY-MM-DD",
        "initiative.title: Keep this to 200 characters or fewer",
        "initiative.risks[0].likelihood: must be a whole number",
        "initiative.us_inputs[0].gated_on: must be a list of positions",
        "initiative.comments[1].reply_to: must be null or the position",
        "initiative.yearly_objectives[0].indicators[0].measurements[0].measured_on: must not "
        "be null",
        "initiative.revisions[0].snapshot: must be a stored snapshot",
        "initiative.decisions[0].outcome: ",
        "initiative.ratings.budget: ",
        "initiative.deliverables[0].colour: unknown key",
        "initiative.risks[0].category: required",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert len(problems) == len(expected), problems


def test_rows_are_checked_against_the_initiative_they_come_with(exported):
    exported["initiative"]["deliverables"][0]["due_fiscal_year"] = 2040
    exported["initiative"]["prior_assistance"][0]["fiscal_year"] = 2030
    assert refused(exported) == [
        "initiative.prior_assistance[0].fiscal_year: Prior assistance covers the three fiscal "
        "years before the initiative: FY2024–FY2026.",
        "initiative.deliverables[0].due_fiscal_year: FY2040 is outside this initiative's "
        "fiscal years (FY2027–FY2031).",
    ]


def test_the_rows_of_an_initiative_with_problems_are_still_checked(exported):
    exported["initiative"]["ccmd"] = "MOONCOM"
    exported["initiative"]["deliverables"][0]["political_risk"] = 0
    problems = refused(exported)
    assert [p.split(":")[0] for p in problems] == [
        "initiative.ccmd",
        "initiative.deliverables[0].political_risk",
    ]


def test_a_file_of_another_version_is_refused_naming_those_read(exported):
    exported["version"] = 4
    assert refused(exported) == [
        "version: is 4; this installation reads versions 1, 2 and 3 of the format "
        "(see docs/exchange-format.md)"
    ]


def test_a_version_1_file_still_imports(exported, owner):
    """Version 2 added the marking, the acknowledged plan checks and what the U.S. did
    about each input; a version-1 file has none of them."""
    exported["version"] = 1
    del exported["marking"]
    for submission in exported["initiative"]["submissions"]:
        del submission["acknowledged_checks"]
    for row in exported["initiative"]["us_inputs"]:
        for key in (
            "status",
            "delivered_on",
            "cancel_reason",
            "delay_cause",
            "delay_note",
            "delivery_recorded_by",
            "delivery_recorded_at",
        ):
            del row[key]
    imported = import_initiative(json.dumps(exported).encode(), owner)
    assert imported.initiative.title == exported["initiative"]["title"]
    statuses = set(imported.initiative.us_inputs.values_list("status", flat=True))
    assert statuses == {"planned"}


# What version 3 added (issue 28: what Section 333 asks).
VERSION_3_INITIATIVE_KEYS = (
    "statutory_purposes",
    "ics_objective",
    "state_concurrence_office",
    "state_concurrence_person",
    "state_concurred_on",
    "state_concurrence_requested_on",
    "state_joint_planning",
    "program_components",
)
VERSION_3_US_INPUT_KEYS = (
    "construction_location",
    "construction_project_title",
    "dd1391_reference",
    "master_plan_reference",
)


def test_a_version_2_file_still_imports_and_lists_section_333_elements_as_missing(exported, owner):
    exported["version"] = 2
    for key in VERSION_3_INITIATIVE_KEYS:
        del exported["initiative"][key]
    for row in exported["initiative"]["us_inputs"]:
        for key in VERSION_3_US_INPUT_KEYS:
            del row[key]

    imported = import_initiative(json.dumps(exported).encode(), owner).initiative

    assert imported.title == exported["initiative"]["title"]
    assert imported.statutory_purposes == [] and imported.ics_objective == ""
    assert not imported.program_components.exists()
    if imported.is_section_333:
        assert "Basics: the statutory purposes (333(a))" in missing_parts(imported)


def test_a_component_names_the_us_inputs_that_deliver_it_by_position(exported):
    component = {"kind": "loac", "what": "Rules of engagement", "delivered_by": [0, 9]}
    exported["initiative"]["program_components"] = [component]
    count = len(exported["initiative"]["us_inputs"])
    assert refused(exported) == [
        "initiative.program_components[0].delivered_by: must be a list of positions (from 0) "
        f"in us_inputs, below {count}"
    ]


def test_a_file_that_is_not_an_initiative_is_refused():
    assert refused({"format": "something-else"})[0].startswith("format: must be")
    assert refused(b"\xff\xfe")[0].startswith("(file): is not UTF-8")
    assert refused(b'{"format": ')[0].startswith("(file): is not valid JSON")
    assert refused(b"[]")[0] == "(file): must be a JSON object"


def test_size_and_depth_are_limited_before_anything_else():
    assert refused(b" " * (MAX_BYTES + 1))[0].startswith("(file): is 20,971,521 bytes")
    deep = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    assert refused(deep) == [f"(file): is nested more than {MAX_DEPTH} levels deep"]
    very_deep = b"[" * 200_000 + b"]" * 200_000
    assert refused(very_deep) == [f"(file): is nested more than {MAX_DEPTH} levels deep"]


def test_people_without_an_account_here_are_a_problem_unless_someone_stands_in(exported):
    exported["initiative"]["owner"] = "gone"
    exported["initiative"]["team_members"] = ["gone", "left"]
    problems = refused(exported)
    assert problems[0].startswith("initiative.owner: no user here is called “gone”")
    assert "initiative.team_members[1]: no user here is called “left”" in problems[-1]
    importer = factories.planner(username="importer")
    imported = import_initiative(json.dumps(exported).encode(), importer)
    assert imported.initiative.owner == importer
    assert list(imported.initiative.team_members.all()) == [importer]
    assert imported.notes == [
        "No user here is called “gone”: importer stands in for them.",
        "No user here is called “left”: importer stands in for them.",
    ]


def test_a_partner_not_known_here_is_created_and_said(exported):
    exported["initiative"]["partner"] = {"country": "Novaterra", "ccmd": "EUCOM"}
    imported = import_initiative(json.dumps(exported).encode())
    assert imported.initiative.partner.country == "Novaterra"
    assert imported.initiative.partner.ccmd == "EUCOM"
    assert "Created the partner “Novaterra”, not known here before." in imported.notes
    assert [u.partner.country for u in imported.initiative.targeted_units.all()] == ["Novaterra"]


def test_a_created_partner_is_kept_by_the_importers_command(exported, owner):
    exported["initiative"]["partner"] = {"country": "Novaterra", "ccmd": "EUCOM"}
    assert "kept_by" not in exported["initiative"]["partner"]  # this installation's own
    imported = import_initiative(json.dumps(exported).encode(), owner)
    assert imported.initiative.partner.kept_by == organization_of(owner).command()


def test_an_unknown_status_is_refused(exported):
    exported["initiative"]["status"] = "lost"
    assert refused(exported)[0].startswith("initiative.status: “lost” is not one of: draft")


def test_hostile_values_are_problems_not_tracebacks(exported):
    data = exported["initiative"]
    data["deliverables"][0]["quantity"] = 10**100
    data["deliverables"][1]["quantity"] = 2.5
    data["us_inputs"][0]["estimated_cost"] = 10**20
    data["risks"][0]["position"] = -1
    data["problem_statement"] = "nul \x00 byte"
    data["updated_at"] = "2027-01-31T14:05:00"
    data["team_members"] = "owner"
    data["yearly_objectives"] = {"not": "a list"}
    problems = refused(exported)
    assert sorted(p.split(":")[0] for p in problems) == sorted(
        [
            "initiative.problem_statement",
            "initiative.updated_at",
            "initiative.team_members",
            "initiative.yearly_objectives",
            "initiative.risks[0].position",
            "initiative.deliverables[0].quantity",
            "initiative.deliverables[1].quantity",
            "initiative.us_inputs[0].estimated_cost",
        ]
    ), problems
