"""Shared fixtures: the repository, small data trees built inline, and a whole site built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SITE_COPY = ("mkdocs.yml", "docs", "overrides", "data", "generator")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from current output")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The axe-core counts per page type, in light and dark mode (tests/test_accessibility.py)."""
    from browser import AXE_COUNTS

    if not AXE_COUNTS:
        return
    terminalreporter.section("axe-core: serious or critical violations (all violations), per page type")
    for name in dict.fromkeys(page for page, _scheme in AXE_COUNTS):
        cells = [
            f"{scheme} {AXE_COUNTS[(name, scheme)][0]} ({AXE_COUNTS[(name, scheme)][1]})"
            for scheme in ("light", "dark")
            if (name, scheme) in AXE_COUNTS
        ]
        terminalreporter.write_line(f"{name:>11}: " + ", ".join(cells))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def repo() -> Path:
    return REPO


def copy_reference(data_dir: Path) -> None:
    """Reference data and config, but no records: the base of every small test tree."""
    (data_dir / "events").mkdir(parents=True, exist_ok=True)
    (data_dir / "tallies").mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "data" / "reference", data_dir / "reference", dirs_exist_ok=True)
    shutil.copy(REPO / "data" / "config.yaml", data_dir / "config.yaml")


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """make_tree({"events/2023/x.yaml": text, ...}) -> a data folder with reference data and these files."""

    def make(files: dict[str, str | bytes]) -> Path:
        data_dir = tmp_path / "data"
        copy_reference(data_dir)
        for relative, content in files.items():
            path = data_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return data_dir

    return make


def copy_site_tree(target: Path, data: Path | None = None) -> Path:
    """A copy of what a build reads (config, docs, overrides, data, the generator) in a fresh folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_COPY:
        source = REPO / name
        if name == "data" and data is not None:
            source = data
        ignore = shutil.ignore_patterns("generated", ".staging-*", "__pycache__")
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore, dirs_exist_ok=True)
        else:
            shutil.copy(source, target / name)
    return target


def run_generator(cwd: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(cwd)}
    env.pop("GITHUB_ACTIONS", None)
    completed = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if check and completed.returncode != 0:
        raise AssertionError(f"generator {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own data built end to end (generator, then mkdocs build --strict) in a temporary folder."""
    root = copy_site_tree(tmp_path_factory.mktemp("built"))
    run_generator(root, "build", "--site", check=True)
    return root
