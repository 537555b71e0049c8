"""The people blocks of the printed IDD: the approver's signature block and the review
remarks annex, read from the snapshot (a stored revision may lack the newer keys)."""

from __future__ import annotations

from typing import Any

from idd.document.shape import Document
from idd.models import ReviewDecision


def signature(doc: Document, approval: dict[str, str] | None) -> dict[str, str] | None:
    """Who signs the approved revision: the reviewer whose approving decision it was, with
    rank, title and office as they were then. None while the revision is not approved."""
    if approval is None:
        return None
    number = doc["meta"]["revision"]
    approved = ReviewDecision.Outcome.APPROVED
    decision: Any = next(
        (
            d
            for d in reversed(doc.get("approvals", []))
            if d["revision"] == number and d["outcome"] == approved
        ),
        {},
    )
    return {
        "name": decision.get("reviewer_name") or approval["approved_by"],
        "rank_or_grade": decision.get("reviewer_rank_or_grade", ""),
        "job_title": decision.get("reviewer_job_title", ""),
        "office_symbol": decision.get("reviewer_office_symbol", ""),
    }


def review_remarks(doc: Document) -> list[dict[str, Any]]:
    """The decisions that carry a remark (the reasons for returning a draft, or a note
    with an approval): internal, printed only in the annex the exporter chooses."""
    return [dict(d) for d in doc.get("approvals", []) if d.get("reason")]
