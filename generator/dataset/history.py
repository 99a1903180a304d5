"""When each record was added and last changed, read from git in one pass.

Without git (a tarball, or a file not yet committed) the dates fall back to the record's own
`added` field or its earliest source, so output stays deterministic for the same tree.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT_S = 60


@dataclass(frozen=True)
class FileDates:
    added: str
    changed: str


def read_history(repo_root: Path, prefix: str = "data/") -> dict[str, FileDates]:
    """{path relative to the repository: dates} for every file under prefix that git knows."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(repo_root), "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", prefix],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if completed.returncode != 0:
        return {}
    return _parse_log(completed.stdout)


def _parse_log(log: str) -> dict[str, FileDates]:
    """git log lists newest commits first: the first date seen is the last change, the last one the addition."""
    changed: dict[str, str] = {}
    added: dict[str, str] = {}
    for block in log.split("\x00"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        date, paths = lines[0].strip(), lines[1:]
        for path in paths:
            changed.setdefault(path, date)
            added[path] = date
    return {path: FileDates(added=added[path], changed=changed[path]) for path in changed}
