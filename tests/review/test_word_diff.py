"""Word-level marking of changed text in the comparison: the words removed and added are
marked, whole words at a time, and typed markup stays text."""

import re

from django.template.loader import render_to_string

from idd.document.diff import FieldChange, Part, mark_words


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
    assert '<del class="review-old">Four patrol boats</del>' in html
    assert '<ins class="review-new">Six patrol boats</ins>' in html


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
    text = re.sub(r'</?(ins|del)( class="review-(new|old)")?>', "", html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    # The only <ins>/<del> elements are the marks: the typed "</ins>" is text.
    assert "&lt;/ins&gt;" in html
    assert html.count("<ins") == html.count("</ins>")
    assert html.count("<del") == html.count("</del>")


def test_changed_words_are_wrapped_in_del_and_ins():
    html = render(FieldChange("Title", "Four patrol boats", "Six patrol boats"))
    assert '<del class="review-old">Four</del> patrol boats' in html
    assert '<ins class="review-new">Six</ins> patrol boats' in html


def test_a_value_added_or_removed_whole_is_marked_whole():
    added = render(FieldChange("Title", "", "Publish the schedule"))
    assert '<ins class="review-new">Publish the schedule</ins>' in added
    assert "(empty)" in added
    removed = render(FieldChange("Title", "Publish the schedule", ""))
    assert '<del class="review-old">Publish the schedule</del>' in removed
