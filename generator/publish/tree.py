"""Write the generated tree so that readers of the folder only ever see a whole build.

The new tree is written beside the old one, then the two are exchanged in one atomic rename
(Linux renameat2 RENAME_EXCHANGE; elsewhere two renames). A build killed at any point leaves the
previous tree in place. Files whose bytes did not change are hard links to the previous build's
files, so only what changed is written and an incremental rebuild can say exactly what changed.

With a spare folder, the tree swapped out is kept there instead of deleted, and the next write
starts from it: its unchanged files are usually hard links to the current tree's already, so
a rebuild of 20,000 files makes a handful of links rather than 20,000 (and deletes as few).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.cache import read_marshal, write_marshal
from generator.core.files import read_data_file
from generator.core.problems import Problem

STAGING_PREFIX = ".staging-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)  # new or changed files
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


Entry = tuple[int, int, int, str]  # size, mtime_ns, inode, digest


def write_tree(
    files: dict[str, str | bytes], target: Path, manifest: Path | None = None, spare: Path | None = None
) -> WriteResult:
    """Replace the folder `target` with exactly `files` ({relative path: content}), atomically.

    With `manifest` (a file outside target), what the last write left in target is remembered as
    size, modification time, inode and a digest of the bytes per file: a file whose entry still
    matches its stat and whose new bytes have the same digest is known unchanged without reading it.
    With `spare` (a folder outside target, on the same file system), the old tree is kept there for
    the next write to start from.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(target)
    staging = target.parent / f"{STAGING_PREFIX}{target.name}-{os.getpid()}"
    tree = _Tree(str(staging), _claim(spare, staging) if spare is not None and target.is_dir() else False)
    stored = read_marshal(manifest) if manifest is not None else None
    known: dict[str, Entry] = stored if isinstance(stored, dict) else {}  # without it, bytes are compared
    result = WriteResult()
    written: dict[str, Entry] = {}
    tree.prepare(files)
    previous = str(target)
    for relative in sorted(files):
        content = files[relative]
        data = content.encode("utf-8") if isinstance(content, str) else content
        written[relative] = tree.place(relative, data, previous, known.get(relative), result)
    tree.finish()
    if target.is_dir():
        result.removed = sorted(_relative_files(target) - set(files))
    swap_in(staging, target, keep=spare)
    if manifest is not None:
        write_marshal(manifest, written)
    return result


def _claim(spare: Path, staging: Path) -> bool:
    """Take the spare tree as this write's staging folder (a rename: two builds never share it)."""
    try:
        os.rename(spare, staging)
    except OSError:
        return False
    return True


class _Tree:
    """The staging folder: empty, or a reused older tree whose files are checked before they are kept."""

    def __init__(self, root: str, reused: bool) -> None:
        self.root = root
        self.files: dict[str, tuple[int, int]] = {}  # what a reused tree holds: relative path -> (inode, device)
        self.folders: set[str] = set()  # folders that exist ("" is the root)
        if reused:
            self._scan()
        else:
            os.makedirs(root, exist_ok=True)
            self.folders.add("")

    def _scan(self) -> None:
        """List the reused tree; remove anything but regular files and folders (a link could lead outside)."""
        stack = [(self.root, "")]
        self.folders.add("")
        while stack:
            absolute, prefix = stack.pop()
            with os.scandir(absolute) as entries:
                for entry in entries:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(info.st_mode):
                        self.folders.add(prefix + entry.name)
                        stack.append((entry.path, f"{prefix}{entry.name}/"))
                    elif stat.S_ISREG(info.st_mode):
                        self.files[prefix + entry.name] = (info.st_ino, info.st_dev)
                    else:
                        os.unlink(entry.path)

    def prepare(self, files: dict[str, str | bytes]) -> None:
        """Clear the way: no file where a folder must be, no folder where a file must be, nothing extra."""
        needed = {""}
        for relative in files:
            folder = relative.rpartition("/")[0]
            while folder not in needed:
                needed.add(folder)
                folder = folder.rpartition("/")[0]
        for relative in [r for r in self.files if r not in files]:
            self._remove(relative)
        for folder in sorted(self.folders - needed, key=len, reverse=True):
            shutil.rmtree(self._path(folder), ignore_errors=True)
        self.folders &= needed

    def finish(self) -> None:
        os.makedirs(self.root, exist_ok=True)

    def place(self, relative: str, data: bytes, previous: str, entry: Entry | None, result: WriteResult) -> Entry:
        destination = self._path(relative)
        self._folder(relative.rpartition("/")[0])
        old = f"{previous}/{relative}"
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        info = _unchanged(old, data, digest, entry)
        if info is None:
            self._remove(relative)  # never write into it: it may be a hard link to the current tree's file
            _write_bytes(destination, data)
            result.written.append(relative)
            info = os.stat(destination)
        else:
            result.unchanged += 1
            if self.files.get(relative) != (info.st_ino, info.st_dev):
                self._remove(relative)
                try:
                    os.link(old, destination)
                except OSError:
                    _write_bytes(destination, data)  # no hard links on this file system: an identical copy will do
                    info = os.stat(destination)
        return (info.st_size, info.st_mtime_ns, info.st_ino, digest)

    def _path(self, relative: str) -> str:
        return f"{self.root}/{relative}" if relative else self.root

    def _folder(self, folder: str) -> None:
        if folder not in self.folders:
            os.makedirs(self._path(folder), exist_ok=True)
            while folder not in self.folders:
                self.folders.add(folder)
                folder = folder.rpartition("/")[0]

    def _remove(self, relative: str) -> None:
        if self.files.pop(relative, None) is not None:
            os.unlink(self._path(relative))
        elif relative in self.folders:
            shutil.rmtree(self._path(relative))
            self.folders = {f for f in self.folders if f != relative and not f.startswith(relative + "/")}


def _write_bytes(path: str, data: bytes) -> None:
    # A new file, never an existing one opened for writing: that could be a hard link to the current tree's file.
    try:
        with open(path, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        os.unlink(path)
        with open(path, "xb") as handle:
            handle.write(data)


def _unchanged(old: str, data: bytes, digest: str, entry: Entry | None) -> os.stat_result | None:
    """The stat of the previous tree's file when it holds exactly `data`; None when it does not."""
    try:
        info = os.lstat(old)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return None
    if entry is not None and entry[3] == digest and (info.st_size, info.st_mtime_ns, info.st_ino) == entry[:3]:
        return info
    return info if _same_bytes(old, data) else None


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


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


def swap_in(staging: Path, target: Path, keep: Path | None = None) -> None:
    """Put `staging` where `target` is, in one step where the OS allows; the old tree goes to `keep`, or is deleted."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        old = staging
    else:
        old = target.parent / f"{STAGING_PREFIX}{target.name}-old-{os.getpid()}"
        os.rename(target, old)
        os.rename(staging, target)
    if keep is not None:
        try:
            shutil.rmtree(keep, ignore_errors=True)
            os.rename(old, keep)
            return
        except OSError:
            pass  # another file system, say: delete it as without a spare
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


MAX_DOCS_FILE_BYTES = 5 * 1024 * 1024


def read_hand_written(docs_dir: Path, *generated: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """The hand-written files of docs/ (everything but the generated folder), for the docs tree the engine reads.

    They come from pull requests like records do, so they go through the same reader: no links, no
    special files, a size limit.
    """
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    root = Path(docs_dir)
    skip = {Path(folder).resolve() for folder in generated}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if (Path(dirpath) / d).resolve() not in skip and not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            relative = path.relative_to(root).as_posix()
            raw, problem = read_data_file(path, path.as_posix(), MAX_DOCS_FILE_BYTES)
            if raw is None:
                problems.extend([problem] if problem else [])
            else:
                files[relative] = raw
    return files, problems
