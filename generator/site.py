"""Write the generated tree so that readers of the folder only ever see a whole build.

The new tree is written beside the old one, then the two are exchanged in one atomic rename
(Linux renameat2 RENAME_EXCHANGE; elsewhere two renames). A build killed at any point leaves the
previous tree in place. Files whose bytes did not change are hard links to the previous build's
files, so only what changed is written and an incremental rebuild can say exactly what changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
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


def write_site(files: dict[str, str | bytes], target: Path) -> WriteResult:
    """Replace the folder `target` with exactly `files` ({relative path: content}), atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(target)
    staging = target.parent / f"{STAGING_PREFIX}{target.name}-{os.getpid()}"
    result = WriteResult()
    for relative in sorted(files):
        _place(files[relative], relative, staging, target, result)
    staging.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        result.removed = sorted(_relative_files(target) - set(files))
    swap_in(staging, target)
    return result


def _place(content: str | bytes, relative: str, staging: Path, previous: Path, result: WriteResult) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    destination = staging / relative
    destination.parent.mkdir(parents=True, exist_ok=True)
    old = previous / relative
    if not _same_bytes(old, data):
        destination.write_bytes(data)
        result.written.append(relative)
        return
    result.unchanged += 1
    try:
        os.link(old, destination)
    except OSError:
        destination.write_bytes(data)  # no hard links on this file system: an identical copy will do


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _relative_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


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
