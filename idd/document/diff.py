"""What changed between two revisions of an IDD, section by section, in reviewers' words.

A pure function over two snapshots (`idd.document.snapshot`): no database, no request, so any
two stored revisions (or a revision and the working draft) compare the same way.
Partner deliverables and U.S. inputs are matched by their reference (D3, U2, which never
changes: idd.models.plan.ReferencedRow) where both snapshots carry it; other rows by their
id where the snapshot carries one, else by their place in the list.
Values are shown as the document shows them (labels, not codes). Where a text
changed, the sentences added or removed, and within changed sentences the words, are
marked (`FieldChange.words`): plain text runs, never HTML, which the templates escape and
wrap in <del>/<ins>.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from functools import cached_property
from typing import Any, NamedTuple

from assessments import presentation
from idd.document import shape
from idd.document.shape import Document, Fields, labelled_fields
from idd.reference.sections import SECTIONS

# A section or row of a snapshot, read with `.get`: a stored revision may lack newer keys.
Row = Mapping[str, Any]
Shown = dict[str, Callable[[Any], str]]
Changes = tuple[tuple["FieldChange", ...], list["RowChange"]]

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


class Part(NamedTuple):
    """A run of text, marked when it was removed (in the old text) or added (in the new)."""

    text: str
    changed: bool


@dataclass(frozen=True)
class Marked:
    old: tuple[Part, ...]
    new: tuple[Part, ...]


# Below this share of words kept, a text counts as rewritten and is marked whole.
SIMILAR = 0.4
# A sentence (up to its closing mark and the spaces after, or a line), kept whole when
# only other sentences of a paragraph changed.
SENTENCES = re.compile(r".+?(?:[.!?]+(?=\s|$)|\n|$)\s*|\s+", re.DOTALL)
# Sentences replaced by others are paired when there are at most this many pairs to try;
# beyond, the replaced sentences are compared word by word together.
SENTENCE_PAIRS = 400
# Words, single punctuation marks and the spaces between: what a reader sees as changed.
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# How many word pairs the word matcher may compare for one field. Its cost grows with
# the cube of the length on repetitive text; with this budget two fields at their longest
# compare in a few milliseconds, and a change too tangled for it is marked whole.
MATCHING_BUDGET = 200_000


class _OverBudget(Exception):
    pass


class _BoundedMatcher(SequenceMatcher[str]):
    """difflib's matcher that stops once it has compared `MATCHING_BUDGET` word pairs."""

    def __init__(self, a: list[str], b: list[str]) -> None:
        self.work, self.words, self.places = 0, a, Counter(b)
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> Match:
        # Each word of a[alo:ahi] is compared with at most every place it has in b.
        words = self.words[alo:ahi]
        self.work += len(words) + sum(self.places[w] for w in words)
        if self.work > MATCHING_BUDGET:
            raise _OverBudget
        return super().find_longest_match(alo, ahi, blo, bhi)


def _changed_words(before: list[str], after: list[str]) -> tuple[list[bool], list[bool]]:
    """Which words of each list are not kept in the other: the unchanged start and end
    set aside first (a word changed in a long text costs nothing), then difflib within
    its budget; a middle too tangled for the budget is changed whole."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(before), len(after)) - head
        and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]
    ):
        tail += 1
    old_middle, new_middle = before[head : len(before) - tail], after[head : len(after) - tail]
    old_changed, new_changed = [True] * len(old_middle), [True] * len(new_middle)
    try:
        blocks = _BoundedMatcher(old_middle, new_middle).get_matching_blocks()
    except _OverBudget:
        blocks = []
    for i, j, size in blocks:
        old_changed[i : i + size] = [False] * size
        new_changed[j : j + size] = [False] * size
    return (
        [False] * head + old_changed + [False] * tail,
        [False] * head + new_changed + [False] * tail,
    )


def _runs(tokens: list[tuple[str, bool]]) -> tuple[Part, ...]:
    """Neighboring tokens of the same kind joined into one run; a space is marked only
    between two marked words, so a mark never starts or ends with one."""
    runs: list[Part] = []
    for n, (text, changed) in enumerate(tokens):
        if changed and text.isspace():
            before, after = tokens[n - 1 : n], tokens[n + 1 : n + 2]
            changed = bool(before and after and before[0][1] and after[0][1])
        if runs and runs[-1].changed == changed:
            runs[-1] = Part(runs[-1].text + text, changed)
        else:
            runs.append(Part(text, changed))
    return tuple(runs)


def _flagged(tokens: list[str], changed: list[bool]) -> list[tuple[str, bool]]:
    """The tokens with their words' flags; a space is flagged too, and `_runs` marks it
    only between two marked words."""
    flags = iter(changed)
    return [(t, True if t.isspace() else next(flags)) for t in tokens]


def mark_words(old: str, new: str) -> Marked:
    """The old and new text in runs, what was removed from the old and added to the new
    marked. Sentences first: a sentence added or removed is marked alone, the sentences
    kept are not marked, and within sentences that changed the words are marked
    (`_mark_changed_words`). A text with no sentence kept is compared word by word whole."""
    before, after = SENTENCES.findall(old), SENTENCES.findall(new)
    if len(before) + len(after) > 2:
        try:
            blocks = _BoundedMatcher(_keys(before), _keys(after)).get_opcodes()
        except _OverBudget:
            blocks = []
        if any(tag == "equal" for tag, *_ in blocks):
            return _by_sentence(before, after, blocks)
    return _mark_changed_words(old, new)


def _keys(sentences: list[str]) -> list[str]:
    return [s.strip() for s in sentences]


def _by_sentence(
    before: list[str], after: list[str], blocks: Sequence[tuple[str, int, int, int, int]]
) -> Marked:
    old_runs: list[Part] = []
    new_runs: list[Part] = []
    for tag, i1, i2, j1, j2 in blocks:
        old_text, new_text = "".join(before[i1:i2]), "".join(after[j1:j2])
        if tag == "equal":
            old_runs.append(Part(old_text, False))
            new_runs.append(Part(new_text, False))
        elif tag == "replace":
            old_part, new_part = _replaced(before[i1:i2], after[j1:j2])
            old_runs += old_part
            new_runs += new_part
        else:  # a sentence removed or added whole
            old_runs += _whole(old_text)
            new_runs += _whole(new_text)
    return Marked(_joined(old_runs), _joined(new_runs))


def _shared(old: str, new: str) -> float:
    """The share of words two sentences have in common (an upper bound of those kept)."""
    old_words = Counter(t for t in TOKENS.findall(old) if not t.isspace())
    new_words = Counter(t for t in TOKENS.findall(new) if not t.isspace())
    most = max(sum(old_words.values()), sum(new_words.values()), 1)
    return sum((old_words & new_words).values()) / most


def _replaced(before: list[str], after: list[str]) -> tuple[list[Part], list[Part]]:
    """Sentences replaced by others: the most alike pair is compared word by word and the
    sentences on either side of it in turn (as difflib's ndiff pairs lines); those alike
    to none were removed or added whole."""
    if not before or not after:
        return _whole("".join(before)), _whole("".join(after))
    if len(before) == 1 == len(after) or len(before) * len(after) > SENTENCE_PAIRS:
        words = _mark_changed_words("".join(before), "".join(after))
        return list(words.old), list(words.new)
    score, i, j = max(
        (_shared(a, b), i, j) for i, a in enumerate(before) for j, b in enumerate(after)
    )
    if score < SIMILAR:
        return _whole("".join(before)), _whole("".join(after))
    old_left, new_left = _replaced(before[:i], after[:j])
    words = _mark_changed_words(before[i], after[j])
    old_right, new_right = _replaced(before[i + 1 :], after[j + 1 :])
    return old_left + list(words.old) + old_right, new_left + list(words.new) + new_right


def _whole(text: str) -> list[Part]:
    """A text marked whole, the spaces around it not: a mark never starts or ends with one."""
    if not text:
        return []
    core = text.strip()
    start = text.index(core) if core else 0
    parts = [Part(text[:start], False), Part(core, True), Part(text[start + len(core) :], False)]
    return [p for p in parts if p.text]


def _joined(runs: list[Part]) -> tuple[Part, ...]:
    joined: list[Part] = []
    for run in runs:
        if joined and joined[-1].changed == run.changed:
            joined[-1] = Part(joined[-1].text + run.text, run.changed)
        elif run.text:
            joined.append(run)
    return tuple(joined)


def _mark_changed_words(old: str, new: str) -> Marked:
    """The words removed from the old and added to the new marked (difflib over words, so
    a changed word is marked whole); a text rewritten rather than edited is marked whole,
    since scattered marks would not help.

    The matcher compares words and marks only: spaces are never matched on their own
    (a space token in every other place made its work grow with the square of the text
    at each step), and a changed space is marked only between changed words."""
    if not old or not new:
        return Marked(tuple(_whole(old)), tuple(_whole(new)))
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    old_words = [t for t in before if not t.isspace()]
    new_words = [t for t in after if not t.isspace()]
    most = max(len(old_words), len(new_words))
    # At most the words the two texts share can be kept: a cheap first look.
    shared = sum((Counter(old_words) & Counter(new_words)).values())
    if shared < SIMILAR * most:
        return Marked(tuple(_whole(old)), tuple(_whole(new)))
    old_changed, new_changed = _changed_words(old_words, new_words)
    if old_changed.count(False) < SIMILAR * most:  # rewritten rather than edited: read whole
        return Marked(tuple(_whole(old)), tuple(_whole(new)))
    return Marked(_runs(_flagged(before, old_changed)), _runs(_flagged(after, new_changed)))


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    @cached_property
    def words(self) -> Marked:
        """Both texts with the changed words marked; an empty side has no runs."""
        return mark_words(self.old, self.new)


@dataclass(frozen=True)
class RowChange:
    kind: str  # ADDED, REMOVED or CHANGED
    group: str  # what kind of row: "Partner deliverable", "Risk"...
    name: str  # the row as a reviewer knows it
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SectionDiff:
    slug: str
    title: str
    fields: tuple[FieldChange, ...]
    rows: tuple[RowChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.rows)


def show(value: Any) -> str:
    """A value as the document prints it; empty stays empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return "; ".join(show(item) for item in value)
    return str(value)


def money(value: Any) -> str:
    return "" if value in (None, "") else f"${int(float(value)):,}"


def fiscal_year(value: Any) -> str:
    return "" if value in (None, "") else f"FY{value}"


def _compare(
    old: Row, new: Row, fields: Fields, shown: Shown | None = None
) -> tuple[FieldChange, ...]:
    shown = {"fiscal_year": fiscal_year, **(shown or {})}
    changes = []
    for key, label in fields:
        fmt = shown.get(key, show)
        before, after = fmt(old.get(key)), fmt(new.get(key))
        if before != after:
            changes.append(FieldChange(label, before, after))
    return tuple(changes)


def _keyed(rows: Iterable[Row], by_reference: bool = False) -> dict[Any, Row]:
    if by_reference:
        return {("reference", row["reference_number"]): row for row in rows}
    return {row.get("id", ("position", n)): row for n, row in enumerate(rows)}


def _referenced(*lists: Sequence[Row]) -> bool:
    """Every row of both snapshots carries its reference number (a revision stored before
    references does not: its rows are matched by id, as they were then)."""
    return all("reference_number" in row for rows in lists for row in rows)


def _named(row: Row) -> str:
    """A deliverable or U.S. input by reference and title: "D3 Assign sailors"."""
    return f"{row.get('ref', '')} {row.get('title', '')}".strip()


def _rows(
    old_rows: Sequence[Row],
    new_rows: Sequence[Row],
    group: str,
    name: Callable[[Row], str],
    fields: Fields,
    shown: Shown | None = None,
    by_reference: bool = False,
) -> list[RowChange]:
    """Added, removed and changed rows; an added or removed row lists what it held."""
    old, new = _keyed(old_rows, by_reference), _keyed(new_rows, by_reference)
    empty: Row = {}
    changes = []
    for key, row in new.items():
        if key not in old:
            changes.append(RowChange(ADDED, group, name(row), _compare(empty, row, fields, shown)))
        else:
            diff = _compare(old[key], row, fields, shown)
            if diff:
                changes.append(RowChange(CHANGED, group, name(row), diff))
    for key, row in old.items():
        if key not in new:
            changes.append(
                RowChange(REMOVED, group, name(row), _compare(row, empty, fields, shown))
            )
    return changes


# --- The sections --------------------------------------------------------------------------

# Each section's compared fields and their labels come from the snapshot's declared shape.
BASICS = labelled_fields(shape.Basics)
CONTEXT = labelled_fields(shape.Context)
PRIOR_ASSISTANCE = labelled_fields(shape.PriorAssistance)
DELIVERABLE = labelled_fields(shape.Deliverable)
US_INPUT = labelled_fields(shape.USInput)
OBJECTIVE = labelled_fields(shape.Objective)
INDICATOR = labelled_fields(shape.Indicator)
SUSTAINMENT = labelled_fields(shape.Sustainment)
RISK = labelled_fields(shape.Risk)
COMPONENT = labelled_fields(shape.ProgramComponent)
ASSESSMENT = labelled_fields(shape.AssessmentPlan)
# The commitment section compares the assessment's figures (`assessments.scoring` owns
# their shape) and the planner's ratings, flattened by `_commitment_row`.
RATINGS = tuple(presentation.RATING_LABELS.items())
COMMITMENT: Fields = (
    ("demonstrated", "Demonstrated commitment (costly acts)"),
    ("delivery_record", "Delivery record (reliability, not commitment)"),
    ("us_delivery_record", "U.S. delivery record"),
    ("risk_accepted_points", "Political risk accepted (points)"),
    ("stated_willingness", "Stated willingness"),
    ("absorptive_capacity", "Absorptive capacity (mean rating)"),
    ("quadrant_label", "Quadrant"),
    ("flags", "Flags raised"),
    *((f"{key}_score", f"{label}: rating") for key, label in RATINGS),
    *((f"{key}_justification", f"{label}: justification") for key, label in RATINGS),
)


def _basics(old: Document, new: Document) -> Changes:
    return _compare(old.get("basics", {}), new.get("basics", {}), BASICS), []


def _context(old: Document, new: Document) -> Changes:
    before, after = old.get("context", {}), new.get("context", {})
    rows = _rows(
        before.get("prior_assistance", []),
        after.get("prior_assistance", []),
        "Prior assistance",
        lambda r: f"FY{r.get('fiscal_year')} {r.get('description', '')}",
        PRIOR_ASSISTANCE,
        {"amount": money},
    )
    return _compare(before, after, CONTEXT), rows


def _deliverables(old: Document, new: Document) -> Changes:
    before, after = old.get("deliverables", []), new.get("deliverables", [])
    rows = _rows(
        before,
        after,
        "Partner deliverable",
        _named,
        DELIVERABLE,
        by_reference=_referenced(before, after),
    )
    return (), rows


def _with_matched(doc: Document) -> list[Row]:
    """U.S. inputs with the partner deliverables they answer, by reference and title."""
    titles = {d.get("id"): _named(d) for d in doc.get("deliverables", [])}
    return [
        u | {"matched": sorted(titles.get(i, "") for i in u.get("matched_deliverable_ids", []))}
        for u in doc.get("us_inputs", [])
    ]


def _us_inputs(old: Document, new: Document) -> Changes:
    before, after = _with_matched(old), _with_matched(new)
    rows = _rows(
        before,
        after,
        "U.S. input",
        _named,
        US_INPUT,
        {"estimated_cost": money},
        by_reference=_referenced(before, after),
    )
    # Section 333's components, matched by kind (a revision stored before them has none).
    rows += _rows(
        _components(old),
        _components(new),
        "Program component",
        lambda c: c.get("kind_label", ""),
        COMPONENT,
        {"us_inputs": _refs},
    )
    return (), rows


def _components(doc: Document) -> list[Row]:
    """The components written (an empty one is not yet there), keyed by their kind."""
    return [
        c | {"id": c.get("kind")}
        for c in doc.get("program_components", [])
        if any(c.get(key) for key in ("what", "who", "when", "us_inputs"))
    ]


def _refs(rows: Any) -> str:
    """Rows named by reference and title: "U2 Boarding training; U3 Advisor"."""
    return "; ".join(_named(r) for r in rows or [])


def _objective_name(row: Row) -> str:
    return f"FY{row.get('fiscal_year')}: {row.get('objective', '')}"


def _objectives(old: Document, new: Document) -> Changes:
    old_rows, new_rows = old.get("objectives", []), new.get("objectives", [])
    rows = _rows(old_rows, new_rows, "Yearly objective", _objective_name, OBJECTIVE)
    # Indicators are compared within the objective they belong to.
    old_keyed, new_keyed = _keyed(old_rows), _keyed(new_rows)
    for key in [*new_keyed, *(k for k in old_keyed if k not in new_keyed)]:
        objective = new_keyed.get(key) or old_keyed[key]
        rows += _rows(
            old_keyed.get(key, {}).get("indicators", []),
            new_keyed.get(key, {}).get("indicators", []),
            f"Indicator of {_objective_name(objective)}",
            lambda r: r.get("description", ""),
            INDICATOR,
        )
    return (), rows


def _sustainment(old: Document, new: Document) -> Changes:
    before, after = old.get("sustainment", {}), new.get("sustainment", {})
    return _compare(before, after, SUSTAINMENT, {"sustainment_annual_cost": money}), []


def _shares(result: dict[str, Any]) -> Row:
    """Demonstrated commitment and the delivery record in words, each saying why it is not a
    number; a version-2 result's figure says it counted every due deliverable."""
    if not result:
        return {"demonstrated": None, "delivery_record": None, "us_delivery_record": None}
    shares = presentation.headline(result)
    demonstrated = shares.demonstrated.value
    if shares.every_due_deliverable:
        demonstrated += f" (method version {shares.version}: every due deliverable)"
    return {
        "demonstrated": demonstrated,
        "delivery_record": shares.delivery_record.value,
        "us_delivery_record": shares.us_delivery_record.value,
    }


def _commitment_row(doc: Document) -> Row:
    """The assessment's figures and the planner's ratings, flattened for comparison."""
    commitment = doc.get("commitment", {})
    result = commitment.get("result", {})
    ratings = commitment.get("inputs", {}).get("ratings", {})
    row = {
        **_shares(result),
        "risk_accepted_points": result.get("risk_accepted_points"),
        "stated_willingness": result.get("stated_willingness"),
        "absorptive_capacity": result.get("absorptive_capacity"),
        "quadrant_label": result.get("quadrant_label"),
        "flags": sorted(flag.get("title", "") for flag in result.get("flags", [])),
    }
    for key, _ in RATINGS:
        rating = ratings.get(key, {})
        row[f"{key}_score"] = rating.get("score")
        row[f"{key}_justification"] = rating.get("justification")
    return row


def _commitment(old: Document, new: Document) -> Changes:
    if not old.get("commitment") and not new.get("commitment"):
        return (), []
    return _compare(_commitment_row(old), _commitment_row(new), COMMITMENT), []


def _risk_name(row: Row) -> str:
    return f"{row.get('category_label', '')}: {row.get('description', '')}"


def _risks(old: Document, new: Document) -> Changes:
    return (), _rows(old.get("risks", []), new.get("risks", []), "Risk", _risk_name, RISK)


def _assessment(old: Document, new: Document) -> Changes:
    """The initial assessment and the evaluation plan; lessons learned are recorded after
    approval and, like measurements, are not part of the plan compared."""
    before, after = old.get("assessment", {}), new.get("assessment", {})
    return _compare(before, after, ASSESSMENT), []


COMPARE = {
    "basics": _basics,
    "context": _context,
    "deliverables": _deliverables,
    "us-inputs": _us_inputs,
    "objectives": _objectives,
    "sustainment": _sustainment,
    "commitment": _commitment,
    "risks": _risks,
    "assessment": _assessment,
}


def diff(old: Document, new: Document) -> list[SectionDiff]:
    """Every section of the IDD, in document order, with what changed from old to new."""
    sections = []
    for section in SECTIONS:
        fields, rows = COMPARE[section.slug](old, new)
        sections.append(SectionDiff(section.slug, section.title, tuple(fields), tuple(rows)))
    return sections
