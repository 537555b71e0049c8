"""Hostile input, and what must never be stored whatever the input.

The strategies build values a browser's form never sends: texts over any limit, control
characters, right-to-left and emoji text, markup, numbers out of range or in other
scripts, wrong types. `stored_problems` reads back every text the IDD keeps and names
what should have been refused.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from hypothesis import strategies as st

# Longer than any limit a long text of an IDD could have (a 1 MB paste).
HUGE = 1_000_001
CONTROLS = ["\x00", "\r", "\n", "\r\n", "\t", "\x08", "\x1b", "\x7f", "\x85", "\x9b", "\x00\x00"]
RTL_EMOJI = [
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eevil.exe\u202c",
    "👩‍👩‍👧‍👦🇰🇪",
    "Ünïcödé ñ ß Ω",
    "\u200b\u200d\ufeff",
]
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7|add:7 }}{% debug %}",
    "'; DROP TABLE idd_initiative; --",
    "**bold** [link](javascript:alert(1))",
    "&amp; &lt;b&gt; &#0;",
]
NUMBERS = [
    "-1",
    "0",
    "-0",
    "32768",
    "65536",
    "2147483648",
    "9" * 40,
    "1e308",
    "NaN",
    "inf",
    "1.5",
    "1,000",
    " 12 ",
    "0x10",
    "١٢٣",  # Arabic-Indic digits
    "²",
    "߁",  # NKo digit one
    "１２",  # full-width digits
]
# Dates at and past the calendar's ends: a measurement dated 0001-01-01 was accepted and
# crashed every chart of its initiative.
DATES = ["0001-01-01", "9999-12-31", "0000-00-00", "10000-01-01", "2027-02-29", "1-1-1"]
# Amounts at the columns' ends, and baselines and targets equal once read as floats
# (10000000000000000000 and ...001 divided a chart by zero).
EXTREME_NUMBERS = [
    "10000000000000000000",
    "10000000000000000001",
    "99,999,999,999,999",
    "$1,000,000,000,001",
    "0." + "0" * 60 + "1",
    "1" + "0" * 199,
    "-" + "9" * 199,
]
# Nesting no page writes: 100,000 brackets in a hidden JSON field were a 500.
DEEP = "[" * 100_000 + "]" * 100_000

# Where a "next" field could send the user: on the site, and off it.
REDIRECTS = [
    "/",
    "//evil.example/",
    "/\\evil.example/",
    "/\\/evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "/%2F%2Fevil.example",
    "/initiatives/",
]
WRONG_TYPES = ["", " ", "[]", "{}", "true", "null", "None", "on", "\x00"]


def long_text(maxlength: int | None) -> st.SearchStrategy[str]:
    """One character past the rendered limit, or a 1 MB paste where none is rendered."""
    if maxlength is None:  # a 1 MB paste (ASCII, so the request stays under Django's 2.5 MB)
        return st.sampled_from(["a", "x ", "<b>"]).map(lambda s: (s * HUGE)[:HUGE])
    size = maxlength + 1
    return st.sampled_from(["a", "ب", "😀", "<b>", "x "]).map(lambda s: (s * size)[:size])


def with_control(word: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    word = word or st.sampled_from(["Patrol boats", "FY2027", "Unit"])
    return st.tuples(word, st.sampled_from(CONTROLS), word).map("".join)


def hostile_value(maxlength: int | None = None, long: bool = True) -> st.SearchStrategy[str]:
    return st.one_of(
        long_text(maxlength) if long else st.just("x"),
        with_control(),
        st.sampled_from(RTL_EMOJI + MARKUP + NUMBERS + WRONG_TYPES),
        st.sampled_from(DATES + EXTREME_NUMBERS + [DEEP]),
        st.text(max_size=40),
    )


def forged_count() -> st.SearchStrategy[str]:
    """A management form's TOTAL_FORMS / INITIAL_FORMS as no browser sends it."""
    return st.sampled_from(
        ["-1", "0", "1001", "100000000", "1e3", "", "abc", "²", "١", "3.5", " 2"]
    ) | st.integers(min_value=-5, max_value=60).map(str)


def forged_move(prefixes: list[str]) -> st.SearchStrategy[str]:
    prefix = st.sampled_from(prefixes or ["rows"]) | st.text(max_size=8)
    index = st.sampled_from(["²", "³", "¹", "١", "߁", "0", "99999", "-1", "", "9" * 30])
    direction = st.sampled_from(["up", "down", "up", "down", "sideways", ""])
    return st.tuples(prefix, index, direction).map(":".join)


@dataclass
class Sent:
    """What one hostile request sent, to judge what came back."""

    over_long: list[str] = field(default_factory=list)  # values past their limit

    def note_value(self, value: str, maxlength: int | None) -> None:
        if len(value) >= HUGE or (maxlength is not None and len(value) > maxlength):
            self.over_long.append(value)


def _single_line_bad(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def _multi_line_bad(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text)


def _text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


def stored_problems(sent: Sent) -> list[str]:
    """Every stored text of the IDD apps that should have been refused: control
    characters, over its column's length, or a value sent past its form's limit."""
    over_long = {v.strip() for v in sent.over_long}
    problems = []
    for app in ("idd", "assessments"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            fields = _text_fields(model)
            if not fields:
                continue
            for row in model.objects.values("pk", *(f.name for f in fields)):
                for f in fields:
                    text = row[f.name] or ""
                    where = f"{model.__name__} {row['pk']}.{f.name}"
                    single = isinstance(f, models.CharField)
                    if (_single_line_bad if single else _multi_line_bad)(text):
                        problems.append(f"{where} holds a control character: {text[:60]!r}")
                    if single and f.max_length and len(text) > f.max_length:
                        problems.append(f"{where} holds {len(text)} chars, over {f.max_length}")
                    if len(text) >= HUGE or (over_long and text.strip() in over_long):
                        problems.append(f"{where} holds a {len(text)}-char text past its limit")
    return problems


def error_shown(html: str) -> bool:
    """A refusal says why: the error summary, an error alert, or an error message."""
    return any(
        marker in html for marker in ('id="error-summary"', "usa-alert--error", "usa-error-message")
    )
