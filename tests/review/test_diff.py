"""The diff between two revisions, on hand-made snapshots: what a reviewer reads."""

from idd.document.diff import ADDED, CHANGED, REMOVED, FieldChange, diff
from idd.reference.sections import SECTIONS


def deliverable(id_, title, **extra):
    return {
        "id": id_,
        "title": title,
        "category_label": "Budget line passed",
        "quantity": None,
        "due_label": "FY2027 Q2",
        "verification_method": "Enacted finance law",
        "political_risk_label": "3 – Budgetary",
        "status_label": "Planned",
        "evidence": "",
        "verified_by": "",
    } | extra


def revision(**sections):
    base = {
        "basics": {
            "title": "Coastal patrol",
            "partner": "Kestrela",
            "ccmd_label": "U.S. Africa Command (AFRICOM)",
            "funding_authority": "10 U.S.C. 333 (build partner capacity)",
            "first_fiscal_year": 2027,
            "last_fiscal_year": 2031,
            "targeted_units": ["2nd Coastal Patrol Company"],
        },
        "context": {
            "problem_statement": "Illegal fishing goes unchallenged.",
            "prior_assistance": [],
        },
        "deliverables": [deliverable(1, "Designate the patrol company")],
        "us_inputs": [],
        "objectives": [],
        "sustainment": {"sustainment_annual_cost": "310000"},
        "risks": [],
    }
    return base | sections


def section(result, slug):
    return next(s for s in result if s.slug == slug)


def test_identical_revisions_show_no_change_in_any_section():
    result = diff(revision(), revision())
    assert [s.slug for s in result] == [s.slug for s in SECTIONS]
    assert not any(s.changed for s in result)


def test_a_changed_field_is_named_in_users_words_with_old_and_new_value():
    old = revision()
    new = revision(basics=old["basics"] | {"last_fiscal_year": 2030, "targeted_units": []})
    basics = section(diff(old, new), "basics")
    assert basics.fields == (
        FieldChange("Last fiscal year", "2031", "2030"),
        FieldChange("Targeted partner units", "2nd Coastal Patrol Company", ""),
    )


def test_added_removed_and_changed_deliverables_are_told_apart():
    old = revision(
        deliverables=[
            deliverable(1, "Designate the patrol company"),
            deliverable(2, "Assign 120 sailors", quantity=120),
        ]
    )
    new = revision(
        deliverables=[
            deliverable(1, "Designate the patrol company", status_label="Delivered"),
            deliverable(3, "Fund fuel and spare parts"),
        ]
    )
    rows = section(diff(old, new), "deliverables").rows
    assert [(r.kind, r.name) for r in rows] == [
        (CHANGED, "Designate the patrol company"),
        (ADDED, "Fund fuel and spare parts"),
        (REMOVED, "Assign 120 sailors"),
    ]
    assert rows[0].fields == (FieldChange("Status", "Planned", "Delivered"),)
    assert rows[0].group == "Partner deliverable"
    # An added row lists what it holds; a removed one what it held.
    assert (
        FieldChange("What the partner delivers", "", "Fund fuel and spare parts") in rows[1].fields
    )
    assert FieldChange("Quantity", "120", "") in rows[2].fields


def test_us_input_matching_is_shown_by_deliverable_title():
    deliverables = [
        deliverable(1, "Designate the patrol company"),
        deliverable(2, "Assign sailors"),
    ]
    boat = {"id": 9, "title": "Four patrol boats", "estimated_cost": "2400000"}
    old = revision(deliverables=deliverables, us_inputs=[boat | {"matched_deliverable_ids": [1]}])
    new = revision(
        deliverables=deliverables,
        us_inputs=[boat | {"matched_deliverable_ids": [1, 2], "estimated_cost": "2500000"}],
    )
    (row,) = section(diff(old, new), "us-inputs").rows
    assert row.kind == CHANGED
    assert row.fields == (
        FieldChange("Estimated cost", "$2,400,000", "$2,500,000"),
        FieldChange(
            "Partner deliverables it answers",
            "Designate the patrol company",
            "Assign sailors; Designate the patrol company",
        ),
    )


def test_indicators_are_compared_within_their_objective():
    objective = {"id": 4, "fiscal_year": 2027, "objective": "The company is manned."}
    indicator = {"id": 7, "description": "Sailors assigned", "baseline": "0", "target": "100"}
    old = revision(objectives=[objective | {"indicators": [indicator]}])
    new = revision(objectives=[objective | {"indicators": [indicator | {"target": "120"}]}])
    (row,) = section(diff(old, new), "objectives").rows
    assert row.group == "Indicator of FY2027: The company is manned."
    assert row.name == "Sailors assigned"
    assert row.fields == (FieldChange("Target", "100", "120"),)


def test_rows_without_ids_are_matched_by_their_place_in_the_list():
    risk = {"category_label": "Entrapment", "description": "Disputed waters", "likelihood": 3}
    old = revision(risks=[risk])
    new = revision(risks=[risk | {"likelihood": 4}, risk | {"description": "Neighbor objects"}])
    rows = section(diff(old, new), "risks").rows
    assert [(r.kind, r.name) for r in rows] == [
        (CHANGED, "Entrapment: Disputed waters"),
        (ADDED, "Entrapment: Neighbor objects"),
    ]
    assert rows[0].fields == (FieldChange("Likelihood (1-5)", "3", "4"),)


RECORD = "Delivery record (reliability, not commitment)"


def v3_result(demonstrated, state, record, flags=()):
    return {
        "method_version": 3,
        "demonstrated": demonstrated,
        "demonstrated_state": state,
        "demonstrated_explanation": "",
        "delivery_record": record,
        "delivery_record_state": "not_yet_observable" if record is None else "measured",
        "delivery_record_explanation": "",
        "flags": [{"title": t} for t in flags],
    }


def with_result(result, motivation=3):
    return {
        "result": result,
        "inputs": {"ratings": {"motivation": {"score": motivation, "justification": "x"}}},
    }


def test_money_and_commitment_figures_read_as_in_the_document():
    # Issue 11 changes this test: both figures, "of 100" as the document prints them.
    old = revision(
        commitment=with_result(
            v3_result(None, "not_yet_observable", None, ["No costly deliverable"]), 2
        )
    )
    new = revision(
        commitment=with_result(v3_result(71, "measured", 80), 4),
        sustainment={"sustainment_annual_cost": "350000"},
    )
    result = diff(old, new)
    assert section(result, "sustainment").fields == (
        FieldChange("Annual sustainment cost", "$310,000", "$350,000"),
    )
    assert section(result, "commitment").fields == (
        FieldChange("Demonstrated commitment (costly acts)", "Not yet observable", "71 of 100"),
        FieldChange(RECORD, "Not yet observable", "80 of 100"),
        FieldChange("Flags raised", "No costly deliverable", ""),
        FieldChange("Motivation: rating", "2", "4"),
    )


def test_a_gift_taker_reads_as_cannot_be_demonstrated_beside_its_delivery_record():
    old = revision(commitment=with_result(v3_result(None, "not_yet_observable", None)))
    new = revision(commitment=with_result(v3_result(None, "cannot_be_demonstrated", 100)))
    assert section(diff(old, new), "commitment").fields == (
        FieldChange(
            "Demonstrated commitment (costly acts)",
            "Not yet observable",
            "Cannot be demonstrated: nothing in the plan costs the partner anything",
        ),
        FieldChange(RECORD, "Not yet observable", "100 of 100"),
    )


def test_a_version_2_revision_keeps_its_figure_and_says_what_it_counted():
    v2 = {"method_version": 2, "demonstrated": 100, "demonstrated_explanation": "", "flags": []}
    old = revision(commitment=with_result(v2))
    new = revision(commitment=with_result(v3_result(None, "cannot_be_demonstrated", 100)))
    assert section(diff(old, new), "commitment").fields == (
        FieldChange(
            "Demonstrated commitment (costly acts)",
            "100 of 100 (method version 2: every due deliverable)",
            "Cannot be demonstrated: nothing in the plan costs the partner anything",
        ),
        FieldChange(
            "Delivery record (reliability, not commitment)",
            "Not part of this method version",
            "100 of 100",
        ),
    )


def test_prior_assistance_rows_are_part_of_the_context_section():
    old = revision()
    new = revision(
        context=old["context"]
        | {
            "prior_assistance": [
                {"fiscal_year": 2024, "description": "Two RHIBs", "amount": "380000"}
            ]
        }
    )
    context = section(diff(old, new), "context")
    (row,) = context.rows
    assert (row.kind, row.group, row.name) == (ADDED, "Prior assistance", "FY2024 Two RHIBs")
    assert FieldChange("Amount", "", "$380,000") in row.fields


def test_a_changed_fiscal_year_reads_as_the_document_prints_it():
    objective = {"id": 4, "fiscal_year": 2027, "objective": "The company is manned."}
    old = revision(objectives=[objective])
    new = revision(objectives=[objective | {"fiscal_year": 2028}])
    (row,) = section(diff(old, new), "objectives").rows
    assert row.fields == (FieldChange("Fiscal year", "FY2027", "FY2028"),)
