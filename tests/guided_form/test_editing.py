"""The editing service: versions, navigation memory, row order, span checks."""

import pytest

from idd.forms.base import Move
from idd.forms.deliverables import DeliverablesStep, inputs_left_unmatched
from idd.models import Initiative, PartnerDeliverable
from idd.services.editing import save_step
from idd.services.locking import StaleEdit
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


def deliverables_post(client, initiative, owner, changes: dict) -> dict:
    """What the deliverables page would post, with changes."""
    client.force_login(owner)
    url = f"/initiatives/{initiative.pk}/edit/deliverables/"
    data = page_fields(client.get(url).content.decode())
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()} | changes


def test_a_save_claims_the_next_version_and_remembers_the_step(client, initiative, owner):
    factories.PartnerDeliverableFactory(initiative=initiative, title="Old")
    data = deliverables_post(client, initiative, owner, {"deliverables-0-title": "New"})
    step = DeliverablesStep(initiative, owner, data=data)
    assert step.is_valid()
    save_step(initiative, step, initiative.version, None, next_step="us-inputs")
    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.version, stored.last_step) == (2, "us-inputs")
    assert PartnerDeliverable.objects.get(initiative=initiative).title == "New"


def test_a_stale_save_writes_nothing(client, initiative, owner):
    factories.PartnerDeliverableFactory(initiative=initiative, title="Old")
    data = deliverables_post(client, initiative, owner, {"deliverables-0-title": "New"})
    Initiative.objects.filter(pk=initiative.pk).update(version=5)  # someone saved meanwhile
    step = DeliverablesStep(initiative, owner, data=data)
    assert step.is_valid()
    with pytest.raises(StaleEdit):
        save_step(initiative, step, 1, None, next_step="us-inputs")
    assert PartnerDeliverable.objects.get(initiative=initiative).title == "Old"
    assert Initiative.objects.get(pk=initiative.pk).last_step == ""


def test_move_down_then_positions_follow_the_shown_order(client, initiative, owner):
    a, b, c = factories.PartnerDeliverableFactory.create_batch(3, initiative=initiative)
    data = deliverables_post(client, initiative, owner, {})
    step = DeliverablesStep(initiative, owner, data=data)
    assert step.is_valid()
    save_step(initiative, step, initiative.version, Move("deliverables", 0, 1), "deliverables")
    ordered = list(PartnerDeliverable.objects.filter(initiative=initiative))
    assert ordered == [b, a, c]
    assert [d.position for d in ordered] == [0, 1, 2]


def test_moving_the_last_row_down_changes_nothing(client, initiative, owner):
    a, b = factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
    data = deliverables_post(client, initiative, owner, {})
    step = DeliverablesStep(initiative, owner, data=data)
    assert step.is_valid()
    save_step(initiative, step, initiative.version, Move("deliverables", 1, 1), "deliverables")
    assert list(PartnerDeliverable.objects.filter(initiative=initiative)) == [a, b]


def test_move_parses_only_its_own_format():
    assert Move.parse("fy2027-0-ind:3:down") == Move("fy2027-0-ind", 3, 1)
    assert Move.parse("deliverables:x:up") is None
    assert Move.parse("deliverables:1:sideways") is None
    assert Move.parse("") is None


def test_rows_outside_span_lists_nothing_for_a_new_initiative(initiative):
    assert Initiative().rows_outside_span(2027, 2031) == []
    assert initiative.rows_outside_span(2027, 2031) == []


def test_only_inputs_left_with_no_match_are_reported(initiative):
    kept = factories.PartnerDeliverableFactory(initiative=initiative)
    gone = factories.PartnerDeliverableFactory(initiative=initiative)
    still_matched = factories.USInputFactory(initiative=initiative, title="Training")
    still_matched.matched_deliverables.set([kept, gone])
    orphan = factories.USInputFactory(initiative=initiative, title="Boats")
    orphan.matched_deliverables.set([gone])
    gone.delete()
    assert inputs_left_unmatched({still_matched.pk, orphan.pk}) == [
        "U.S. input “Boats” is no longer matched to any partner deliverable: match it on the "
        "U.S. inputs step, or remove it."
    ]
