"""Deliverables are listed by due date and U.S. inputs by when the U.S. provides them, alike
in the snapshot, the page, the PDF and the guided form; each keeps the reference it was
given when added (tests/idd/test_references.py), whatever its place in the list."""

import re

import pytest
from django.urls import reverse

from idd.document.snapshot import load, snapshot
from idd.export import render_pdf
from tests import factories
from tests.export.pdftools import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(initiative):
    """Rows entered out of date order (positions 0, 1, 2...)."""
    rows = [
        ("Later budget", 2028, 1),
        ("Crews, first batch", 2027, 3),
        ("Crews, second batch", 2027, 3),
        ("Designate the unit", 2027, 1),
    ]
    deliverables = {
        title: factories.PartnerDeliverableFactory(
            initiative=initiative, title=title, due_fiscal_year=fy, due_quarter=q, position=n
        )
        for n, (title, fy, q) in enumerate(rows)
    }
    for n, (title, fy, q) in enumerate(
        [("Spare parts", 2028, None), ("Boats", 2028, 2), ("Training", 2027, 4)]
    ):
        u = factories.USInputFactory(
            initiative=initiative, title=title, fiscal_year=fy, fiscal_quarter=q, position=n
        )
        u.matched_deliverables.add(deliverables["Designate the unit"])
    return initiative


DUE_ORDER = ["Designate the unit", "Crews, first batch", "Crews, second batch", "Later budget"]
GIVEN_ORDER = ["Training", "Boats", "Spare parts"]
# Numbered in the order they were added (the fixture's), listed by date.
DUE_REFS = ["D4", "D2", "D3", "D1"]
GIVEN_REFS = ["U3", "U2", "U1"]


def test_the_snapshot_lists_deliverables_by_due_date_then_the_planners_order(planned):
    doc = snapshot(load(planned.pk))
    listed = [(d["ref"], d["title"]) for d in doc["deliverables"]]
    assert listed == list(zip(DUE_REFS, DUE_ORDER, strict=True))
    assert [(u["ref"], u["title"], u["when_label"]) for u in doc["us_inputs"]] == [
        ("U3", "Training", "FY2027 Q4"),
        ("U2", "Boats", "FY2028 Q2"),
        ("U1", "Spare parts", "FY2028"),  # its quarter not known yet: last in its year
    ]
    # Each U.S. input names the deliverable it answers by its reference.
    assert {m["ref"] for u in doc["us_inputs"] for m in u["matched"]} == {"D4"}


def _in_order(text: str, titles: list[str]) -> bool:
    places = [text.find(title) for title in titles]
    return -1 not in places and places == sorted(places)


def test_the_page_and_the_pdf_list_them_in_that_order(client, owner, planned):
    client.force_login(owner)
    html = client.get(reverse("initiative_detail", args=[planned.pk])).content.decode()
    page = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    deliverables = [f"{ref} {title}" for ref, title in zip(DUE_REFS, DUE_ORDER, strict=True)]
    inputs = [f"{ref} {title}" for ref, title in zip(GIVEN_REFS, GIVEN_ORDER, strict=True)]
    assert _in_order(page, deliverables)
    assert _in_order(page, inputs)
    pdf = flat(" ".join(pdf_text(render_pdf(snapshot(load(planned.pk))))))
    assert _in_order(pdf, deliverables)
    assert _in_order(pdf, inputs)


def test_the_guided_form_rows_and_matches_carry_the_same_numbers(client, owner, planned):
    client.force_login(owner)
    html = client.get(reverse("wizard_step", args=[planned.pk, "deliverables"])).content.decode()
    first_row = html[html.index("Partner deliverable 1") :]
    assert first_row.index("Designate the unit") < first_row.index("Crews, first batch")
    inputs = client.get(reverse("wizard_step", args=[planned.pk, "us-inputs"])).content.decode()
    assert "D4 Designate the unit (due FY2027 Q1" in inputs
    assert inputs.index('value="Training"') < inputs.index('value="Boats"')
