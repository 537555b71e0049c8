"""Issue 24 item 11: the approved PDF carries the approver's remarks in its coordination
and approval block (the other reviewers' remarks stay in the optional annex)."""

import pytest

from idd.document.shown import shown_document
from idd.export import render_pdf
from idd.reference.choices import InitiativeStatus as S
from idd.services import review
from tests.export.pdftools import flat, pdf_text

pytestmark = pytest.mark.django_db


def approvals_part(pdf: bytes) -> str:
    text = flat(" ".join(pdf_text(pdf)))
    return text[text.rindex("Coordination: the reviewers") : text.rindex("Revision history")]


def test_the_approved_pdf_prints_the_approvers_remarks_with_the_approval(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.request_changes(initiative, reviewer, "Internal: the fuel line is thin.")
    review.resubmit(initiative, initiative.owner)
    review.start_review(initiative, reviewer)
    review.approve(initiative, reviewer, "Approved on condition that FY2028 funds the fuel.")
    _, doc = shown_document(initiative)
    part = approvals_part(render_pdf(doc))
    assert "Revision 1 was approved on" in part
    assert "remarks: Approved on condition that FY2028 funds the fuel." in part
    assert "the fuel line is thin" not in part  # a return's reason stays internal


def test_an_approval_without_remarks_says_none(make_initiative, reviewer):
    initiative = make_initiative(S.IN_REVIEW)
    review.approve(initiative, reviewer, "")
    _, doc = shown_document(initiative)
    assert "remarks: none." in approvals_part(render_pdf(doc))
