"""Permalinks never break: removed or merged records leave a redirect behind.

data/redirects.yaml lists `{from: old-id, to: new-id, reason: ...}`. It is read with every other
data file (generator.dataset.load); this module says which entries are usable and what is wrong
with the others. The pages themselves are made in generator/render/redirects.py.
"""

from __future__ import annotations

from typing import Any, Protocol

from generator.core.problems import Location, Problem
from generator.dataset.ids import is_record_id


class _Loaded(Protocol):
    path: str

    @property
    def data(self) -> Any: ...

    def at(self, *key_path: str | int) -> Location: ...


def redirect_entries(record: _Loaded | None) -> list[dict[str, str]]:
    """Entries whose ids are well-formed (check_redirects reports the rest)."""
    entries = record.data if record is not None and isinstance(record.data, list) else []
    return [
        {"from": e["from"], "to": e["to"], "reason": str(e.get("reason") or "merged or renamed")}
        for e in entries
        if isinstance(e, dict) and is_record_id(e.get("from")) and is_record_id(e.get("to"))
    ]


def check_redirects(record: _Loaded, event_ids: set[str]) -> list[Problem]:
    """Every redirect goes from a retired id to an existing event; a live record never hides behind one."""
    if not isinstance(record.data, list):
        return [Problem(record.at(), "not-a-list", "redirects.yaml must be a list of {from, to}")]
    problems = []
    for index, entry in enumerate(record.data):
        where = record.at(index)
        if not isinstance(entry, dict) or not is_record_id(entry.get("from")) or not is_record_id(entry.get("to")):
            problems.append(Problem(where, "bad-redirect", f"entry {index} needs 'from' and 'to' event ids"))
        elif entry["to"] not in event_ids:
            problems.append(Problem(where, "redirect-target-missing", f"'to' {entry['to']!r} is not an event id"))
        elif entry["from"] in event_ids:
            message = f"'from' {entry['from']!r} is still a record; remove the record or the redirect"
            problems.append(Problem(where, "redirect-shadows-record", message))
    return problems
