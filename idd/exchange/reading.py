"""Reading an exchange file safely: its size, encoding, JSON, depth, format and version
are checked before any of its content is looked at."""

from __future__ import annotations

import json
from typing import Any

from idd import bounded_json
from idd.exchange.problems import ImportRefused
from idd.exchange.spec import FORMAT, READS

# An initiative with every row and a dozen stored revisions is well under a megabyte.
MAX_BYTES = 20 * 1024 * 1024
# The file is about seven levels deep; the stored snapshots add a few more.
MAX_DEPTH = 40
TOP_KEYS = {"format", "version", "exported_at", "marking", "initiative"}


def read(content: bytes) -> dict[str, Any]:
    """The file's data, or ImportRefused saying why it cannot be read at all."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(
            [f"(file): is {len(content):,} bytes; the limit is {MAX_BYTES:,} bytes"]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise ImportRefused([f"(file): is not UTF-8 text (byte {bad.start})"]) from None
    try:
        data = bounded_json.loads(text, max_chars=MAX_BYTES, max_depth=MAX_DEPTH)
    except bounded_json.TooDeep as deep:
        raise ImportRefused([f"(file): {deep}"]) from None
    except json.JSONDecodeError as bad:
        raise ImportRefused(
            [f"(file): is not valid JSON: {bad.msg} at line {bad.lineno}, column {bad.colno}"]
        ) from None
    if not isinstance(data, dict):
        raise ImportRefused(["(file): must be a JSON object"])
    _check_header(data)
    return data


def _check_header(data: dict[str, Any]) -> None:
    if data.get("format") != FORMAT:
        raise ImportRefused([f"format: must be “{FORMAT}”: this is not an initiative file"])
    version = data.get("version")
    if version not in READS or isinstance(version, bool):
        names = [str(v) for v in READS]
        readable = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        raise ImportRefused(
            [
                f"version: is {json.dumps(version)}; this installation reads versions "
                f"{readable} of the format (see docs/exchange-format.md)"
            ]
        )
    problems = [f"{key}: unknown key" for key in sorted(set(data) - TOP_KEYS)]
    if "initiative" not in data:
        problems.append("initiative: required")
    if problems:
        raise ImportRefused(problems)
