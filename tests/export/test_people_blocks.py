"""The people the printed IDD names: the preparer's point of contact on the cover, the
coordination table and the approver's signature block, and reviewers' remarks kept out
of the staffing copy unless the exporter asks for the annex."""

import io

import pytest
from django.core.management import call_command

from demo.scenario.maritime import RETURN_REASON
from idd.document.snapshot import load, snapshot
from idd.export import render_html, render_pdf
from idd.export.storage import document_for
from tests.export.pdftools import flat, pdf_text
from tests.staffing.demo_route import APPROVER, approve_on_the_route

RETURNED_BECAUSE = RETURN_REASON  # the demo reviewer's, when it returned revision 1
APPROVED_WITH = "Ready for staffing once J8 concurs."


def text(pdf: bytes) -> str:
    return flat(" ".join(pdf_text(pdf)))


@pytest.fixture
def approved(maritime):
    """The demo's maritime initiative (returned once by the reviewer with a reason, then
    resubmitted onto AFRICOM's route), staffed to the end and approved by the J5 director."""
    approve_on_the_route(maritime, APPROVED_WITH)
    return maritime


def test_the_cover_names_the_preparer_as_point_of_contact(maritime):
    cover = flat(pdf_text(render_pdf(document_for(maritime)))[0])
    assert (
        "Point of contact Name MAJ Dana Ortiz Title Security Cooperation Planner "
        "Office J5-SC, U.S. Africa Command Phone DSN 314-421-4567 E-mail planner@example.mil"
    ) in cover
    assert "Prepared by MAJ Dana Ortiz, with GS-13 Sam Whitfield" in cover


def test_the_approved_idd_has_coordination_the_approvers_remarks_and_a_signature_block(
    approved,
):
    pdf = text(render_pdf(document_for(approved)))

    assert "Coordination: the reviewers who concurred or returned the draft" in pdf
    returned = "COL Morgan Hale Chief, Security Cooperation Division, J5-SC Returned: changes"
    assert returned in pdf
    # Staffed on a route: its approval is the route's last row, not a reviewer's again.
    assert "Concurred: approved" not in pdf
    assert f"Approval authority, J5 {APPROVER}, Director, Strategy, Plans and Programs" in pdf
    signature = (
        "Approved Taylor Brandt Brig Gen Director, Strategy, Plans and Programs J5 Approved in"
    )
    assert signature in pdf and "IDD Workbench on" in pdf
    # The approver's remarks are part of the approval (issue 24); a return's reason is not.
    assert f"Remarks of the approval authority: {APPROVED_WITH}" in pdf
    assert RETURNED_BECAUSE not in pdf
    assert "review remarks" not in pdf.lower()


def test_the_exporter_may_add_the_review_remarks_annex(approved, tmp_path):
    plain, annexed = tmp_path / "staffing.pdf", tmp_path / "with-remarks.pdf"
    call_command("export_idd", str(approved.pk), "-o", str(plain), stdout=io.StringIO())
    call_command(
        "export_idd",
        str(approved.pk),
        "-o",
        str(annexed),
        "--with-review-remarks",
        stdout=io.StringIO(),
    )

    assert RETURNED_BECAUSE not in text(plain.read_bytes())
    with_remarks = text(annexed.read_bytes())
    assert "Annex: review remarks" in with_remarks
    assert RETURNED_BECAUSE in with_remarks and APPROVED_WITH in with_remarks


def test_the_print_view_keeps_the_remarks_out_too(approved):
    assert RETURNED_BECAUSE not in render_html(document_for(approved), media="screen")


def test_a_draft_not_yet_approved_says_so_in_its_signature_block(maritime):
    pdf = text(render_pdf(document_for(maritime)))
    assert "Not approved No reviewer has approved revision 1." in pdf
    assert "Approved in IDD Workbench" not in pdf


def test_a_revision_stored_before_profiles_still_renders(approved):
    doc = snapshot(load(approved.pk))
    del doc["meta"]["point_of_contact"]  # type: ignore[misc]
    for decision in doc["approvals"]:
        for key in ("reviewer_name", "reviewer_rank_or_grade", "reviewer_job_title"):
            del decision[key]  # type: ignore[misc]
        del decision["reviewer_office_symbol"]  # type: ignore[misc]

    html = render_html(doc)

    assert "<td>MAJ Dana Ortiz</td>" in html  # the point of contact falls back to the owner
    assert f'<p class="signature-block__name">{APPROVER}</p>' in html
