"""Write the generated tree so that readers of the folder only ever see a whole build.

The new tree is written beside the old one, then the two are exchanged in one atomic rename
(Linux renameat2 RENAME_EXCHANGE; elsewhere two renames). A build killed at any point leaves the
previous tree in place. Files whose bytes did not change are hard links to the previous build's
files, so only what changed is written and an incremental rebuild can say exactly what changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

STAGING_PREFIX = ".staging-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)  # new or changed files
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_site(files: dict[str, str | bytes], target: Path, manifest: Path | None = None) -> WriteResult:
    """Replace the folder `target` with exactly `files` ({relative path: content}), atomically.

    With `manifest` (a file outside target), what the last write left in target is remembered as
    size, modification time, inode and a digest of the bytes per file: a file whose entry still
    matches its stat and whose new bytes have the same digest is known unchanged without reading it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(target)
    staging = target.parent / f"{STAGING_PREFIX}{target.name}-{os.getpid()}"
    result = WriteResult()
    known = _read_manifest(manifest) if manifest is not None else {}
    written: dict[str, tuple[int, int, int, str]] = {}
    made: set[str] = set()
    for relative in sorted(files):
        content = files[relative]
        data = content.encode("utf-8") if isinstance(content, str) else content
        _place(data, relative, str(staging), str(target), result, known.get(relative), written, made)
    staging.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        result.removed = sorted(_relative_files(target) - set(files))
    swap_in(staging, target)
    if manifest is not None:
        _write_manifest(manifest, written)
    return result


Entry = tuple[int, int, int, str]  # size, mtime_ns, inode, digest


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _place(
    data: bytes,
    relative: str,
    staging: str,
    previous: str,
    result: WriteResult,
    entry: Entry | None,
    written: dict[str, Entry],
    made: set[str],
) -> None:
    # Plain string paths: this runs for every file of the site, and pathlib costs more than the I/O.
    destination = os.path.join(staging, relative)
    folder = os.path.dirname(destination)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    old = os.path.join(previous, relative)
    digest = _digest(data)
    if not _unchanged(old, data, digest, entry):
        _write_bytes(destination, data)
        result.written.append(relative)
    else:
        result.unchanged += 1
        try:
            os.link(old, destination)
        except OSError:
            _write_bytes(destination, data)  # no hard links on this file system: an identical copy will do
    info = os.stat(destination)
    written[relative] = (info.st_size, info.st_mtime_ns, info.st_ino, digest)


def _write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _unchanged(old: str, data: bytes, digest: str, entry: Entry | None) -> bool:
    if entry is not None and entry[3] == digest:
        try:
            info = os.stat(old)
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns, info.st_ino) == entry[:3]:
            return True
    return _same_bytes(old, data)


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _read_manifest(path: Path) -> dict[str, Entry]:
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_manifest(path: Path, entries: dict[str, Entry]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        return  # without a manifest the next write compares bytes instead


def _relative_files(folder: Path) -> set[str]:
    found: set[str] = set()
    stack = [(str(folder), "")]
    while stack:
        absolute, prefix = stack.pop()
        with os.scandir(absolute) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    found.add(f"{prefix}{entry.name}")
    return found


def swap_in(staging: Path, target: Path) -> None:
    """Put `staging` where `target` is, in one step where the OS allows, and delete the old tree."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = target.parent / f"{STAGING_PREFIX}{target.name}-old-{os.getpid()}"
    os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return bool(result == 0)


def clean_stale_staging(target: Path) -> None:
    """Remove staging folders left by builds that were killed before they could swap."""
    for stale in target.parent.glob(f"{STAGING_PREFIX}{target.name}-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
