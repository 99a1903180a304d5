"""Load records and reference data from the data folder, keeping where every key sits."""

from __future__ import annotations

import gc
import hashlib
import marshal
import multiprocessing
import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


Parser = Callable[[bytes, str], Parsed]
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


def read_files(files: list[tuple[str, str]], parse: Parser = parse_yaml) -> list[tuple[Parsed, str]]:
    """Read and parse each file: the plain Reader (on two cores for many files, with the default parser)."""
    read = [(display, *read_data_file(path, display)) for path, display in files]
    texts = [(raw, display) for display, raw, _problem in read if raw is not None]
    parsed = iter(parse_files(texts) if parse is parse_yaml else [parse(raw, display) for raw, display in texts])
    out = []
    for _display, raw, problem in read:
        if raw is None:
            out.append((Parsed(problems=[problem] if problem else []), ""))
        else:
            out.append((next(parsed), digest_of(raw)))
    return out


def parse_files(texts: list[tuple[bytes, str]]) -> list[Parsed]:
    """parse_yaml for each (bytes, display path); with many files, half of them in a second process.

    The child is forked, so it has the bytes already; it sends back plain values (marshal), which
    cost far less to pass than the time saved. If the child fails in any way, the parent parses its
    half too: the result never depends on the second process.
    """
    with paused_gc():
        if len(texts) < PARALLEL_MIN or not _can_fork():
            return [parse_yaml(raw, display) for raw, display in texts]
        split = len(texts) * 11 // 20  # the child also encodes what it parsed: give it a little less
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_parse_in_child, args=(texts[split:], sender), daemon=True)
        child.start()
        sender.close()
        mine = [parse_yaml(raw, display) for raw, display in texts[:split]]
        try:
            theirs = [_unpack(value) for value in marshal.loads(receiver.recv_bytes())]
        except (OSError, EOFError, ValueError, TypeError):
            theirs = [parse_yaml(raw, display) for raw, display in texts[split:]]
        finally:
            receiver.close()
            child.join()
        return mine + theirs


PARALLEL_MIN = 2000  # below this, starting a process costs more than it saves


def _can_fork() -> bool:
    # Forking a process with other threads can copy a lock that one of them holds.
    if (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return False
    return "fork" in multiprocessing.get_all_start_methods()


def _parse_in_child(texts: list[tuple[bytes, str]], sender: Any) -> None:
    sender.send_bytes(marshal.dumps([_pack(parse_yaml(raw, display)) for raw, display in texts]))
    sender.close()


def _pack(parsed: Parsed) -> tuple[Any, ...]:
    return (parsed.data, parsed.positions, [pack_problem(p) for p in parsed.problems], parsed.source)


def _unpack(value: tuple[Any, ...]) -> Parsed:
    data, positions, problems, source = value
    return Parsed(data=data, positions=positions, problems=[unpack_problem(p) for p in problems], source=source)


def pack_problem(problem: Problem) -> tuple[Any, ...]:
    """A Problem as plain values, for marshal."""
    where = problem.location
    return (where.path, where.line, where.column, problem.code, problem.message, problem.severity, problem.field)


def unpack_problem(value: tuple[Any, ...]) -> Problem:
    path, line, column, code, message, severity, field = value
    return Problem(Location(path, line, column), code, message, severity, field)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while making many objects that are all kept.

    Loading 10,000 records makes millions of dicts and tuples; the collector, run every few hundred
    allocations, would walk all of them again and again (a third of the load time). They hold no
    reference cycles, so pausing it frees nothing later than it would be freed anyway.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def digest_of(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


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


def read_data_file(path: str | Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Problem | None]:
    """The bytes of a file from a pull request, or the problem that stops it being read.

    Refuses symbolic links (a pull request can add one to /etc/passwd or /dev/zero) and anything
    that is not a regular file, and never reads more than `limit` bytes.
    """
    try:
        info = os.lstat(path)
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
