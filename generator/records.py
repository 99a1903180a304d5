"""Load records and reference data from the data folder, keeping where every key sits."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Location, Problem
from generator.yamlio import MAX_FILE_BYTES, Parsed, parse_yaml, too_large

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


Parser = Callable[[bytes, str], Parsed]


def load_records(data_dir: Path, display_base: Path | None = None, parse: Parser = parse_yaml) -> Dataset:
    """Read every record under data_dir. Parse problems are collected, never raised.

    `parse` turns a file's bytes and display path into a Parsed value; the build passes one that
    reuses what unchanged files parsed to last time.
    """
    data_dir = Path(data_dir)
    base = display_base if display_base is not None else data_dir.parent
    dataset = Dataset(root=data_dir)

    def read(kind: str, path: Path) -> Record:
        display = _display(path, base)
        raw, problem = read_data_file(path, display)
        parsed = parse(raw, display) if raw is not None else Parsed(problems=[problem] if problem else [])
        dataset.problems.extend(parsed.problems)
        return Record(kind, display, parsed)

    dataset.events = [read(EVENT, p) for p in _yaml_files(data_dir / "events")]
    dataset.tallies = [read(TALLY, p) for p in _yaml_files(data_dir / "tallies")]
    for kind in REFERENCE_KINDS:
        path = data_dir / "reference" / f"{kind}.yaml"
        if path.is_file() or path.is_symlink():
            dataset.reference[kind] = read(kind, path)
        else:
            dataset.problems.append(
                Problem(Location(_display(path, base)), "missing-reference", f"reference file {kind}.yaml is missing")
            )
    config_path = data_dir / "config.yaml"
    if config_path.is_file() or config_path.is_symlink():
        dataset.config = read("config", config_path)
    return dataset


def _yaml_files(folder: Path) -> list[Path]:
    """All *.yaml files below folder, sorted, so every run sees them in the same order."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / name for name in filenames if name.endswith((".yaml", ".yml")))
        # os.walk does not enter linked folders; list them so that the loader reports them.
        found.extend(Path(dirpath) / name for name in dirnames if os.path.islink(os.path.join(dirpath, name)))
    return sorted(found)


def read_data_file(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Problem | None]:
    """The bytes of a file from a pull request, or the problem that stops it being read.

    Refuses symbolic links (a pull request can add one to /etc/passwd or /dev/zero) and anything
    that is not a regular file, and never reads more than `limit` bytes.
    """
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            message = "file is a symbolic link; data files must be regular files in the repository"
            return None, Problem(Location(display, 1), "not-a-file", message)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(Location(display, 1), "not-a-file", "not a regular file")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                return None, too_large(size, display, limit)
            return handle.read(limit + 1), None
    except OSError as err:
        return None, Problem(Location(display, 1), "unreadable-file", f"cannot read file: {err.strerror or err}")


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
