"""JSON a page sends back (the hidden "lock-read" field) is bounded in size and depth:
100,000 nested brackets made the stale-save, save-and-exit and delivery-conflict paths
a 500 (RecursionError); now the page answers as for any unreadable value."""

import pytest
from django.urls import reverse

from idd import bounded_json
from idd.forms import conflicts
from idd.models import Initiative, UnfinishedInput
from idd.services.locking import claim_version
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 50_000 + "1" + "}" * 50_000


@pytest.mark.parametrize(
    "text", [DEEP, DEEP_OBJECT, "[" * 100_000], ids=["lists", "objects", "unclosed"]
)
def test_deep_nesting_is_refused_before_parsing(text):
    with pytest.raises(bounded_json.TooDeep):
        bounded_json.loads(text, max_chars=len(text), max_depth=40)
    assert conflicts.parse_values(text) is None
    assert conflicts.parse_read_state(text) is None


def test_brackets_inside_strings_are_not_nesting():
    assert bounded_json.loads('{"a": "[[[[{{{{"}', max_chars=100, max_depth=1) == {"a": "[[[[{{{{"}


def test_oversized_text_is_refused():
    with pytest.raises(bounded_json.TooLarge):
        bounded_json.loads("[1]" * 10, max_chars=10, max_depth=5)


def someone_else_saved(initiative):
    claim_version(Initiative.objects.get(pk=initiative.pk), initiative.version)


def test_a_stale_save_with_deep_read_values_is_a_conflict_not_a_500(client, owner, initiative):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "context"])
    page = page_fields(client.get(url).content.decode())
    someone_else_saved(initiative)
    response = client.post(
        url,
        page
        | {"problem_statement": ["Night crossings."], "lock-read": [DEEP], "action": ["continue"]},
    )
    assert response.status_code == 200
    assert "Night crossings." in response.content.decode()  # what was typed is kept


def test_save_and_exit_with_deep_read_values_keeps_the_input(client, owner, initiative):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "context"])
    page = page_fields(client.get(url).content.decode())
    page |= {"problem_statement": ["Night crossings."], "lock-read": [DEEP], "action": ["exit"]}
    assert client.post(url, page).status_code == 302
    kept = UnfinishedInput.objects.filter(initiative=initiative, step="context").first()
    saved = Initiative.objects.get(pk=initiative.pk).problem_statement == "Night crossings."
    assert saved or (kept is not None and kept.read_state is None)


def test_a_stale_delivery_with_deep_read_values_is_a_conflict_not_a_500(client, owner, initiative):
    deliverable = factories.PartnerDeliverableFactory(initiative=initiative, title="Fund fuel")
    client.force_login(owner)
    url = reverse("deliverable_record", args=[initiative.pk, deliverable.pk])
    page = page_fields(client.get(url).content.decode(), "record-form")
    someone_else_saved(initiative)
    page |= {"status": ["missed"], "evidence": ["The minister said so."], "lock-read": [DEEP]}
    response = client.post(url, page)
    assert response.status_code == 200
    assert "The minister said so." in response.content.decode()
