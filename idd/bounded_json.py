"""JSON sent by a browser or in an uploaded file, bounded in size and depth before it is
parsed: 100,000 nested brackets made the parser raise RecursionError (a 500), so the
nesting is counted first, cheaply, without parsing."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

# A string (its escapes included), or a bracket outside strings.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_OPENS = {"[": 1, "{": 1, "]": -1, "}": -1}


class TooLarge(ValueError):
    pass


class TooDeep(ValueError):
    pass


def depth(text: str) -> int:
    """How deeply the brackets of the text nest, strings not counted."""
    steps = (_OPENS.get(m.group(), 0) for m in _STRING_OR_BRACKET.finditer(text))
    return max(accumulate(steps, initial=0))


def loads(text: str, *, max_chars: int, max_depth: int) -> Any:
    """The parsed value; TooLarge, TooDeep or json.JSONDecodeError (all ValueError)."""
    if len(text) > max_chars:
        raise TooLarge(f"is {len(text):,} characters; the limit is {max_chars:,}")
    if depth(text) > max_depth:
        raise TooDeep(f"is nested more than {max_depth} levels deep")
    return json.loads(text)
