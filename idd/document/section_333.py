"""What 10 U.S.C. 333 asks of a program, judged from the snapshot: the statutory purposes
(333(a)), the Department of State's concurrence and joint planning (333(b)), the law of
armed conflict, human rights and civilian harm training and the institutional capacity
building components (333(c)(2) and the SAMM), the integrated country strategy objective
(333(e)(6)) and each construction project's particulars (333(e)).

Needed only when the initiative's authority is Section 333 (`applies`); the completeness
rules (idd.document.completeness) and the notification (idd.export.notification_elements)
both read these lists, so they name a gap alike. A revision stored before these elements
lacks their keys: they read as empty, so they are listed as missing, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessments.method import CONSTRUCTION_CATEGORY
from idd.document.shape import Document
from idd.reference.choices import FundingAuthority


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def applies(doc: Document) -> bool:
    """The initiative is funded under Section 333 (a stored revision without the flag is
    judged by its authority's label)."""
    basics: Mapping[str, Any] = doc["basics"]
    if "section_333" in basics:
        return bool(basics["section_333"])
    return basics.get("funding_authority") == FundingAuthority.SECTION_333.label


def missing_purposes(doc: Document) -> list[str]:
    basics: Mapping[str, Any] = doc["basics"]
    return [] if basics.get("statutory_purposes") else ["the statutory purposes (333(a))"]


def missing_ics_objective(doc: Document) -> list[str]:
    context: Mapping[str, Any] = doc["context"]
    if _blank(context.get("ics_objective")):
        return ["the integrated country strategy objective it serves"]
    return []


def missing_state(doc: Document) -> list[str]:
    """State's concurrence (its office, the official, and the day State concurred or the
    day it was asked) and the joint planning with State (333(b))."""
    context: Mapping[str, Any] = doc["context"]
    missing = [
        what
        for key, what in (
            ("state_concurrence_office", "the State office that concurs (333(b))"),
            ("state_concurrence_person", "the State official who concurs (333(b))"),
        )
        if _blank(context.get(key))
    ]
    if _blank(context.get("state_concurred_on")) and _blank(
        context.get("state_concurrence_requested_on")
    ):
        missing.append("the day State concurred, or the day its concurrence was requested")
    if _blank(context.get("state_joint_planning")):
        missing.append("how the program is planned jointly with State (333(b))")
    return missing


COMPONENT_PARTS = (("what", "what"), ("who", "who"), ("when", "when"))


def missing_components(doc: Document) -> list[str]:
    """Each component's what, who and when (333(c)(2)); a stored revision without the
    components lacks both."""
    components = doc.get("program_components") or []
    if not components:
        return ["the program's training and institutional capacity building components"]
    missing = []
    for c in components:
        parts = [name for key, name in COMPONENT_PARTS if _blank(c.get(key))]
        if parts:
            missing.append(f"the {c['kind_label'].lower()} component: {', '.join(parts)}")
    return missing


CONSTRUCTION_PARTS = (
    ("construction_location", "its site"),
    ("construction_project_title", "its project title"),
    ("estimated_cost", "its cost"),
    ("dd1391_reference", "its DD Form 1391"),
    ("master_plan_reference", "its master plan"),
)


def is_construction(u: Mapping[str, Any]) -> bool:
    """A U.S. input of the construction kind (a stored revision without the flag: by its
    category)."""
    return bool(u.get("is_construction", u.get("category") == CONSTRUCTION_CATEGORY))


def construction_inputs(doc: Document) -> list[Mapping[str, Any]]:
    return [u for u in doc["us_inputs"] if is_construction(u)]


def missing_construction(doc: Document) -> list[str]:
    missing = []
    for u in construction_inputs(doc):
        parts = [name for key, name in CONSTRUCTION_PARTS if _blank(u.get(key))]
        if parts:
            name = f"{u.get('ref', '')} “{u.get('title', '')}”".strip()
            missing.append(f"construction {name}: {', '.join(parts)}")
    return missing
