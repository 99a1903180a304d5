"""Incremental builds: whatever the caches in .build/cache reuse, the output is a cold build's, byte for byte."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_generator

import generator.core.cache
import generator.core.files
from generator.build import SPARE_PREFIX, BuildOptions, BuildResult, build_site, load_dataset
from generator.dataset.load import load_records

TODAY = dt.date(2026, 12, 31)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, out: Path, cache: bool = True) -> BuildResult:
    options = BuildOptions(
        repo_root=root, data_dir=root / "data", out_dir=out, extract=False, today=TODAY, cache=cache, history=False
    )
    result = build_site(options)
    assert result.ok, result.report.render()
    return result


def attacks_at_bases(data: Path) -> list[Path]:
    paths = sorted((data / "events").rglob("*-attack.yaml"))
    return [p for p in paths if "base: null" not in p.read_text(encoding="utf-8")]


def edit_summary(data: Path) -> None:
    path = attacks_at_bases(data)[5]
    text = path.read_text(encoding="utf-8").replace("summary: ", "summary: Edited. ", 1)
    path.write_text(re.sub(r"us_injured: .*", "us_injured: 7", text, count=1), encoding="utf-8")


def delete_record(data: Path) -> None:
    attacks_at_bases(data)[9].unlink()


def rename_record(data: Path) -> None:
    path = attacks_at_bases(data)[3]
    new_id = f"{path.stem}-renamed"
    path.with_name(f"{new_id}.yaml").write_text(
        path.read_text(encoding="utf-8").replace(f"id: {path.stem}", f"id: {new_id}"), encoding="utf-8"
    )
    path.unlink()


def touch_without_change(data: Path) -> None:
    for path in attacks_at_bases(data)[:20]:
        os.utime(path)


def rename_a_base(data: Path) -> None:
    """Reference data: every page that names the base changes, through every cache's fingerprint."""
    path = data / "reference" / "bases.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(name: )", r"\1Renamed ", text, count=1), encoding="utf-8")


def edit_a_tally(data: Path) -> None:
    path = sorted((data / "tallies").rglob("*.yaml"))[-1]
    path.write_text(path.read_text(encoding="utf-8").replace("stated_by:", "stated_by: Edited", 1), encoding="utf-8")


EDITS: list[Callable[[Path], None]] = [
    edit_summary,
    touch_without_change,
    delete_record,
    rename_record,
    edit_a_tally,
    rename_a_base,
    edit_summary,
]


def test_a_warm_incremental_build_equals_a_cold_build(tmp_path: Path, repo: Path) -> None:
    root = tmp_path / "site"
    run_generator(repo, "synth", "--events", "400", "--seed", "3", "--out", str(root / "data"), check=True)
    warm = root / "docs" / "generated"
    first = build(root, warm)
    assert first.write is not None and len(first.write.written) > 800
    for number, edit in enumerate(EDITS):
        edit(root / "data")
        result = build(root, warm)
        cold = tmp_path / f"cold-{number}"
        build(root, cold, cache=False)
        assert tree(warm) == tree(cold), f"after {edit.__name__}"
        assert result.write is not None
        if edit is touch_without_change:
            assert result.write.written == []
    assert list((root / ".build" / "cache").glob(f"{SPARE_PREFIX}*")), "the previous tree is kept for the next write"


def test_the_output_is_repaired_whatever_was_done_to_it_or_to_the_spare_tree(tmp_path: Path, repo: Path) -> None:
    root = tmp_path / "site"
    run_generator(repo, "synth", "--events", "60", "--seed", "4", "--out", str(root / "data"), check=True)
    warm = root / "docs" / "generated"
    build(root, warm)
    build(root, warm)  # now the spare holds a tree whose files are hard links to the current one's
    (spare,) = (root / ".build" / "cache").glob(f"{SPARE_PREFIX}*")
    # In place, through the hard link both trees share; and with the size and modification time kept.
    page = warm / "index.md"
    info = page.stat()
    with open(page, "r+b") as handle:
        handle.write(b"#")
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    (warm / "downloads" / "events.csv").write_text("replaced\n", encoding="utf-8")
    (spare / "extra.md").write_text("not part of the site\n", encoding="utf-8")
    (spare / "bases.md").symlink_to(warm / "index.md")
    victim = next((spare / "events").iterdir())
    victim.unlink()
    victim.write_text("different file, same name\n", encoding="utf-8")
    (warm / "charts" / "stray.json").write_text("{}\n", encoding="utf-8")
    edit_summary(root / "data")
    result = build(root, warm)
    build(root, tmp_path / "cold", cache=False)
    assert tree(warm) == tree(tmp_path / "cold")
    assert result.write is not None and "charts/stray.json" in result.write.removed


def test_an_edit_that_keeps_the_size_and_modification_time_is_noticed(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(repo / "data", data)
    cache = tmp_path / "cache" / "records"
    path = sorted((data / "events").rglob("*.yaml"))[0]
    reads: list[str] = []
    real_read = generator.core.cache.read_data_file

    def counting_read(file: str | Path, display: str) -> tuple[bytes | None, object]:
        reads.append(display)
        return real_read(file, display)

    monkeypatch.setattr(generator.core.cache, "read_data_file", counting_read)

    def same_size_same_mtime(letter: str) -> None:
        """Change the summary's first letter: same size, and the modification time put back."""
        info = path.stat()
        text = re.sub(r"summary: .", f"summary: {letter}", path.read_text(encoding="utf-8"), count=1)
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        after = path.stat()
        assert (after.st_size, after.st_mtime_ns) == (info.st_size, info.st_mtime_ns)

    assert load_dataset(data, tmp_path, cache) == load_records(data, display_base=tmp_path)
    # Within the racy window (files changed seconds before the scan), stats are not trusted: bytes are hashed.
    same_size_same_mtime("X")
    assert load_dataset(data, tmp_path, cache) == load_records(data, display_base=tmp_path)
    # Outside it, the change time gives the edit away: no tool can set it back.
    monkeypatch.setattr(generator.core.cache, "RACY_NS", 0)
    monkeypatch.setattr(generator.core.cache, "FINE_RACY_NS", 0)
    time.sleep(0.05)  # the next write must fall in a later tick of the file system's clock
    load_dataset(data, tmp_path, cache)
    reads.clear()
    load_dataset(data, tmp_path, cache)
    assert reads == [], "unchanged files are known by their stat, without reading them"
    same_size_same_mtime("Y")
    dataset = load_dataset(data, tmp_path, cache)
    assert dataset == load_records(data, display_base=tmp_path)
    assert any(str(r.data.get("summary", "")).startswith("Y") for r in dataset.events)
    assert reads == [f"data/{path.relative_to(data).as_posix()}"]


def test_a_cached_record_replaced_by_a_link_is_refused(tmp_path: Path, repo: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(repo / "data", data)
    cache = tmp_path / "cache" / "records"
    load_dataset(data, tmp_path, cache)
    path = sorted((data / "events").rglob("*.yaml"))[0]
    copy = tmp_path / "elsewhere.yaml"
    shutil.copy(path, copy)
    path.unlink()
    path.symlink_to(copy)
    dataset = load_dataset(data, tmp_path, cache)
    assert "not-a-file" in {p.code for p in dataset.problems}
    assert dataset == load_records(data, display_base=tmp_path)


def test_parsing_on_two_cores_gives_what_one_core_gives(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    run_generator(repo, "synth", "--events", "120", "--seed", "2", "--out", str(data), check=True)
    (data / "events" / "2023" / "broken.yaml").write_text("id: [oops\nsummary: x\n", encoding="utf-8")
    (data / "events" / "2023" / "tagged.yaml").write_text("id: !!python/object x\n", encoding="utf-8")
    serial = load_records(data)
    monkeypatch.setattr(generator.core.files, "PARALLEL_MIN", 1)
    assert load_records(data) == serial
    assert load_dataset(data, tmp_path, tmp_path / "cache" / "records") == serial
