"""The DoD distribution statements an IDD may carry, A to F, in their official wording.

The wording is that of DoD Instruction 5230.24, "Distribution Statements on Technical
Documents" (23 August 2012, incorporating Change 3), Enclosure 3, as DTIC and the AFIT
and NPS STINFO guides reproduce it (the statement, then "(fill in reason) (date of
determination)" and the controlling DoD office; the date is needed before submitting).
The reasons are those of the same enclosure's table of authorized reasons. Kept here
only: the form, the completeness rule, the snapshot and the printed cover all read this
module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models


class Statement(models.TextChoices):
    A = "A", "A: approved for public release"
    B = "B", "B: U.S. Government agencies only"
    C = "C", "C: U.S. Government agencies and their contractors"
    D = "D", "D: Department of Defense and U.S. DoD contractors only"
    E = "E", "E: DoD Components only"
    F = "F", "F: further dissemination only as directed"


# The official text; {reason}, {date} and {office} are filled in from the initiative.
WORDING: dict[str, str] = {
    "A": "DISTRIBUTION STATEMENT A. Approved for public release: distribution is unlimited.",
    "B": "DISTRIBUTION STATEMENT B. Distribution authorized to U.S. Government agencies only "
    "({reason}) ({date}). Other requests for this document shall be referred to {office}.",
    "C": "DISTRIBUTION STATEMENT C. Distribution authorized to U.S. Government agencies and "
    "their contractors ({reason}) ({date}). Other requests for this document shall be "
    "referred to {office}.",
    "D": "DISTRIBUTION STATEMENT D. Distribution authorized to the Department of Defense and "
    "U.S. DoD contractors only ({reason}) ({date}). Other requests shall be referred to "
    "{office}.",
    "E": "DISTRIBUTION STATEMENT E. Distribution authorized to DoD Components only "
    "({reason}) ({date}). Other requests shall be referred to {office}.",
    "F": "DISTRIBUTION STATEMENT F. Further dissemination only as directed by {office} "
    "({date}) or higher DoD authority.",
}


class Reason(models.TextChoices):
    """The authorized reasons for a restricted statement (B to F), labeled in full."""

    ADMINISTRATIVE = "Administrative or Operational Use", "Administrative or Operational Use"
    CONTRACTOR_EVALUATION = "Contractor Performance Evaluation", "Contractor Performance Evaluation"
    CRITICAL_TECHNOLOGY = "Critical Technology", "Critical Technology"
    DIRECT_MILITARY_SUPPORT = "Direct Military Support", "Direct Military Support"
    EXPORT_CONTROLLED = "Export Controlled", "Export Controlled"
    FOREIGN_GOVERNMENT = "Foreign Government Information", "Foreign Government Information"
    OPSEC = "Operations Security", "Operations Security"
    PREMATURE_DISSEMINATION = "Premature Dissemination", "Premature Dissemination"
    PROPRIETARY = "Proprietary Information", "Proprietary Information"
    TEST_AND_EVALUATION = "Test and Evaluation", "Test and Evaluation"
    VULNERABILITY = "Vulnerability Information", "Vulnerability Information"
    SPECIFIC_AUTHORITY = "Specific Authority", "Specific Authority"


# Reasons the instruction allows only with some statements (all others: B to F).
ONLY_WITH: dict[str, tuple[str, ...]] = {Reason.DIRECT_MILITARY_SUPPORT: ("E", "F")}

RESTRICTED = ("B", "C", "D", "E", "F")


@dataclass(frozen=True)
class Choice:
    """A statement as chosen for one initiative; empty strings while not chosen."""

    letter: str
    reason: str = ""
    office: str = ""
    determined_on: date | None = None

    def problems(self) -> dict[str, str]:
        """What the planner must fix, by field: B to F name a reason and an office."""
        if self.letter not in RESTRICTED:
            return {}
        problems = {}
        if not self.reason:
            problems["reason"] = (
                f"Statement {self.letter} restricts distribution: choose the reason for it."
            )
        elif self.letter not in ONLY_WITH.get(self.reason, RESTRICTED):
            allowed = " or ".join(ONLY_WITH[self.reason])
            problems["reason"] = (
                f"“{self.reason}” is a reason for statement {allowed} only: choose another "
                f"reason or statement {allowed}."
            )
        if not self.office.strip():
            problems["office"] = (
                f"Statement {self.letter} refers other requests to the controlling DoD office: "
                "name it, for example “USAFRICOM J5, Stuttgart, Germany”."
            )
        return problems


def wording(letter: str, reason: str, office: str, determined_on: str) -> str:
    """The statement as printed, placeholders filled in; empty while no statement is chosen.

    `determined_on` is an ISO date. A restricted statement cannot be submitted without it
    (`needs_date`, idd.document.completeness); a draft's, or a revision approved before that
    rule, is worded without the date rather than with a placeholder that reads as a blank.
    """
    if letter not in WORDING:
        return ""
    text = WORDING[letter]
    if not determined_on:
        text = text.replace(" ({date})", "")
    return text.format(
        reason=reason or "reason not given",
        date=_long_date(determined_on) if determined_on else "",
        office=office or "the controlling DoD office",
    )


def needs_date(letter: str, determined_on: object) -> bool:
    """A restricted statement (B to F) prints its date of determination: needed to submit."""
    return letter in RESTRICTED and not determined_on


def _long_date(iso: str) -> str:
    """1 December 2026, as DoD correspondence writes dates."""
    day = date.fromisoformat(iso[:10])
    return f"{day.day} {day:%B %Y}"
