"""The W3C Nu HTML Checker (npm `vnu-jar`, on Debian's Java runtime) over the HTML the
server sent: one Java start for every page of a crawl."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def errors_in(pages: dict[str, str]) -> list[str]:
    """Each error the checker finds, as "page: message (line N): extract"; [] if none."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (label, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number}.html"
            path.write_text(html)
            files[path.name] = label
        checked = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always"]
            + [str(Path(folder) / f"page-{n}.html") for n in range(len(pages))],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    found = []
    for message in json.loads(checked.stderr)["messages"]:
        page = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url", "?"))
        extract = " ".join(message.get("extract", "").split())[:120]
        found.append(f"{page}: {message['message']} (line {message.get('lastLine')}): {extract}")
    return found
