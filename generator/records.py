"""Load records and reference data from the data folder, keeping where every key sits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Location, Problem
from generator.yamlio import Parsed, parse_yaml

EVENT = "event"
TALLY = "tally"
REFERENCE_KINDS = ("bases", "actors", "weapons", "countries")


@dataclass
class Record:
    """One YAML file: its kind, its parsed value and where each key is."""

    kind: str
    path: str  # relative to the data root's parent, '/'-separated, as shown to users
    parsed: Parsed

    @property
    def data(self) -> Any:
        return self.parsed.data

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def at(self, *key_path: str | int) -> Location:
        line, column = self.parsed.line_of(tuple(key_path))
        return Location(self.path, line, column)


@dataclass
class Dataset:
    """Everything under data/: records as loaded, before validation."""

    root: Path
    events: list[Record] = field(default_factory=list)
    tallies: list[Record] = field(default_factory=list)
    reference: dict[str, Record] = field(default_factory=dict)
    config: Record | None = None
    problems: list[Problem] = field(default_factory=list)


def load_records(data_dir: Path, display_base: Path | None = None) -> Dataset:
    """Read every record under data_dir. Parse problems are collected, never raised."""
    data_dir = Path(data_dir)
    base = display_base if display_base is not None else data_dir.parent
    dataset = Dataset(root=data_dir)
    dataset.events = [_read(EVENT, p, base, dataset) for p in _yaml_files(data_dir / "events")]
    dataset.tallies = [_read(TALLY, p, base, dataset) for p in _yaml_files(data_dir / "tallies")]
    for kind in REFERENCE_KINDS:
        path = data_dir / "reference" / f"{kind}.yaml"
        if path.is_file():
            dataset.reference[kind] = _read(kind, path, base, dataset)
        else:
            dataset.problems.append(
                Problem(Location(_display(path, base)), "missing-reference", f"reference file {kind}.yaml is missing")
            )
    config_path = data_dir / "config.yaml"
    if config_path.is_file():
        dataset.config = _read("config", config_path, base, dataset)
    return dataset


def _yaml_files(folder: Path) -> list[Path]:
    """All *.yaml files below folder, sorted, so every run sees them in the same order."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / name for name in filenames if name.endswith((".yaml", ".yml")))
    return sorted(found)


def _read(kind: str, path: Path, base: Path, dataset: Dataset) -> Record:
    display = _display(path, base)
    try:
        raw = path.read_bytes()
    except OSError as err:
        parsed = Parsed(problems=[Problem(Location(display), "unreadable-file", f"cannot read file: {err.strerror}")])
    else:
        parsed = parse_yaml(raw, display)
    dataset.problems.extend(parsed.problems)
    return Record(kind, display, parsed)


def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
