"""Every partner deliverable and U.S. input keeps one reference (D3, U2) for good: free text
that says "detectors (U2)" names the same row whatever dates change, rows are removed or
added, and in every place the IDD is shown, copied or exchanged."""

import json
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse

from idd.document.diff import ADDED, CHANGED, diff
from idd.document.snapshot import load, snapshot
from idd.exchange.deliverables_csv import rows as csv_rows
from idd.exchange.export import export_json
from idd.exchange.importer import import_initiative
from idd.exchange.problems import ImportRefused
from idd.export import render_pdf
from idd.export.notification_elements import delivery
from idd.models import Initiative, PartnerDeliverable, USInput
from idd.services import drafts
from tests import factories
from tests.export.pdftools import flat, pdf_text
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def planned(initiative):
    """Three deliverables due one after the other (D1, D2, D3) and two U.S. inputs."""
    due = [("Designate the unit", 2027), ("Assign crews", 2028), ("Fund fuel", 2029)]
    for title, year in due:
        factories.PartnerDeliverableFactory(
            initiative=initiative, title=title, due_fiscal_year=year
        )
    crews = PartnerDeliverable.objects.get(title="Assign crews")
    for title, year in [("Radios", 2028), ("Detectors", 2029)]:
        u = factories.USInputFactory(initiative=initiative, title=title, fiscal_year=year)
        u.matched_deliverables.add(crews)
    return initiative


def refs(initiative) -> list[tuple[str, str]]:
    doc = snapshot(load(initiative.pk))
    return [(row["ref"], row["title"]) for row in [*doc["deliverables"], *doc["us_inputs"]]]


def post_deliverables(client, initiative, owner, changes: dict):
    client.force_login(owner)
    url = reverse("wizard_step", args=[initiative.pk, "deliverables"])
    data = page_fields(client.get(url).content.decode())
    response = client.post(url, data | changes | {"action": ["continue"]})
    assert response.status_code == 302, text_of(response.content.decode())[:2000]


def test_new_rows_take_the_next_number_in_the_order_they_are_added(planned):
    assert refs(planned) == [
        ("D1", "Designate the unit"),
        ("D2", "Assign crews"),
        ("D3", "Fund fuel"),
        ("U1", "Radios"),
        ("U2", "Detectors"),
    ]


def test_a_removed_rows_reference_is_never_given_again(client, planned, owner):
    # Remove D2 in the guided form and add a row in the same save, as a planner does.
    new = {
        "deliverables-TOTAL_FORMS": ["4"],
        "deliverables-1-DELETE": ["on"],
        "deliverables-3-title": ["Pass the coast-guard law"],
        "deliverables-3-category": ["legislation"],
        "deliverables-3-due_fiscal_year": ["2027"],
        "deliverables-3-due_quarter": ["1"],
        "deliverables-3-verification_method": ["The law as published"],
        "deliverables-3-political_risk": ["4"],
    }
    post_deliverables(client, planned, owner, new)
    # Listed by due date, the new row first, yet it is D4: D2 stays unused.
    assert refs(planned)[:3] == [
        ("D4", "Pass the coast-guard law"),
        ("D1", "Designate the unit"),
        ("D3", "Fund fuel"),
    ]
    factories.PartnerDeliverableFactory(initiative=planned, title="Later")
    assert PartnerDeliverable.objects.get(title="Later").reference == "D5"
    # So do the U.S. inputs.
    USInput.objects.get(title="Detectors").delete()
    assert factories.USInputFactory(initiative=planned).reference == "U3"


def test_changing_a_date_resorts_the_list_but_every_label_stays(client, planned, owner):
    # D3 ("Fund fuel") moves to the first year: it is listed first and still D3, and the
    # inputs gated on D2 still say D2.
    post_deliverables(client, planned, owner, {"deliverables-2-due_fiscal_year": ["2027"]})
    doc = snapshot(load(planned.pk))
    assert [(d["ref"], d["title"]) for d in doc["deliverables"]] == [
        ("D1", "Designate the unit"),
        ("D3", "Fund fuel"),
        ("D2", "Assign crews"),
    ]
    assert [m["ref"] for u in doc["us_inputs"] for m in u["matched"]] == ["D2", "D2"]
    page = text_of(client.get(reverse("initiative_detail", args=[planned.pk])).content.decode())
    assert "D3 Fund fuel" in page and "U2 Detectors" in page
    form = text_of(
        client.get(reverse("wizard_step", args=[planned.pk, "deliverables"])).content.decode()
    )
    assert "Partner deliverable 2 Reference D3:" in form
    inputs = client.get(reverse("wizard_step", args=[planned.pk, "us-inputs"])).content.decode()
    assert "D3 Fund fuel (due FY2027" in inputs


def test_a_stale_initiative_saved_after_a_row_was_added_does_not_give_its_number_again(
    planned,
):
    stale = Initiative.objects.get(pk=planned.pk)  # read before the next row is added
    factories.PartnerDeliverableFactory(initiative=planned, title="Fourth")
    stale.title = "Renamed"
    stale.save()
    assert factories.PartnerDeliverableFactory(initiative=planned).reference == "D5"


def test_the_deliverables_csv_names_rows_by_their_references(planned):
    PartnerDeliverable.objects.filter(title="Fund fuel").update(due_fiscal_year=2027)
    table = list(csv_rows(Initiative.objects.get(pk=planned.pk)))
    assert [(row[0], row[1]) for row in table] == [
        ("D1", "Designate the unit"),
        ("D3", "Fund fuel"),
        ("D2", "Assign crews"),
    ]
    assert table[2][-1].startswith("U1 Radios")


@pytest.mark.django_db(transaction=True)
def test_two_rows_added_at_once_get_different_numbers(initiative):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: nothing runs at once")
    barrier = threading.Barrier(2)
    made: list[str] = []
    errors: list[BaseException] = []

    def add(title: str) -> None:
        try:
            barrier.wait(timeout=10)
            row = factories.PartnerDeliverableFactory(initiative=initiative, title=title)
            made.append(row.reference)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(f"Row {n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(made) == ["D1", "D2"]
    assert Initiative.objects.get(pk=initiative.pk).deliverable_numbers_issued == 2


def test_a_copy_keeps_every_reference_and_the_next_number(planned, owner):
    PartnerDeliverable.objects.get(title="Assign crews").delete()  # D2 is gone for good
    copy = drafts.copy_initiative(planned, owner)
    assert refs(copy) == [
        ("D1", "Designate the unit"),
        ("D3", "Fund fuel"),
        ("U1", "Radios"),
        ("U2", "Detectors"),
    ]
    assert factories.PartnerDeliverableFactory(initiative=copy).reference == "D4"


def test_the_exchange_file_carries_the_references_and_import_keeps_them(planned):
    PartnerDeliverable.objects.get(title="Assign crews").delete()
    data = json.loads(export_json(Initiative.objects.get(pk=planned.pk)))
    assert [d["reference_number"] for d in data["initiative"]["deliverables"]] == [1, 3]
    assert data["initiative"]["deliverable_numbers_issued"] == 3
    imported = import_initiative(json.dumps(data).encode()).initiative
    assert refs(imported) == refs(planned)
    assert factories.PartnerDeliverableFactory(initiative=imported).reference == "D4"


def test_an_older_file_without_references_is_numbered_in_its_order(planned):
    data = json.loads(export_json(Initiative.objects.get(pk=planned.pk)))
    data["version"] = 1
    del data["initiative"]["deliverable_numbers_issued"]
    del data["initiative"]["us_input_numbers_issued"]
    for key in ("deliverables", "us_inputs"):
        for row in data["initiative"][key]:
            del row["reference_number"]
    imported = import_initiative(json.dumps(data).encode()).initiative
    assert refs(imported) == refs(planned)


def test_a_file_giving_two_rows_one_reference_is_refused_with_the_row_named(planned):
    data = json.loads(export_json(Initiative.objects.get(pk=planned.pk)))
    data["initiative"]["deliverables"][2]["reference_number"] = 1
    with pytest.raises(ImportRefused) as caught:
        import_initiative(json.dumps(data).encode())
    assert any(
        p.startswith("initiative.deliverables[2]") and "already has this reference number" in p
        for p in caught.value.problems
    ), caught.value.problems


def test_the_diff_between_revisions_matches_rows_by_reference(planned):
    before = snapshot(load(planned.pk))
    crews = PartnerDeliverable.objects.get(title="Assign crews")
    crews.due_fiscal_year = 2027  # now listed first
    crews.save()
    factories.PartnerDeliverableFactory(initiative=planned, title="Pass the law")
    after = snapshot(load(planned.pk))
    rows = next(s for s in diff(before, after) if s.slug == "deliverables").rows
    assert [(r.kind, r.name) for r in rows] == [
        (CHANGED, "D2 Assign crews"),
        (ADDED, "D4 Pass the law"),
    ]


def test_a_frozen_revision_keeps_the_labels_it_was_approved_with(planned):
    """A snapshot stored before references numbered rows by place: it is shown so."""
    doc = snapshot(load(planned.pk))
    old = json.loads(json.dumps(doc))
    for row in [*old["deliverables"], *old["us_inputs"]]:
        del row["reference_number"]
    old["deliverables"][0]["ref"] = "D9"  # whatever it was approved with
    for entry in old["commitment"]["inputs"]["deliverables"]:
        del entry["reference"]
    pdf = flat(" ".join(pdf_text(render_pdf(old))))
    assert "D9 Designate the unit" in pdf


def test_the_notification_schedule_names_rows_by_their_references(planned):
    PartnerDeliverable.objects.get(title="Designate the unit").delete()
    (table,) = delivery(snapshot(load(planned.pk))).blocks
    assert [row[1:] for row in table.rows] == [
        ("U1 Radios", "D2 Assign crews"),
        ("U2 Detectors", "D2 Assign crews"),
    ]
