"""The one reader of input files: every file under data/ is read through here.

Files come from strangers' pull requests. The reader refuses symbolic links (a pull request can add
one to /etc/passwd or /dev/zero) and anything that is not a regular file (a FIFO would block the
build), never reads more than a size limit, and returns problems as values with a location. YAML is
parsed by generator.core.yamlio (safe, with line numbers); many files are parsed on two cores.
"""

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
from pathlib import Path
from typing import Any

from generator.core.problems import Location, Problem, pack_problem, unpack_problem
from generator.core.yamlio import MAX_FILE_BYTES, Parsed, parse_yaml, too_large

Parser = Callable[[bytes, str], Parsed]


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


def read_yaml_file(path: str | Path, display: str) -> Parsed:
    """One YAML file through the reader: its value and positions, or the problems that stopped it."""
    return read_files([(os.fspath(path), display)])[0][0]
