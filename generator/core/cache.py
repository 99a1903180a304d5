"""The build's caches in .build/cache: what an unchanged input gave last time.

Caches hold plain values (dicts, lists, tuples, text, numbers) written with marshal, which reads
them back several times faster than pickle reads objects. A cache that is missing, unreadable or
from another version is ignored: caches only ever cost or save time, never change the output.

Records are cached per file. A file is known unchanged without reading it when its size,
modification time, change time, inode and device are what they were (git's "stat" shortcut).
Editors and git cannot set the change time (ctime): any write, even one that restores the size and
modification time, sets it to the current time. A file whose times fall just before the scan that
recorded them could still change within the same clock tick, so it is read and hashed again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import time
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from generator.core.files import digest_of, parse_files, paused_gc, read_data_file
from generator.core.yamlio import Parsed

VERSION = 1
SHARDS = 16  # the records cache is split so that one edit rewrites a sixteenth of it
# How long after a scan a file's times must be for its stat to be trusted: longer than a tick of the
# file system's clock. Times in whole seconds mean a coarse clock (FAT, HFS+, some network file
# systems); times with nanoseconds mean the kernel's clock, whose tick is a few milliseconds.
RACY_NS = 2_000_000_000
FINE_RACY_NS = 100_000_000

SOURCE_SUFFIXES = (".py", ".j2", ".json", ".yaml")  # what the package is made of, besides data

StatKey = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def read_marshal(path: Path) -> Any:
    """A cache file's value, or None when it is missing, unreadable or not what this version writes."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        with paused_gc():
            value = marshal.loads(raw)  # marshal.load(handle) reads a file in small pieces: far slower
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value[1] if isinstance(value, tuple) and len(value) == 2 and value[0] == VERSION else None


def write_marshal(path: Path, value: Any) -> None:
    """Write a cache file whole or not at all; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            handle.write(marshal.dumps((VERSION, value)))
        temporary.replace(path)
    except (OSError, ValueError):  # ValueError: a value marshal cannot write (the cache is then skipped)
        return


@cache
def source_fingerprint() -> str:
    """A digest of the code, templates, schemas and word lists that turn records into output, and of the Python version.

    Every such file anywhere in the package counts, by its path inside the package: a module that
    moves to another folder, or a new one, changes the fingerprint like an edit does.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode("utf-8"))
    paths = [p for p in package.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts]
    for path in sorted(paths):
        name = path.relative_to(package).as_posix()
        digest.update(name.encode("utf-8") + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()


def fingerprint(*parts: Any) -> str:
    """A digest of the code and of `parts` (their repr)."""
    text = "\x00".join([source_fingerprint(), *(repr(part) for part in parts)])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class RecordCache:
    """A Reader (see generator.dataset.load) that reuses what each unchanged file parsed to last time.

    Only files that parsed without problems are kept, so every problem is found afresh.
    Entries: {display path: (StatKey, digest, data, positions, source)}.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.scan_ns = time.time_ns()
        self.previous: list[dict[str, tuple]] = []
        self.scanned: list[int] = []  # when each shard's stats were taken
        for shard in range(SHARDS):
            value = read_marshal(self._shard(shard))
            ok = isinstance(value, tuple) and len(value) == 2
            self.scanned.append(value[0] if ok else 0)
            self.previous.append(value[1] if ok else {})
        self.current: list[dict[str, tuple]] = [{} for _ in range(SHARDS)]
        self.dirty = [False] * SHARDS

    def _shard(self, shard: int) -> Path:
        return self.path.with_name(f"{self.path.stem}-{shard:02x}.marshal")

    def read(self, files: list[tuple[str, str]]) -> list[tuple[Parsed, str]]:
        with paused_gc():
            found = [self._unchanged(path, display) for path, display in files]
            misses = [index for index, result in enumerate(found) if result is None]
            for index, result in zip(misses, self._parse([files[index] for index in misses]), strict=True):
                found[index] = result
        return [result for result in found if result is not None]

    def _unchanged(self, path: str, display: str) -> tuple[Parsed, str] | None:
        """The cached parse when the stat is what a scan well after the file's last change recorded (see _racy)."""
        shard = _shard_of(display)
        entry = self.previous[shard].get(display)
        if entry is None:
            return None
        try:
            info = os.lstat(path)
        except OSError:
            return None
        key = _stat_key(info)
        if key != entry[0] or not stat.S_ISREG(info.st_mode) or _racy(key, self.scanned[shard]):
            return None
        self.current[shard][display] = entry
        return Parsed(data=entry[2], positions=entry[3], source=entry[4]), entry[1]

    def _parse(self, files: list[tuple[str, str]]) -> list[tuple[Parsed, str]]:
        """Read the files (each one's stat first, for the next build) and parse those whose bytes are new."""
        keys = [_lstat_key(path) for path, _display in files]
        out: list[tuple[Parsed, str]] = []
        todo: list[tuple[int, bytes, str]] = []
        for path, display in files:
            raw, problem = read_data_file(path, display)
            if raw is None:
                out.append((Parsed(problems=[problem] if problem else []), ""))
                continue
            digest = digest_of(raw)
            entry = self.previous[_shard_of(display)].get(display)
            if entry is not None and entry[1] == digest:  # touched, not changed
                out.append((Parsed(data=entry[2], positions=entry[3], source=entry[4]), digest))
            else:
                out.append((Parsed(), digest))
                todo.append((len(out) - 1, raw, display))
        for (index, _raw, _display), parsed in zip(
            todo, parse_files([(raw, name) for _, raw, name in todo]), strict=True
        ):
            out[index] = (parsed, out[index][1])
        for (_path, display), key, (parsed, digest) in zip(files, keys, out, strict=True):
            if not parsed.problems and digest and key is not None:
                shard = _shard_of(display)
                self.current[shard][display] = (key, digest, parsed.data, parsed.positions, parsed.source)
                self.dirty[shard] = True
        return out

    def save(self) -> None:
        for shard in range(SHARDS):
            current, previous = self.current[shard], self.previous[shard]
            if self.dirty[shard] or current.keys() != previous.keys():
                write_marshal(self._shard(shard), (self.scan_ns, current))


def _shard_of(key: str, shards: int = SHARDS) -> int:
    return zlib.crc32(key.encode("utf-8")) % shards


def _racy(key: StatKey, scanned: int) -> bool:
    """Whether the file changed so shortly before `scanned` that it could change again unseen in the same tick."""
    coarse = key[1] % 1_000_000_000 == 0 and key[2] % 1_000_000_000 == 0
    return max(key[1], key[2]) > scanned - (RACY_NS if coarse else FINE_RACY_NS)


def _stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _lstat_key(path: str) -> StatKey | None:
    try:
        return _stat_key(os.lstat(path))
    except OSError:
        return None


class Store:
    """A dict kept from one build to the next in cache files, while its fingerprint is the same.

    get() marks an entry as still used; put() adds one. save() keeps the used and added entries.
    Entries are spread over `shards` files by key, and only files whose entries changed are written.
    """

    def __init__(self, base: Path, fingerprint: str, shards: int = 1) -> None:
        self.base = base
        self.fingerprint = fingerprint
        self.previous: list[dict[str, Any]] = []
        for shard in range(shards):
            stored = read_marshal(self._path(shard))
            ok = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == fingerprint
            self.previous.append(stored[1] if ok and isinstance(stored[1], dict) else {})
        self.current: list[dict[str, Any]] = [{} for _ in range(shards)]
        self.added = [False] * shards

    def _path(self, shard: int) -> Path:
        return self.base.with_name(f"{self.base.name}-{shard:02x}.marshal")

    def get(self, key: str) -> Any:
        shard = _shard_of(key, len(self.previous))
        value = self.previous[shard].get(key)
        if value is not None:
            self.current[shard][key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        shard = _shard_of(key, len(self.previous))
        self.current[shard][key] = value
        self.added[shard] = True

    def save(self) -> None:
        for shard, (current, previous) in enumerate(zip(self.current, self.previous, strict=True)):
            if self.added[shard] or len(current) != len(previous):
                write_marshal(self._path(shard), (self.fingerprint, current))
