"""The STIG checklist (docs/security/asd-stig.md) stays true to itself: every test it names
exists, every row has a CAT and a state from the four allowed, a row that holds names its
proof, and the counts at the top are the rows' counts, so they can never drift."""

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT / "docs" / "security" / "asd-stig.md"
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
ROW = re.compile(r"^\| V-\d{6} \|")
CATS = ("I", "II", "III")
STATES = ("holds", "inherited", "not applicable", "not yet")
SEGMENT = re.compile(
    r"(all|CAT I|CAT II|CAT III) (\d+): holds (\d+) · inherited (\d+) · "
    r"not applicable (\d+) · not yet (\d+)"
)


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def rows() -> list[list[str]]:
    """Each row's cells: V-number, CAT, requirement, state, tests."""
    lines = [line for line in CHECKLIST.read_text().splitlines() if ROW.match(line)]
    assert lines, "the checklist has no rows"
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]


def state_of(cell: str) -> str | None:
    return next((state for state in STATES if cell.startswith(state)), None)


def test_every_test_the_checklist_names_exists():
    named = NAMED.findall(CHECKLIST.read_text())
    assert named, "the checklist names no test"
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not (ROOT / path).is_file() or name not in functions_in(ROOT / path)
    ]
    assert missing == []


def test_every_row_has_a_cat_and_an_allowed_state():
    problems = []
    for cells in rows():
        if len(cells) != 5:
            problems.append(f"{cells[0]}: {len(cells)} cells, not 5")
            continue
        number, cat, requirement, state, tests = cells
        if cat not in CATS:
            problems.append(f"{number}: CAT {cat!r}")
        if not requirement:
            problems.append(f"{number}: no requirement")
        if state_of(state) is None:
            problems.append(f"{number}: state {state!r}")
    assert problems == []


def test_each_requirement_has_one_row():
    numbers = Counter(cells[0] for cells in rows())
    assert [number for number, times in numbers.items() if times > 1] == []


def test_a_row_that_holds_names_its_test_and_the_others_say_why():
    problems = []
    for number, _, _, state, tests in rows():
        kind = state_of(state)
        if kind == "holds" and not NAMED.search(tests):
            problems.append(f"{number}: holds, but names no test")
        if kind in ("inherited", "not applicable") and ":" not in state and "(" not in state:
            problems.append(f"{number}: {kind}, but does not say what or why")
        if kind == "not yet" and not re.search(r"issue \d+|no open issue", state):
            problems.append(f"{number}: not yet, but names no issue (or 'no open issue')")
    assert problems == []


def test_the_counts_line_matches_the_rows():
    counted = Counter()
    for _, cat, _, state, _ in rows():
        counted[(cat, state_of(state))] += 1
    expected = {
        label: [sum(counted[(cat, state)] for cat in cats) for state in STATES]
        for label, cats in [("all", CATS)] + [(f"CAT {cat}", (cat,)) for cat in CATS]
    }
    (line,) = [line for line in CHECKLIST.read_text().splitlines() if "**Counts**" in line]
    found = {label: [int(n) for n in numbers] for label, _, *numbers in SEGMENT.findall(line)}
    assert set(found) == set(expected), line
    totals = {label: int(total) for label, total, *_ in SEGMENT.findall(line)}
    for label, numbers in expected.items():
        assert found[label] == numbers, f"{label}: the line says {found[label]}, rows {numbers}"
        assert totals[label] == sum(numbers), f"{label}: total"
