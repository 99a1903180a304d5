"""Load records and reference data from the data folder, keeping where every key sits."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.files import Parser, read_files
from generator.core.problems import Location, Problem
from generator.core.yamlio import Parsed, parse_yaml

EVENT = "event"
TALLY = "tally"
REFERENCE_KINDS = ("bases", "actors", "weapons", "countries")


@dataclass
class Record:
    """One YAML file: its kind, its parsed value and where each key is."""

    kind: str
    path: str  # relative to the data root's parent, '/'-separated, as shown to users
    parsed: Parsed
    # A digest of the file's bytes ("" when unknown): caches key what they keep about a record on it.
    digest: str = field(default="", compare=False)

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


# Reads and parses files, given as (path, display path) pairs: (parsed, digest of the bytes) for each, in order.
Reader = Callable[[list[tuple[str, str]]], list[tuple[Parsed, str]]]


def load_records(
    data_dir: Path, display_base: Path | None = None, parse: Parser = parse_yaml, read: Reader | None = None
) -> Dataset:
    """Read every record under data_dir. Parse problems are collected, never raised.

    `parse` turns a file's bytes and display path into a Parsed value; `read` replaces reading and
    parsing altogether: the build passes one that reuses what unchanged files parsed to last time.
    """
    data_dir = Path(data_dir)
    base = display_base if display_base is not None else data_dir.parent
    dataset = Dataset(root=data_dir)
    # (kind, path, display) per file, or a problem where a reference file is missing: in the order reported.
    slots: list[tuple[str, str, str] | Problem] = []
    slots.extend((EVENT, path, display) for path, display in _yaml_files(data_dir / "events", base))
    slots.extend((TALLY, path, display) for path, display in _yaml_files(data_dir / "tallies", base))
    for kind in REFERENCE_KINDS:
        path = data_dir / "reference" / f"{kind}.yaml"
        if path.is_file() or path.is_symlink():
            slots.append((kind, os.fspath(path), _display(path, base)))
        else:
            message = f"reference file {kind}.yaml is missing"
            slots.append(Problem(Location(_display(path, base)), "missing-reference", message))
    config_path = data_dir / "config.yaml"
    if config_path.is_file() or config_path.is_symlink():
        slots.append(("config", os.fspath(config_path), _display(config_path, base)))
    files = [(slot[1], slot[2]) for slot in slots if not isinstance(slot, Problem)]
    results = iter(read(files) if read is not None else read_files(files, parse))
    for slot in slots:
        if isinstance(slot, Problem):
            dataset.problems.append(slot)
            continue
        parsed, digest = next(results)
        dataset.problems.extend(parsed.problems)
        _place(dataset, Record(slot[0], slot[2], parsed, digest))
    return dataset


def _place(dataset: Dataset, record: Record) -> None:
    if record.kind == EVENT:
        dataset.events.append(record)
    elif record.kind == TALLY:
        dataset.tallies.append(record)
    elif record.kind == "config":
        dataset.config = record
    else:
        dataset.reference[record.kind] = record


def _yaml_files(folder: Path, base: Path) -> list[tuple[str, str]]:
    """All *.yaml files below folder, sorted as paths, so every run sees them in the same order; with display paths."""
    found: list[tuple[str, ...]] = []
    root = os.fspath(folder)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        parts = tuple(os.path.relpath(dirpath, root).split(os.sep)) if dirpath != root else ()
        found.extend((*parts, name) for name in filenames if name.endswith((".yaml", ".yml")))
        # os.walk does not enter linked folders; list them so that the loader reports them.
        found.extend((*parts, name) for name in dirnames if os.path.islink(os.path.join(dirpath, name)))
    found.sort()  # by parts, as Path objects sort
    prefix = _display(folder, base)
    # A folder lexically under base: every display path is the folder's plus the parts (no pathlib per file).
    lexical = _lexically_under(folder, base)
    out = []
    for parts in found:
        path = os.path.join(root, *parts)  # strings: pathlib would cost more than reading the file
        relative = "/".join(parts)
        display = (f"{prefix}/{relative}" if prefix != "." else relative) if lexical else _display(Path(path), base)
        out.append((path, display))
    return out


def _lexically_under(folder: Path, base: Path) -> bool:
    try:
        Path(os.path.abspath(folder)).relative_to(Path(os.path.abspath(base)))
    except ValueError:
        return False
    return True


def _display(path: Path, base: Path) -> str:
    """The path as shown to users: relative to base, without following symbolic links."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
