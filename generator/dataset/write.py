"""Write records as YAML files the same way everywhere: field order, schema modeline, ids and paths.

The extractor, `generator new` and the synthetic-data generator all write records through here,
so a record file looks the same whoever made it, and rewriting it gives the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from pathlib import Path
from typing import Any

from generator.core.yamlio import dump_yaml

EVENT_ORDER = (
    "id",
    "type",
    "date",
    "date_precision",
    "location",
    "weapons",
    "claimed_by",
    "targets",
    "casualties",
    "intercepted",
    "summary",
    "sources",
    "review",
    "notes",
    "added",
)
TALLY_ORDER = (
    "id",
    "as_of",
    "attacks",
    "since",
    "iraq",
    "syria",
    "injured",
    "killed",
    "stated_by",
    "sources",
    "review",
    "notes",
)
NESTED_ORDER = {
    "location": ("base", "country", "place"),
    "casualties": ("us_killed", "us_injured", "killed"),
    "source": ("article", "outlet", "url", "published", "published_inferred", "title", "quote"),
}
SCHEMA_FILE = {"event": "event.schema.json", "tally": "tally.schema.json"}


def render_record(kind: str, data: dict[str, Any]) -> str:
    """YAML text of a record, starting with the modeline that lets editors check it against the schema."""
    depth = 4 if kind == "event" else 3  # data/events/YYYY/x.yaml or data/tallies/x.yaml
    modeline = f"# yaml-language-server: $schema={'../' * (depth - 1)}generator/dataset/schemas/{SCHEMA_FILE[kind]}\n"
    return modeline + dump_yaml(_ordered(data, EVENT_ORDER if kind == "event" else TALLY_ORDER))


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {key: data[key] for key in order if key in data}
    out.update({key: data[key] for key in sorted(data) if key not in out})
    for key in ("location", "casualties"):
        if isinstance(out.get(key), dict):
            out[key] = _ordered(out[key], NESTED_ORDER[key])
    if isinstance(out.get("sources"), list):
        out["sources"] = [_ordered(s, NESTED_ORDER["source"]) if isinstance(s, dict) else s for s in out["sources"]]
    return out


def record_path(data_dir: Path, kind: str, data: dict[str, Any]) -> Path:
    """Where a record lives: data/events/<YYYY>/<id>.yaml or data/tallies/<id>.yaml."""
    if kind == "event":
        return Path(data_dir) / "events" / str(data["date"])[:4] / f"{data['id']}.yaml"
    return Path(data_dir) / "tallies" / f"{data['id']}.yaml"


def slugify(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens; look-alike letters are folded or dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())).strip("-")


def make_event_id(data: dict[str, Any], taken: Container[str] = ()) -> str:
    """<date>-<base id or country>-<attack|strike>, with -2, -3 ... when that id is taken."""
    location = data.get("location") or {}
    site = location.get("base") or slugify(str(location.get("country") or "xx"))
    base_id = slugify(f"{data['date']}-{site}-{data['type']}")[:78]
    candidate, number = base_id, 2
    while candidate in taken:
        candidate = f"{base_id}-{number}"
        number += 1
    return candidate


def make_tally_id(data: dict[str, Any]) -> str:
    return f"{data['as_of']}-{data['attacks']}"
