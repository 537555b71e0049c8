"""docs/exchange-format.md lists every key of the format, and the format's version moves
with its keys."""

import hashlib
import re
from pathlib import Path

from django.conf import settings

from idd.exchange.reading import TOP_KEYS
from idd.exchange.spec import PARTNER, UNITS, VERSION, all_kinds

DOC = Path(settings.BASE_DIR) / "docs" / "exchange-format.md"
# The keys of each version, as a digest: a change of keys without a new version fails here.
KEYS_OF_VERSION = {
    1: "7f4d544040bcb912",  # with the distribution statement
    2: "9375d632971f0f4b",  # the marking (top-level keys counted from here), acknowledged checks,
    # what the U.S. did about each input, the rows' reference numbers and their counters
    3: "33592bf04de0e880",  # what Section 333 asks: purposes, ICS objective, State's concurrence,
    # construction particulars, the program components; the assessment, monitoring and
    # evaluation plan and the lessons learned (issue 28)
}


def keys_in_format() -> dict[str, list[str]]:
    kinds = [("initiative.partner", PARTNER), ("initiative.targeted_units[]", UNITS)]
    return {path: kind.keys() for path, kind in [*kinds, *all_kinds()]}


def keys_in_doc() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    heading = None
    for line in DOC.read_text().splitlines():
        if found := re.match(r"### `(.+)`$", line):
            heading = found[1]
            tables[heading] = []
        elif heading and (key := re.match(r"\| `(\w+)` \|", line)):
            tables[heading].append(key[1])
    return tables


def test_the_doc_lists_every_key_of_every_kind_of_row():
    assert keys_in_doc() == keys_in_format()


def test_the_doc_names_the_current_version():
    assert f"**Current version: {VERSION}.**" in DOC.read_text()


def test_changing_the_keys_means_a_new_version():
    listing = "\n".join(f"{path}.{key}" for path, keys in keys_in_format().items() for key in keys)
    listing += "\n" + "\n".join(sorted(TOP_KEYS))  # from version 2 on
    digest = hashlib.sha256(listing.encode()).hexdigest()[:16]
    assert KEYS_OF_VERSION.get(VERSION) == digest, (
        f"The format's keys changed: bump VERSION in idd/exchange/spec.py, describe the "
        f"change in docs/exchange-format.md and record {VERSION}: {digest!r} here."
    )
