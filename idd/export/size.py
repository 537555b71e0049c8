"""How long one printed document may be, and how long a snapshot would print.

The guided form takes up to 200 partner deliverables, 200 U.S. inputs and 100 risks, each
with text up to 2,000 characters: at its limits an IDD prints about 950 pages and takes
over a minute of the worker's CPU to lay out (issue 23). No one reads such a document, and
its render holds a worker the whole time. So one PDF holds at most `MAX_PAGES`: about
three times the benchmark's reference IDD, which is bigger than any real one (54 pages);
`docs/pdf-size.md` has the figures. Longer documents are not rendered; their download
says how long they would be and which parts to shorten.

The length is estimated from the snapshot, before any layout: the characters of each part
over the characters a page of that part holds, measured on rendered documents (the
partner deliverables' table has narrow columns, the risks' wide ones). It errs by a few
pages either way (`tests/export/test_document_size.py` holds it to 15 % of real counts).
The timeline repeats other parts' titles and is counted in the fixed pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from idd.document.shape import Document

MAX_PAGES = 150

# Characters of a part that fill one printed page (measured: docs/pdf-size.md).
CHARACTERS_PER_PAGE = {"deliverables": 1_000, "risks": 2_000}
OTHER_CHARACTERS_PER_PAGE = 2_500
# Not counted: derived from the parts above, printed as short lines.
NOT_COUNTED = frozenset({"timeline"})
# The parts' names in the users' words, for the message.
PART_NAMES = {
    "deliverables": "Partner deliverables",
    "us_inputs": "U.S. inputs",
    "objectives": "Yearly objectives and indicators",
    "commitment": "Commitment assessment",
    "risks": "Risks",
    "monitoring": "Monitoring",
    "context": "Strategic context",
    "sustainment": "Absorptive capacity and sustainment",
    "assessment": "Assessment, monitoring and evaluation",
    "lessons": "Lessons learned",
}


@dataclass(frozen=True)
class PrintedSize:
    """About how many pages a snapshot prints, and its longest parts (name, pages)."""

    pages: int
    longest: tuple[tuple[str, int], ...]

    @property
    def too_long(self) -> bool:
        return self.pages > MAX_PAGES

    def message(self, title: str) -> str:
        parts = ", ".join(f"{name} (about {pages} pages)" for name, pages in self.longest)
        return (
            f"The {title} would print about {self.pages} pages, and one PDF holds at most "
            f"{MAX_PAGES}, so it is not made. The longest parts: {parts}. Shorten their "
            "text (a deliverable's verification or a risk's description rarely needs more "
            "than a paragraph), or split the initiative in two. The print view shows the "
            "whole document meanwhile."
        )


def _characters(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_characters(item) for item in value.values())
    if isinstance(value, list):
        return sum(_characters(item) for item in value)
    return 0


def printed_size(doc: Document) -> PrintedSize:
    """About how long the snapshot prints (its IDD; its other documents are shorter)."""
    pages: dict[str, float] = {}
    for key, part in doc.items():
        if key in NOT_COUNTED:
            continue
        per_page = CHARACTERS_PER_PAGE.get(key, OTHER_CHARACTERS_PER_PAGE)
        pages[key] = _characters(part) / per_page
    named = sorted(
        ((PART_NAMES[key], round(n)) for key, n in pages.items() if key in PART_NAMES),
        key=lambda part: -part[1],
    )
    return PrintedSize(round(sum(pages.values())), tuple(named[:2]))
