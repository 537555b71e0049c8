"""The plan checks still open on an IDD, where the planner decides to submit it.

The deliverables and U.S. inputs steps show each plan check beside its row
(assessments.plan_checks); the review step and the submit confirmation list them all
again, each with its severity, what to do and a link to its row, so "filled in" never reads
as "no problems". The planner submits only after acknowledging them: the confirmation sends
the digest of the checks it showed, and the submission refuses a digest that no longer
matches (a teammate's save changed the checks meanwhile) and records what was acknowledged,
which the reviewers see.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from assessments import method
from assessments.flags import DELIVERABLE, US_INPUT
from assessments.inputs import AssessmentInputs
from assessments.plan_checks import PlanFinding, plan_checks
from idd.document.shape import Document
from idd.document.snapshot import load, snapshot
from idd.models import Initiative

# A plan check's step in the method -> the guided-form step and its formset's prefix.
STEPS = {method.DELIVERABLES_STEP: "deliverables", method.US_INPUTS_STEP: "us-inputs"}
PREFIXES = {method.DELIVERABLES_STEP: "deliverables", method.US_INPUTS_STEP: "inputs"}
SEVERITY_WORDS = {method.WARNING: "Warning", method.INFO: "To consider"}
NOT_ACKNOWLEDGED = (
    "Read the open plan checks listed on this page and tick that you have, then submit."
)
CHANGED = (
    "The plan checks changed since this page was opened (the IDD was saved meanwhile): "
    "read them again below, then submit."
)


@dataclass(frozen=True)
class OpenCheck:
    finding: PlanFinding
    severity: str  # in words: "Warning", "To consider"
    url: str  # the step, at the row the check is about
    row: str = ""  # the row it is about, by reference and title: "U2 Radios"; "" for the plan

    def record(self) -> dict[str, Any]:
        """As stored with the submission and shown to the reviewers."""
        f = self.finding
        return {
            "rule": f.rule,
            "severity": self.severity,
            "title": f.title,
            "row": self.row,
            "message": f.message,
        }


def findings_of(doc: Document) -> tuple[PlanFinding, ...]:
    """The plan checks the IDD raises, in the method's order."""
    return tuple(plan_checks(AssessmentInputs.from_dict(doc["commitment"]["inputs"])))


def open_checks(doc: Document, findings: tuple[PlanFinding, ...] | None = None) -> list[OpenCheck]:
    """Every plan check the IDD raises (`findings`, when already checked), warnings first,
    each linked to its row."""
    findings = findings_of(doc) if findings is None else findings
    rows: dict[str, list[Any]] = {
        DELIVERABLE: list(doc["deliverables"]),
        US_INPUT: list(doc["us_inputs"]),
    }
    checks = []
    for f in sorted(findings, key=lambda f: f.severity != method.WARNING):
        url = reverse("wizard_step", args=[doc["meta"]["id"], STEPS[f.step]])
        ids = [r["id"] for r in rows.get(f.row_kind or "", [])]
        row = ""
        if f.row_id in ids:
            index = ids.index(f.row_id)
            url += f"#row-{PREFIXES[f.step]}-{index}"
            found = rows[f.row_kind or ""][index]
            row = f"{found.get('ref', '')} {found['title']}".strip()
        checks.append(OpenCheck(f, SEVERITY_WORDS.get(f.severity, f.severity), url, row))
    return checks


def digest(checks: list[OpenCheck]) -> str:
    """What the planner read, in 16 hex digits: "" when there is nothing to acknowledge."""
    if not checks:
        return ""
    seen = "\n".join(
        f"{c.finding.rule}|{c.finding.row_kind}|{c.finding.row_id}|{c.row}|{c.finding.message}"
        for c in checks
    )
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


def acknowledgement_refusal(checks: list[OpenCheck], acknowledged: str) -> str | None:
    """Why a submission of these checks with this acknowledgement is refused, or None."""
    if not checks:
        return None
    if not acknowledged:
        return NOT_ACKNOWLEDGED
    if acknowledged != digest(checks):
        return CHANGED
    return None


def current_digest(initiative: Initiative) -> str:
    """The digest of the plan checks the IDD raises now, as its confirmation would show."""
    return digest(open_checks(snapshot(load(initiative.pk))))


def on_rows_of_step(checks: list[OpenCheck], step_slug: str) -> list[OpenCheck]:
    """The open checks about single rows of one guided-form step, each linked to its row:
    listed at the top of the step, where the rows themselves may be a long scroll away."""
    return [c for c in checks if c.row and STEPS[c.finding.step] == step_slug]
