"""Hostile input: every case under tests/hostile/ must be reported exactly, and nothing may raise.

A case is a folder of data files laid out as under data/ (events/2023/x.yaml, reference/bases.yaml,
...) plus expected.txt: one `data/<path>:<line>: <code>` per problem the validator must report
(in any order; repeated when the same code is expected more than once on a line). Lines starting
with `#` are comments, except these directives:

    # symlink: events/2023/x.yaml -> /etc/passwd    create a symbolic link in the data folder
    # remove: reference/countries.yaml              delete a file copied from data/reference
    # generate: 5mb                                 write a file too large to commit (see GENERATORS)

Each case runs on a fresh copy of the repository's reference data and config, with a fixed today.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_reference, copy_site_tree
from records_factory import event

from generator.dataset.load import load_records
from generator.dataset.validate import validate_records
from generator.dataset.write import render_record

HOSTILE = Path(__file__).parent / "hostile"
TODAY = dt.date(2024, 6, 1)
EVENT_FILE = f"events/2023/{event()['id']}.yaml"
CASES = sorted(p.name for p in HOSTILE.iterdir() if (p / "expected.txt").is_file())
# Run only in a child process: if the loader's depth precheck regressed, it would kill pytest itself.
CRASH_CASES = {"yaml-deep-block-sequence-crash"}


def _deep_block_sequence() -> dict[str, bytes]:
    # 100,000 nested block lists on one line: 200 KB, under the size limit. libyaml's composer
    # recurses in C once per level, so without the loader's precheck this kills the interpreter.
    return {EVENT_FILE: b"weapons:\n" + b"- " * 100_000 + b"drone\n"}


def _five_megabytes() -> dict[str, bytes]:
    # A valid record whose summary is padded to 5 MB: refused by size before it is parsed.
    text = render_record("event", event()).encode("utf-8")
    padding = b"notes: " + b"x" * (5 * 1024 * 1024 - len(text)) + b"\n"
    return {EVENT_FILE: text + padding}


GENERATORS: dict[str, Callable[[], dict[str, bytes]]] = {
    "5mb": _five_megabytes,
    "deep-block-sequence": _deep_block_sequence,
}


def read_case(name: str) -> tuple[list[tuple[str, int, str]], dict[str, list[str]]]:
    expected: list[tuple[str, int, str]] = []
    directives: dict[str, list[str]] = {"symlink": [], "remove": [], "generate": []}
    for raw in (HOSTILE / name / "expected.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition(":")
            if key in directives:
                directives[key].append(value.strip())
            continue
        if line:
            location, _, code = line.rpartition(": ")
            path, _, number = location.rpartition(":")
            expected.append((path, int(number), code))
    return sorted(expected), directives


def load_case(name: str, data_dir: Path) -> Path:
    """The case's files over a copy of the reference data, in data_dir."""
    copy_reference(data_dir)
    folder = HOSTILE / name
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "expected.txt":
            target = data_dir / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    _, directives = read_case(name)
    for relative in directives["remove"]:
        (data_dir / relative).unlink()
    for link in directives["symlink"]:
        source, _, target = link.partition(" -> ")
        (data_dir / source).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / source).unlink(missing_ok=True)
        os.symlink(target, data_dir / source)
    for generator in directives["generate"]:
        for relative, content in GENERATORS[generator]().items():
            (data_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            (data_dir / relative).write_bytes(content)
    return data_dir


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40, CASES


@pytest.mark.parametrize("name", [c for c in CASES if c not in CRASH_CASES])
def test_hostile_case(name: str, tmp_path: Path) -> None:
    expected, _ = read_case(name)
    data_dir = load_case(name, tmp_path / "data")
    report = validate_records(load_records(data_dir), today=TODAY)  # raising fails the test
    assert sorted(report.flatten()) == expected, report.render()
    for problem in report.problems:
        assert problem.location.path.startswith("data/"), problem
        assert problem.message and "\n" not in problem.message, problem


@pytest.mark.parametrize("name", sorted(CRASH_CASES))
def test_hostile_case_in_a_child_process(name: str, tmp_path: Path) -> None:
    """A crash here is a segmentation fault, so the load runs in a child process that must exit cleanly."""
    expected, _ = read_case(name)
    data_dir = load_case(name, tmp_path / "data")
    script = (
        "import datetime, sys; from generator.dataset.load import load_records;"
        " from generator.dataset.validate import validate_records;"
        " report = validate_records(load_records(sys.argv[1]), today=datetime.date(2024, 6, 1));"
        " print(repr(sorted(report.flatten())))"
    )
    root = Path(__file__).resolve().parent.parent
    completed = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip() == repr(expected)


def test_generated_big_file_is_five_megabytes() -> None:
    content = GENERATORS["5mb"]()[EVENT_FILE]
    assert len(content) >= 5 * 1024 * 1024
    assert content.startswith(render_record("event", event()).encode("utf-8")[:20])


@pytest.mark.slow
@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_the_build_refuses_a_linked_record(tmp_path: Path, target: str) -> None:
    """The build's own loader (with its cache) must refuse links like load_records: no hang, nothing published."""
    root = copy_site_tree(tmp_path / "root")
    link = root / "data" / "events" / "2023" / "linked.yaml"
    os.symlink(target, link)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    env.pop("GITHUB_ACTIONS", None)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--no-extract"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build hung reading a link to {target}")
    assert completed.returncode == 1, completed.stderr[-2000:]
    assert "data/events/2023/linked.yaml:1:1: error[not-a-file]" in completed.stderr or (
        "data/events/2023/linked.yaml:1: error[not-a-file]" in completed.stderr
    ), completed.stderr[-2000:]
    assert not (root / "docs" / "generated").exists()
