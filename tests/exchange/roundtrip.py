"""Export, import and export again, for the round-trip tests."""

from __future__ import annotations

import copy
import json
from typing import Any

from idd.exchange.export import export_initiative, export_json
from idd.exchange.importer import import_initiative
from idd.models import Initiative


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The file apart from what may differ after an import: when it was exported, and the
    new initiative's id in its stored snapshots."""
    data = copy.deepcopy(data)
    data.pop("exported_at")
    for key in ("submissions", "revisions"):
        for stored in data["initiative"][key]:
            stored["snapshot"]["meta"].pop("id")
    return data


def round_trip(initiative: Initiative, importer=None) -> tuple[dict, dict, Initiative]:
    """The file of `initiative`, the file of its import, and the imported initiative."""
    first = json.loads(export_json(initiative))
    imported = import_initiative(json.dumps(first).encode(), importer).initiative
    return first, export_initiative(imported), imported
