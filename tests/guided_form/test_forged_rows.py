"""Forged step data is refused with a message and changes nothing (never a 500)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from idd.forms.base import FORGED_ROWS, Move
from idd.models import PartnerDeliverable
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def stored(initiative) -> list[tuple]:
    return list(PartnerDeliverable.objects.filter(initiative=initiative).values_list("pk", "title"))


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def test_a_row_id_of_another_initiative_is_refused_not_copied(planner_client, initiative):
    theirs = factories.PartnerDeliverableFactory(title="Another initiative's deliverable")
    url = step_url(initiative, "deliverables")
    data = page_fields(planner_client.get(url).content.decode())
    # The empty first row, posted as if it were the other initiative's stored row.
    data |= {
        "deliverables-INITIAL_FORMS": ["1"],
        "deliverables-0-id": [str(theirs.pk)],
        "deliverables-0-title": ["Forged"],
        "deliverables-0-category": ["personnel"],
        "deliverables-0-due_fiscal_year": ["2027"],
        "deliverables-0-due_quarter": ["1"],
        "deliverables-0-verification_method": ["Roster"],
        "deliverables-0-political_risk": ["2"],
        "action": ["continue"],
    }
    response = planner_client.post(url, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert stored(initiative) == []
    assert PartnerDeliverable.objects.get(pk=theirs.pk).title == "Another initiative's deliverable"


def test_a_tampered_initial_count_does_not_duplicate_the_rows(planner_client, initiative):
    factories.PartnerDeliverableFactory.create_batch(3, initiative=initiative)
    before = stored(initiative)
    url = step_url(initiative, "deliverables")
    data = page_fields(planner_client.get(url).content.decode())
    data |= {"deliverables-INITIAL_FORMS": ["0"], "action": ["continue"]}
    response = planner_client.post(url, data)
    assert response.status_code == 200
    assert FORGED_ROWS.split(",")[0] in response.content.decode()
    assert stored(initiative) == before


def test_new_rows_beyond_the_cap_counting_stored_rows_are_refused(planner_client, initiative):
    """Rows stored but not on the page (added by someone else) count towards the cap."""
    factories.PartnerDeliverableFactory.create_batch(2, initiative=initiative)
    url = step_url(initiative, "deliverables")
    data = page_fields(planner_client.get(url).content.decode())
    # The page shows the 2 rows; pretend 199 more exist and one new row is added.
    factories.PartnerDeliverableFactory.create_batch(198, initiative=initiative)
    new = {
        "title": "One more",
        "category": "personnel",
        "due_fiscal_year": "2027",
        "due_quarter": "1",
        "verification_method": "Roster",
        "political_risk": "2",
    }
    data |= {f"deliverables-2-{k}": [v] for k, v in new.items()}
    data |= {"deliverables-TOTAL_FORMS": ["3"], "action": ["continue"]}
    response = planner_client.post(url, data)
    assert response.status_code == 200
    assert "An IDD holds at most 200 of these rows here." in response.content.decode()
    assert PartnerDeliverable.objects.filter(initiative=initiative).count() == 200


@pytest.mark.parametrize("value", ["risks:²:up", "risks:١:down", "risks:99999:up", "risks:-1:up"])
def test_a_forged_move_is_ignored(value):
    assert Move.parse(value) is None


def test_a_forged_move_button_saves_without_moving(planner_client, initiative):
    first, second = factories.RiskFactory.create_batch(2, initiative=initiative)
    url = step_url(initiative, "risks")
    data = page_fields(planner_client.get(url).content.decode()) | {"move": ["risks:²:up"]}
    response = planner_client.post(url, data)
    assert response.status_code == 302
    assert list(initiative.risks.all()) == [first, second]


BUTTON_VALUES = st.one_of(
    st.text(),
    st.builds(
        lambda prefix, index, way: f"{prefix}:{index}:{way}",
        st.text(),
        st.text(),
        st.sampled_from(["up", "down"]),
    ),
)


@given(BUTTON_VALUES)
def test_move_parse_never_raises_and_gives_a_small_ascii_index(value):
    move = Move.parse(value)
    if move is not None:
        digits = value.split(":")[1]
        assert digits.isascii() and digits.isdecimal()
        assert 0 <= move.index < 10_000
        assert move.step in (-1, 1)
