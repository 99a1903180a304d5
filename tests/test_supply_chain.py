"""Supply chain: every dependency is pinned to a version and hashes, and installed only that way.

The workflow rules here (no pull_request_target, actions pinned to commits) are checked on the raw
text of every file under .github/, including any composite action; tests/test_workflows.py runs
actionlint and zizmor on the workflows themselves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.core.yamlio import parse_yaml

REPO = Path(__file__).resolve().parent.parent
LOCK_FILES = ("requirements.lock", "requirements-dev.lock")
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[\w,.-]+\])?==(?P<version>[\w.!+-]+)(?:\s*;.*)?$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
GITHUB_FILES = sorted(p for p in (REPO / ".github").rglob("*") if p.suffix in {".yml", ".yaml"} and p.is_file())


def requirements(lock: str) -> list[tuple[str, list[str]]]:
    """(requirement, its options) for each entry of a lock file, continuation lines joined."""
    entries: list[tuple[str, list[str]]] = []
    logical = ""
    for raw in (REPO / lock).read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line and not logical:
            continue
        logical += " " + line.removesuffix("\\").strip()
        if line.endswith("\\"):
            continue
        parts = logical.split()
        logical = ""
        if parts:
            entries.append((parts[0], parts[1:]))
    return entries


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("lock", LOCK_FILES)
def test_every_locked_requirement_is_pinned_with_hashes(lock: str) -> None:
    entries = requirements(lock)
    assert len(entries) >= 10, f"{lock} looks empty"
    for requirement, options in entries:
        assert REQUIREMENT.match(requirement), f"{lock}: {requirement!r} is not pinned with =="
        hashes = [o for o in options if o.startswith("--hash=")]
        assert hashes, f"{lock}: {requirement} has no --hash=sha256:"
        for option in options:
            assert HASH.match(option), f"{lock}: {requirement}: unexpected option {option!r}"


@pytest.mark.parametrize("lock", LOCK_FILES)
def test_lock_files_name_no_other_index_or_unpinned_source(lock: str) -> None:
    text = (REPO / lock).read_text(encoding="utf-8")
    for forbidden in ("--index-url", "--extra-index-url", "--trusted-host", "--find-links", "git+", "http://", "-e "):
        assert forbidden not in text, f"{lock} contains {forbidden!r}"


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.in", "requirements.lock"), ("requirements-dev.in", "requirements-dev.lock")]
)
def test_every_direct_dependency_is_in_its_lock_file(source: str, lock: str) -> None:
    locked = {normalise(REQUIREMENT.match(r).group("name")) for r, _ in requirements(lock) if REQUIREMENT.match(r)}
    for raw in (REPO / source).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name = normalise(re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0])
        assert name in locked, f"{source}: {name} is not pinned in {lock}"


def test_makefile_installs_only_with_require_hashes() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if re.search(r"\bpip\s+install\b", line)]
    assert installs, "the Makefile installs nothing"
    for line in installs:
        assert "--require-hashes" in line, f"Makefile: {line}"
        assert re.search(r"-r\s+requirements(-dev)?\.lock\b", line), f"Makefile installs from something else: {line}"
    assert {lock for lock in LOCK_FILES if f"-r {lock}" in makefile} == set(LOCK_FILES)


def test_no_other_script_installs_python_packages_without_hashes() -> None:
    scripts = [REPO / ".ci" / "run", *GITHUB_FILES, *(REPO / "scripts").glob("*")]
    for path in scripts:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if re.search(r"\bpip3?\s+install\b|\buv\s+pip\s+install\b", line) and not line.lstrip().startswith("#"):
                assert "--require-hashes" in line, f"{path.relative_to(REPO)}:{number}: {line.strip()}"


def test_npm_tools_are_locked_with_integrity_hashes() -> None:
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in {**package.get("dependencies", {}), **package.get("devDependencies", {})}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json: {name} {version} is not an exact version"
    for where, entry in lock.get("packages", {}).items():
        if where:
            assert str(entry.get("integrity", "")).startswith("sha512-"), f"package-lock.json: {where} has no integrity"
            resolved = str(entry.get("resolved") or "https://registry.npmjs.org/")
            assert resolved.startswith("https://registry.npmjs.org/"), f"package-lock.json: {where} from {resolved}"
    assert "npm ci" in (REPO / ".ci" / "run").read_text(encoding="utf-8"), ".ci/run must install with npm ci"


def test_there_are_github_files() -> None:
    assert any(p.parent.name == "workflows" for p in GITHUB_FILES)


@pytest.mark.parametrize("path", GITHUB_FILES, ids=lambda p: p.name)
def test_no_pull_request_target_trigger(path: Path) -> None:
    parsed = parse_yaml(path.read_bytes(), path.name)
    data = parsed.data if isinstance(parsed.data, dict) else {}
    triggers = data.get("on", data.get(True))  # a YAML 1.1 loader reads the key `on` as true
    names = set(triggers) if isinstance(triggers, (dict, list)) else {triggers}
    assert "pull_request_target" not in names, f"{path.name}: never trigger on pull_request_target"
    code = "\n".join(line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    assert "pull_request_target" not in code, f"{path.name}: pull_request_target outside a comment"


@pytest.mark.parametrize("path", GITHUB_FILES, ids=lambda p: p.name)
def test_every_uses_is_pinned_to_a_full_commit_sha(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*['\"]?([^'\"\s#]+)", line)
        if not match:
            continue
        ref = match.group(1)
        if ref.startswith("./"):
            continue  # an action in this repository: pinned by the checkout itself
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}:{number}: pin {ref} to a 40-hex SHA"
        assert not ref.startswith("docker://") or "@sha256:" in ref, f"{path.name}:{number}: pin the image digest"
