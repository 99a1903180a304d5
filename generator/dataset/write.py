"""Write records as YAML files the same way everywhere: field order, schema modeline, paths, atomically.

The extractor, `generator new` and the synthetic-data generator all write records through here,
so a record file looks the same whoever made it, and rewriting it gives the same bytes. The order
of fields is the order in which the schema lists them (generator/dataset/schemas/), so the schema
is the one place that says what a record holds and in which order.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from generator.core.yamlio import dump_yaml
from generator.dataset.schema import SCHEMA_FILES, load_schema

SCHEMA_FOLDER = "generator/dataset/schemas"


@cache
def field_order(kind: str) -> tuple[str, ...]:
    """Top-level fields of an 'event' or 'tally' record, in the schema's order."""
    return tuple(load_schema(kind).document["properties"])


@cache
def nested_order(kind: str, key: str) -> tuple[str, ...]:
    """Fields of a nested mapping (location, casualties) or of each source, in the schema's order."""
    schema = load_schema(kind).document["properties"][key]
    schema = schema.get("items", schema)
    return tuple(schema.get("properties", {}))


def render_record(kind: str, data: dict[str, Any]) -> str:
    """YAML text of a record, starting with the modeline that lets editors check it against the schema."""
    depth = 4 if kind == "event" else 3  # data/events/YYYY/x.yaml or data/tallies/x.yaml
    modeline = f"# yaml-language-server: $schema={'../' * (depth - 1)}{SCHEMA_FOLDER}/{SCHEMA_FILES[kind]}\n"
    return modeline + dump_yaml(_ordered(kind, data))


def _ordered(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    out = _in_order(data, field_order(kind))
    for key in ("location", "casualties"):
        if isinstance(out.get(key), dict):
            out[key] = _in_order(out[key], nested_order(kind, key))
    if isinstance(out.get("sources"), list):
        order = nested_order(kind, "sources")
        out["sources"] = [_in_order(s, order) if isinstance(s, dict) else s for s in out["sources"]]
    return out


def _in_order(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """Known fields in the schema's order, then any others sorted (the validator reports those)."""
    out: dict[str, Any] = {key: data[key] for key in order if key in data}
    out.update({key: data[key] for key in sorted(data) if key not in out})
    return out


def record_path(data_dir: Path, kind: str, data: dict[str, Any]) -> Path:
    """Where a record lives: data/events/<YYYY>/<id>.yaml or data/tallies/<id>.yaml."""
    if kind == "event":
        return Path(data_dir) / "events" / str(data["date"])[:4] / f"{data['id']}.yaml"
    return Path(data_dir) / "tallies" / f"{data['id']}.yaml"


def write_files(files: dict[Path, str]) -> list[Path]:
    """Write each file whole or not at all, and all of them or none.

    Every new text is first written to a temporary file beside its target; only when all of them
    are written are they renamed over their targets (a rename is atomic). If a write fails, the
    temporary files are removed and the OSError is raised: no target was touched.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in sorted(files.items()):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            staged.append((temporary, path))
            with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError:
        for temporary, _path in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
    return [path for _temporary, path in staged]
