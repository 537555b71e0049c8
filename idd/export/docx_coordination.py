"""The coordination block of the Word copies (the IDD's and the notification's): one table
per staffing route, each office's decision then the approval authority's approval, as the
PDF prints it."""

from __future__ import annotations

from docx.document import Document as Docx

from idd.document import coordination
from idd.document.shape import Document
from idd.export.docx_parts import captioned, printed_date

COORDINATION_HEADINGS = (
    "Stage and office",
    "Action officer",
    "Decision",
    "Submission read",
    "Date",
    "Comment",
)


def coordination_tables(out: Docx, doc: Document, *, forwarded: bool | None = None) -> None:
    """Each office's decision on the staffing routes, then the approval authority's
    approval: the command's, or DSCA's (templates/idd/document/coordination.html). Only
    the command's route, only the forwarded ones, or (None) all of them."""
    for route_table in coordination.tables(doc):
        if forwarded is not None and bool(route_table["to"]) != forwarded:
            continue
        decisions = [
            (
                f"{d['route'] + ': ' if d['forwarded'] and not route_table['to'] else ''}"
                f"{d['stage']}, {d['office']}",
                ", ".join(filter(None, (d["officer"], d["officer_job_title"]))),
                "\n".join(filter(None, (d["outcome_label"], d.get("standing")))),
                coordination.submission_read(d),
                printed_date(d["decided_at"]),
                d["comment"] or "—",
            )
            for d in route_table["decisions"]
        ]
        approvals = [
            (
                f"Approval authority, {a['office']}",
                ", ".join(filter(None, (a["approver"], a["approver_job_title"]))),
                f"Approved revision {a['revision']}",
                f"Revision {a['revision']}",
                printed_date(a["approved_at"]),
                a["remarks"] or "—",
            )
            for a in route_table["approvals"]
        ]
        captioned(
            out,
            route_table["caption"],
            COORDINATION_HEADINGS,
            decisions + approvals,
        )
