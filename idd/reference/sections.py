"""The sections of an IDD, in document order.

One list serves the guided form's steps, the review comments anchored to a
section, the printed document and the diff between revisions.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str


SECTIONS: tuple[Section, ...] = (
    Section("basics", "Basics"),
    Section("context", "Strategic context"),
    Section("deliverables", "Partner deliverables"),
    Section("us-inputs", "U.S. inputs matched to partner deliverables"),
    Section("objectives", "Yearly objectives and indicators"),
    Section("sustainment", "Absorptive capacity and sustainment"),
    Section("commitment", "Commitment assessment"),
    Section("risks", "Risks"),
    Section("assessment", "Assessment, monitoring and evaluation"),
)
SECTION_CHOICES = [(section.slug, section.title) for section in SECTIONS]
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}
