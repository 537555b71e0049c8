"""Every test the STIG checklist names exists: a row cannot claim a proof that is gone."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT / "docs" / "security" / "asd-stig.md"
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_test_the_checklist_names_exists():
    named = NAMED.findall(CHECKLIST.read_text())
    assert named, "the checklist names no test"
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not (ROOT / path).is_file() or name not in functions_in(ROOT / path)
    ]
    assert missing == []


def test_every_row_names_a_test_or_says_why_none():
    rows = [line for line in CHECKLIST.read_text().splitlines() if re.match(r"\| V-\d", line)]
    assert rows
    for row in rows:
        assert NAMED.search(row) or "not applicable" in row or "inherited" in row, row
