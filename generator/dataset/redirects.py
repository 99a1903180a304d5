"""Permalinks never break: removed or merged records leave a redirect page behind.

data/redirects.yaml lists `{from: old-id, to: new-id, reason: ...}`; each becomes a small static
HTML page at events/<old-id>/ that forwards to events/<new-id>/.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.core.files import read_data_file
from generator.core.problems import Location, Problem
from generator.core.yamlio import Parsed, parse_yaml

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


def _parse(data_dir: Path, display: str = "data/redirects.yaml") -> Parsed | None:
    path = Path(data_dir) / "redirects.yaml"
    if not path.exists() and not path.is_symlink():
        return None
    raw, problem = read_data_file(path, display)
    if raw is None:
        return Parsed(problems=[problem] if problem else [])
    return parse_yaml(raw, display)


def load_redirects(data_dir: Path) -> list[dict[str, str]]:
    """Entries of data/redirects.yaml whose ids are well-formed (check_redirects reports the rest)."""
    parsed = _parse(data_dir)
    entries = parsed.data if parsed and isinstance(parsed.data, list) else []
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


def check_redirects(data_dir: Path, event_ids: set[str], display: str = "data/redirects.yaml") -> list[Problem]:
    """Every redirect goes from a retired id to an existing event; a live record never hides behind one."""
    parsed = _parse(data_dir, display)
    if parsed is None:
        return []
    problems = list(parsed.problems)
    if parsed.data is None:
        return problems
    if not isinstance(parsed.data, list):
        return [*problems, Problem(Location(display, 1), "not-a-list", "redirects.yaml must be a list of {from, to}")]
    for index, entry in enumerate(parsed.data):
        line, column = parsed.line_of((index,))
        where = Location(display, line, column)
        if not isinstance(entry, dict) or not ID.match(str(entry.get("from"))) or not ID.match(str(entry.get("to"))):
            problems.append(Problem(where, "bad-redirect", f"entry {index} needs 'from' and 'to' event ids"))
        elif entry["to"] not in event_ids:
            problems.append(Problem(where, "redirect-target-missing", f"'to' {entry['to']!r} is not an event id"))
        elif entry["from"] in event_ids:
            message = f"'from' {entry['from']!r} is still a record; remove the record or the redirect"
            problems.append(Problem(where, "redirect-shadows-record", message))
    return problems
