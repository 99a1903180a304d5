"""Permalinks never break: removed or merged records leave a redirect page behind.

data/redirects.yaml lists `{from: old-id, to: new-id, reason: ...}`; each becomes a small static
HTML page at events/<old-id>/ that forwards to events/<new-id>/.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.yamlio import parse_yaml

ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,80}$")

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {old}</title>
<meta http-equiv="refresh" content="0; url=../{new}/">
<link rel="canonical" href="../{new}/">
<meta name="robots" content="noindex">
</head>
<body>
<p>This record was {reason}. It is now at <a href="../{new}/">{new}</a>.</p>
</body>
</html>
"""


def load_redirects(data_dir: Path) -> list[dict[str, str]]:
    """Entries of data/redirects.yaml whose ids are well-formed (the validator reports the rest)."""
    path = Path(data_dir) / "redirects.yaml"
    if not path.is_file():
        return []
    parsed = parse_yaml(path.read_bytes(), str(path))
    entries = parsed.data if isinstance(parsed.data, list) else []
    return [
        {"from": e["from"], "to": e["to"], "reason": str(e.get("reason") or "merged or renamed")}
        for e in entries
        if isinstance(e, dict) and ID.match(str(e.get("from"))) and ID.match(str(e.get("to")))
    ]


def render_redirects(data_dir: Path, event_ids: set[str]) -> dict[str, str]:
    """{events/<old>/index.html: page} for redirects whose target exists and whose old id is free."""
    pages = {}
    for entry in load_redirects(data_dir):
        if entry["to"] in event_ids and entry["from"] not in event_ids:
            page = PAGE.format(old=entry["from"], new=entry["to"], reason=html.escape(entry["reason"]))
            pages[f"events/{entry['from']}/index.html"] = page
    return pages
