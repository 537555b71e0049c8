"""Word-level marking of changed text in the comparison: the words removed and added are
marked, whole words at a time, and typed markup stays text."""

import re

from django.template.loader import render_to_string

from idd.document.diff import FieldChange, Part, mark_words
from tests.review.marks import deleted, ins


def marked(parts: tuple[Part, ...]) -> list[str]:
    return [p.text for p in parts if p.changed]


def test_only_the_words_that_changed_are_marked():
    words = mark_words(
        "Kestrela funds fuel and parts from FY2027.",
        "Kestrela funds fuel, parts and pay from FY2028.",
    )
    assert "".join(p.text for p in words.old) == "Kestrela funds fuel and parts from FY2027."
    assert "".join(p.text for p in words.new) == "Kestrela funds fuel, parts and pay from FY2028."
    assert "FY2027" in marked(words.old) and "FY2028" in marked(words.new)
    assert "pay" in " ".join(marked(words.new))
    assert not any("Kestrela" in text or "from" in text for text in marked(words.new))


def test_a_changed_word_is_marked_whole_not_letter_by_letter():
    words = mark_words("The navy has two boats.", "The navy has ten boats.")
    assert marked(words.old) == ["two"]
    assert marked(words.new) == ["ten"]


def test_line_breaks_are_kept_in_the_runs():
    words = mark_words("First line.\nSecond line.", "First line.\nSecond and last line.")
    assert "".join(p.text for p in words.new) == "First line.\nSecond and last line."
    assert [t.strip() for t in marked(words.new)] == ["and last"]


def test_a_rewritten_text_is_marked_whole_not_in_scattered_pieces():
    words = mark_words(
        "Illegal fishing goes unchallenged along 600 km of coast.",
        "Smuggling boats outrun the navy.",
    )
    assert words.new == (Part("Smuggling boats outrun the navy.", True),)
    assert words.old == (Part("Illegal fishing goes unchallenged along 600 km of coast.", True),)


def test_without_word_marks_each_value_is_marked_whole():
    html = render(FieldChange("Title", "Four patrol boats", "Six patrol boats"), words=False)
    assert deleted("Four patrol boats") in html
    assert ins("Six patrol boats") in html


def test_identical_text_has_nothing_marked():
    words = mark_words("Same words.", "Same words.")
    assert words.old == words.new == (Part("Same words.", False),)


def render(change: FieldChange, words: bool = True) -> str:
    context = {"changes": [change], "caption": "c", "words": words}
    return render_to_string("idd/review/changes.html", context)


def test_hostile_text_in_a_changed_field_is_shown_as_text_never_as_markup():
    old = 'Patrols <script>alert("x")</script> & <b>boats</b>'
    new = "Patrols <img src=x onerror=alert(1)> & </ins><b>boats</b>"
    html = render(FieldChange("Theory of change", old, new))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    marks = r'</?(ins|del)( class="review-(new|old)")?>|<span class="usa-sr-only">[^<]*</span>'
    text = re.sub(marks, "", html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    # The only <ins>/<del> elements are the marks: the typed "</ins>" is text (the marks
    # may fall inside it, wherever the matcher aligns the two texts).
    assert "&lt;/ins&gt;" in text
    assert html.count("<ins") == html.count("</ins>")
    assert html.count("<del") == html.count("</del>")


def test_changed_words_are_wrapped_in_del_and_ins():
    html = render(FieldChange("Title", "Four patrol boats", "Six patrol boats"))
    assert deleted("Four") + " patrol boats" in html
    assert ins("Six") + " patrol boats" in html


def test_a_value_added_or_removed_whole_is_marked_whole():
    added = render(FieldChange("Title", "", "Publish the schedule"))
    assert ins("Publish the schedule") in added
    assert "(empty)" in added
    removed = render(FieldChange("Title", "Publish the schedule", ""))
    assert deleted("Publish the schedule") in removed


PARAGRAPH = "Kestrela's navy patrols 600 km of coast with two boats."
ADDED = (
    "J4 asked who pays for spare parts after the second year of the program, and the "
    "navy now budgets for them from its own funds from FY2028 onwards."
)


def test_a_sentence_added_to_a_paragraph_is_marked_alone():
    words = mark_words(PARAGRAPH, f"{PARAGRAPH} {ADDED}")
    assert marked(words.old) == []
    assert marked(words.new) == [ADDED]
    assert "".join(p.text for p in words.new) == f"{PARAGRAPH} {ADDED}"


def test_a_sentence_removed_is_marked_alone_and_a_changed_one_word_by_word():
    old = f"First, the boats. {ADDED} The navy has two crews."
    new = "First, the boats. The navy has three crews."
    words = mark_words(old, new)
    assert marked(words.old) == [ADDED, "two"]
    assert marked(words.new) == ["three"]


def test_a_paragraph_added_between_two_kept_is_marked_alone():
    old = "Boats first.\n\nCrews last."
    new = f"Boats first.\n\n{ADDED}\n\nCrews last."
    words = mark_words(old, new)
    assert marked(words.old) == [] and marked(words.new) == [ADDED]


def test_each_mark_says_what_it_is_and_where_it_ends_to_a_screen_reader():
    html = render(FieldChange("Sustainment plan", PARAGRAPH, f"{PARAGRAPH} {ADDED}"))
    assert ins(ADDED) in html
    assert '<span class="usa-sr-only">Added: </span>' in html
    assert "(end added)" in html and "<del" not in html
