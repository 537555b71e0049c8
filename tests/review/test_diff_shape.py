"""The revision comparison follows the snapshot's declared shape: every field the shape
labels is compared under that label, so a field added to the shape is compared too."""

import pytest

from idd.document import shape
from idd.document.diff import CHANGED, diff
from idd.document.shape import Label, labelled_fields

# Where each labeled section or row lives in a snapshot: (section slug, build a document
# holding `row`).
PLACES = {
    shape.Basics: ("basics", lambda row: {"basics": row}),
    shape.Context: ("context", lambda row: {"context": row}),
    shape.PriorAssistance: ("context", lambda row: {"context": {"prior_assistance": [row]}}),
    shape.Deliverable: ("deliverables", lambda row: {"deliverables": [row]}),
    shape.USInput: ("us-inputs", lambda row: {"us_inputs": [row]}),
    shape.Objective: ("objectives", lambda row: {"objectives": [row]}),
    shape.Indicator: (
        "objectives",
        lambda row: {"objectives": [{"id": 1, "fiscal_year": 2027, "indicators": [row]}]},
    ),
    shape.Sustainment: ("sustainment", lambda row: {"sustainment": row}),
    shape.Risk: ("risks", lambda row: {"risks": [row]}),
    shape.ProgramComponent: ("us-inputs", lambda row: {"program_components": [row]}),
    shape.AssessmentPlan: ("assessment", lambda row: {"assessment": row}),
}
# Fields the comparison shows in another form than stored: U.S. inputs name the
# deliverables they answer by title, from their ids; a program component names the U.S.
# inputs that deliver it by reference and title.
DERIVED = {(shape.USInput, "matched"), (shape.ProgramComponent, "us_inputs")}
CASES = [
    pytest.param(row_shape, key, label, id=f"{row_shape.__name__}.{key}")
    for row_shape in PLACES
    for key, label in labelled_fields(row_shape)
    if (row_shape, key) not in DERIVED
]


def test_every_section_with_labels_is_placed():
    labeled = {
        value
        for value in vars(shape).values()
        if isinstance(value, type) and value is not shape.Label and labelled_fields(value)
    }
    assert labeled == set(PLACES)


def test_labels_come_in_declaration_order():
    assert labelled_fields(shape.Risk)[:2] == (
        ("category_label", "Category"),
        ("description", "Description"),
    )
    assert Label("Quantity") in shape.Deliverable.__annotations__["quantity"].__metadata__


@pytest.mark.parametrize(("row_shape", "key", "label"), CASES)
def test_a_changed_labeled_field_is_shown_under_its_label(row_shape, key, label):
    slug, place = PLACES[row_shape]
    old = place({"id": 1, "fiscal_year": 2027, key: "1000"})
    new = place({"id": 1, "fiscal_year": 2027, key: "2000"})
    if key == "fiscal_year":
        new = place({"id": 1, "fiscal_year": 2028})
    section = next(s for s in diff(old, new) if s.slug == slug)
    labels = [change.label for change in section.fields] + [
        field.label for row in section.rows if row.kind == CHANGED for field in row.fields
    ]
    assert label in labels
