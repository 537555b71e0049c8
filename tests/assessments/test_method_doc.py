"""docs/commitment-method.md states the method the code applies: same numbers, same words."""

import re
from pathlib import Path

from django.template.loader import render_to_string

from assessments import method
from assessments.presentation import method_facts

DOC = (Path(__file__).resolve().parents[2] / "docs" / "commitment-method.md").read_text()
CONSTANTS = (
    "METHOD_VERSION",
    "SCALE_MIN",
    "SCALE_MAX",
    "HIGH_PHYSICAL_RISK",
    "HIGH_POLITICAL_RISK",
    "REFORM_RISK",
    "RHETORIC_GAP",
    "CONDITIONS_PER_CAPACITY_POINT",
    "HIGH_STATED_WILLINGNESS",
    "QUADRANT_DEMONSTRATED",
    "SLIPPED_FOR_REPLAN",
    "ABANDONMENT_GRACE_MONTHS",
    "US_RECORD_LOW",
    "US_RECORD_LOW_MIN_DUE",
)


def words(text: str) -> str:
    """Text without markup, quotes or line breaks, for comparing prose."""
    text = re.sub(r"<[^>]+>", "", text).replace("**", "")
    return " ".join(text.split())


def test_every_threshold_is_documented_with_its_value() -> None:
    for name in CONSTANTS:
        assert f"| `{name}` | {getattr(method, name)} |" in DOC, name


def test_every_credit_and_political_risk_weight_is_documented() -> None:
    for row in method_facts()["credit"]:
        assert f"| {row['status']} | {row['credit']} |" in DOC
    for row in method_facts()["us_credit"]:
        assert f"| {row['status']} | {row['credit']} |" in DOC.split("| U.S. status |")[1]
    for value, label, examples in method.POLITICAL_RISK_SCALE:
        assert f"| {value} | {label} | {examples} |" in DOC


def test_every_quadrant_and_flag_is_documented() -> None:
    for row in method_facts()["quadrants"]:
        assert (
            f"| {row['label']} | {row['physical']} | {row['political']} | {row['description']} |"
            in DOC
        )
    for rule in method.FLAG_RULES.values():
        assert f"| {rule.title} |" in DOC


def test_the_doc_opens_with_the_help_text_the_product_shows() -> None:
    help_html = render_to_string("assessments/method_help.html", {"h": 3})
    shown = [words(p) for p in re.findall(r"<p>(.*?)</p>", help_html, re.S)]
    documented = [words(p) for p in DOC.split("\n\n")[1:4]]
    assert shown == documented
