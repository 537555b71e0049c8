"""Draw one hostile POST from a rendered form: mutated fields, forged management forms,
foreign ids, forged buttons. Shared by the fuzz tests of every form."""

from __future__ import annotations

from hypothesis import note
from hypothesis import strategies as st

from tests.fuzz.hostile import Sent, forged_count, forged_move, hostile_value, long_text
from tests.fuzz.pages import Form

MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
SKIP = {"csrfmiddlewaretoken"}


def _value_for(draw, control, foreign_ids: list[str], sent: Sent, long_allowed: bool) -> str:
    """A hostile value for one control; choice controls also get foreign ids."""
    options = [hostile_value(control.maxlength, long=long_allowed)]
    if control.kind not in ("text", "textarea") and foreign_ids:
        options.append(st.sampled_from(foreign_ids))
    if control.choices:
        options.append(st.sampled_from(control.choices))
    value = draw(st.one_of(*options))
    sent.note_value(value, control.maxlength)
    return value


def hostile_post(
    draw, form: Form, foreign_ids=(), base: dict | None = None
) -> tuple[dict[str, list[str]], Sent]:
    """The form's data with 1 to 4 controls hostile, maybe a forged management form and a
    forged or real button. At most one text past its limit (a 1 MB paste) per request."""
    data, sent = (base if base is not None else form.data()), Sent()
    names = sorted(set(form.controls) - SKIP)
    long_used = False
    chosen = st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)
    for name in draw(chosen) if names else []:
        control = form.controls[name]
        how = draw(st.sampled_from(["value", "value", "value", "drop", "repeat"]))
        if how == "drop":
            data.pop(name, None)
            continue
        value = _value_for(draw, control, list(foreign_ids), sent, not long_used)
        long_used = long_used or len(value) > 200
        # "repeat": the field twice (Django reads the last), e.g. a second lock version.
        data[name] = [*data.get(name, []), value] if how == "repeat" else [value]
    prefixes = sorted({n.rsplit("-", 1)[0] for n in form.controls if n.endswith("-TOTAL_FORMS")})
    if prefixes and draw(st.booleans()):
        prefix, part = draw(st.sampled_from(prefixes)), draw(st.sampled_from(MANAGEMENT))
        if draw(st.booleans()):
            data[f"{prefix}-{part}"] = [draw(forged_count())]
        else:
            data.pop(f"{prefix}-{part}", None)
    name, value = draw(_button(form, prefixes))
    if name:
        data[name] = [value]
    note(f"POST data: { {k: v if sum(map(len, v)) < 120 else '<long>' for k, v in data.items()} }")
    return data, sent


def _button(form: Form, prefixes: list[str]):
    real = st.sampled_from(form.buttons) if form.buttons else st.just(("", ""))
    forged = st.one_of(
        st.tuples(st.just("move"), forged_move(prefixes)),
        st.tuples(
            st.just("add"), st.sampled_from([*prefixes, "rows", "", "ind-1"]) | st.text(max_size=12)
        ),
        st.tuples(st.just("goto"), st.text(max_size=12) | st.just("review")),
        st.tuples(st.just("action"), st.sampled_from(["exit", "back", "continue", "", "¿"])),
    )
    move = st.tuples(st.just("move"), forged_move(prefixes))
    return st.one_of(real, real, move, move, forged, long_text(40).map(lambda v: ("action", v)))
