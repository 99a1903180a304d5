"""Load everything under data/ through the one reader, keeping where every key sits."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.core.config import Config, read_config
from generator.core.files import Parser, read_files
from generator.core.problems import Location, Problem
from generator.core.yamlio import Parsed, parse_yaml
from generator.dataset.ids import article_id
from generator.dataset.reference import KINDS as REFERENCE_KINDS
from generator.dataset.reference import Reference

EVENT = "event"
TALLY = "tally"
CONFIG = "config"
REDIRECTS = "redirects"
REGION = "region"
ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass
class Record:
    """One YAML file: its kind, its parsed value and where each key is."""

    kind: str
    path: str  # relative to the data root's parent, '/'-separated, as shown to users
    parsed: Parsed
    # A digest of the file's bytes ("" when unknown): caches key what they keep about a record on it.
    digest: str = field(default="", compare=False)
    file: str = field(default="", compare=False)  # where it is on disk ("" for a record not written yet)

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
    """Everything under data/ as read, before validation: records, reference data, config, redirects, map."""

    root: Path
    base: Path = Path()  # display paths are relative to this folder (the data folder's parent by default)
    events: list[Record] = field(default_factory=list)
    tallies: list[Record] = field(default_factory=list)
    reference_files: dict[str, Record] = field(default_factory=dict)
    config: Record | None = None
    redirects: Record | None = None  # data/redirects.yaml, when there is one
    region: Record | None = None  # data/reference/region.geojson, the map's land, when there is one
    problems: list[Problem] = field(default_factory=list)
    # Ids of the articles kept in data/articles/ (file names only; None when there is no such folder).
    article_ids: frozenset[str] | None = None

    @cached_property
    def reference(self) -> Reference:
        """Bases, actors, weapons and countries by id and name (generator.dataset.reference)."""
        return reference_of(self.reference_files)

    @cached_property
    def settings(self) -> Config:
        """campaign_start and title from data/config.yaml, defaults where it is missing or wrong."""
        return read_config(self.config.data if self.config else None, self._config_at)[0]

    def config_problems(self) -> list[Problem]:
        return read_config(self.config.data, self._config_at)[1] if self.config else []

    def _config_at(self, *key_path: str | int) -> Location:
        return self.config.at(*key_path) if self.config else Location("data/config.yaml")

    def with_records(self, records: list[Record]) -> Dataset:
        """A copy in which each given event or tally replaces the one at its path, or is added."""
        by_path = {r.path: r for r in records}
        events = [by_path.pop(r.path, r) for r in self.events]
        tallies = [by_path.pop(r.path, r) for r in self.tallies]
        events += [r for r in by_path.values() if r.kind == EVENT]
        tallies += [r for r in by_path.values() if r.kind == TALLY]
        added = [p for r in records for p in r.parsed.problems]
        return replace(
            self,
            events=sorted(events, key=_path_key),
            tallies=sorted(tallies, key=_path_key),
            problems=[*self.problems, *added],
        )


def _path_key(record: Record) -> tuple[str, ...]:
    return tuple(record.path.split("/"))


# Reads and parses files, given as (path, display path) pairs: (parsed, digest of the bytes) for each, in order.
Reader = Callable[[list[tuple[str, str]]], list[tuple[Parsed, str]]]
# Files read besides records: (kind, path under the data folder, required).
OTHER_FILES = (
    *((kind, f"reference/{kind}.yaml", True) for kind in REFERENCE_KINDS),
    (REGION, "reference/region.geojson", False),
    (CONFIG, "config.yaml", False),
    (REDIRECTS, "redirects.yaml", False),
)


def load_records(
    data_dir: Path, display_base: Path | None = None, parse: Parser = parse_yaml, read: Reader | None = None
) -> Dataset:
    """Read every file under data_dir that the site is made from. Problems are collected, never raised.

    Every file goes through the one reader (generator.core.files): no links, no special files, a
    size limit, safe YAML with line numbers. `parse` turns a file's bytes and display path into a
    Parsed value; `read` replaces reading and parsing altogether: the build passes one that reuses
    what unchanged files parsed to last time.
    """
    data_dir = Path(data_dir)
    base = display_base if display_base is not None else data_dir.parent
    dataset = Dataset(root=data_dir, base=base)
    # (kind, path, display) per file, or a problem where a required file is missing: in the order reported.
    slots: list[tuple[str, str, str] | Problem] = []
    slots.extend((EVENT, path, display) for path, display in _yaml_files(data_dir / "events", base))
    slots.extend((TALLY, path, display) for path, display in _yaml_files(data_dir / "tallies", base))
    for kind, relative, required in OTHER_FILES:
        path = data_dir / relative
        if os.path.lexists(path):
            slots.append((kind, os.fspath(path), _display(path, base)))
        elif required:
            message = f"reference file {path.name} is missing"
            slots.append(Problem(Location(_display(path, base)), "missing-reference", message))
    files = [(slot[1], slot[2]) for slot in slots if not isinstance(slot, Problem)]
    results = iter(read(files) if read is not None else read_files(files, parse))
    for slot in slots:
        if isinstance(slot, Problem):
            dataset.problems.append(slot)
            continue
        parsed, digest = next(results)
        dataset.problems.extend(parsed.problems)
        _place(dataset, Record(slot[0], slot[2], parsed, digest, file=slot[1]))
    dataset.problems.extend(dataset.config_problems())
    dataset.article_ids = kept_article_ids(data_dir / "articles")
    return dataset


def kept_article_ids(folder: Path) -> frozenset[str] | None:
    """The ids of the article files in a folder, from their names alone (nothing is read or followed)."""
    if not folder.is_dir():
        return None
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries]
    return frozenset(i for name in names if name.endswith(ARTICLE_SUFFIXES) and (i := article_id(Path(name).stem)))


def _place(dataset: Dataset, record: Record) -> None:
    if record.kind == EVENT:
        dataset.events.append(record)
    elif record.kind == TALLY:
        dataset.tallies.append(record)
    elif record.kind == CONFIG:
        dataset.config = record
    elif record.kind == REDIRECTS:
        dataset.redirects = record
    elif record.kind == REGION:
        dataset.region = record
    else:
        dataset.reference_files[record.kind] = record


def display_path(path: Path, base: Path) -> str:
    """A path as the loader shows it: relative to base (see load_records), '/'-separated."""
    return _display(Path(path), Path(base))


def load_reference(reference_dir: Path, base: Path | None = None) -> tuple[dict[str, Record], list[Problem]]:
    """Only the reference files, from a folder of bases.yaml, actors.yaml, ... (read like everything else)."""
    folder = Path(reference_dir)
    base = base if base is not None else folder.parent.parent
    files: dict[str, Record] = {}
    problems: list[Problem] = []
    present = []
    for kind in REFERENCE_KINDS:
        path = folder / f"{kind}.yaml"
        if os.path.lexists(path):
            present.append((kind, os.fspath(path), _display(path, base)))
        else:
            message = f"reference file {path.name} is missing"
            problems.append(Problem(Location(_display(path, base)), "missing-reference", message))
    results = read_files([(file, display) for _kind, file, display in present])
    for (kind, file, display), (parsed, digest) in zip(present, results, strict=True):
        problems.extend(parsed.problems)
        files[kind] = Record(kind, display, parsed, digest, file=file)
    return files, problems


def reference_of(files: dict[str, Record]) -> Reference:
    return Reference.from_lists({kind: record.data for kind, record in files.items()})


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
