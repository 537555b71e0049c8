"""The three-way rule behind a conflicting save (idd.guided_form.merge), over plain values."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idd.guided_form.merge import Outcome, merge, merged_value, outcome, plain


@pytest.mark.parametrize(
    "base, mine, theirs, expected",
    [
        ("a", "a", "a", Outcome.UNCHANGED),
        ("a", "b", "a", Outcome.MINE),
        ("a", "a", "c", Outcome.THEIRS),
        ("a", "b", "b", Outcome.SAME),
        ("a", "b", "c", Outcome.BOTH),
        (None, "b", "b", Outcome.UNCHANGED),  # what was read is unknown: only a difference
        (None, "b", "c", Outcome.BOTH),  # ... counts, and then as a change by both
    ],
)
def test_who_changed_a_field(base, mine, theirs, expected):
    assert outcome(base, mine, theirs) is expected


def test_plain_values_ignore_line_endings_blanks_and_the_order_of_ticks():
    assert plain("Two boats\r\nat sea  ") == plain("Two boats\nat sea")
    assert plain([3, "1"]) == plain(["1", "3"]) == ("1", "3")
    assert plain(None) == plain("") == ""
    assert plain(4) == "4"


def test_a_field_missing_from_what_was_read_is_unknown():
    assert merge({"title": "a"}, {"title": "a", "note": "x"}, {"title": "b", "note": "y"}) == {
        "title": Outcome.THEIRS,
        "note": Outcome.BOTH,
    }


values = st.one_of(st.text(max_size=5), st.tuples(st.text(max_size=3)).map(tuple))


@given(base=values, mine=values, theirs=values)
def test_an_untouched_field_never_writes_back_over_a_newer_value(base, mine, theirs):
    """Saving the merged value: theirs survives unless this editor changed the field, and
    this editor's change survives unless both changed it (then they choose)."""
    base, mine, theirs = plain(base), plain(mine), plain(theirs)
    result = outcome(base, mine, theirs)
    kept = merged_value(result, mine, theirs)
    if mine == base:
        assert kept == theirs
    if theirs == base:
        assert kept == mine
    assert (result is Outcome.BOTH) == (mine != base and theirs != base and mine != theirs)
