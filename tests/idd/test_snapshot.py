import json

import pytest

from idd.document.snapshot import load, snapshot

pytestmark = pytest.mark.django_db


def test_snapshot_is_plain_json_with_every_section(maritime):
    doc = json.loads(json.dumps(snapshot(load(maritime.pk))))
    assert set(doc) >= {"meta", "basics", "context", "deliverables", "us_inputs", "timeline"}
    assert len(doc["deliverables"]) == 8
    assert doc["us_inputs"][0]["matched_deliverable_ids"]
    assert [year["fiscal_year"] for year in doc["timeline"]] == [2026, 2027, 2028, 2029, 2030]


def test_snapshot_query_count_is_fixed(maritime, django_assert_max_num_queries):
    # +2 for the approval block and revision history (review decisions, revisions); +1 for
    # the indicators' measurements (monitoring); +2 for the profiles of the team and of the
    # reviewers named in the coordination block; +2 for Section 333's program components
    # and the U.S. inputs that deliver them; +1 for the lessons learned; +2 for the staffing
    # routes' office decisions and their offices. Fixed: not one per row or person.
    with django_assert_max_num_queries(21):
        snapshot(load(maritime.pk))
