"""Synthetic data: deterministic, valid by construction, and a whole 1,000-event site that builds."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from pathlib import Path

import pytest
from conftest import copy_site_tree, run_generator

from generator.build import BuildOptions, build_site, load_dataset
from generator.dataset.load import load_records
from generator.dataset.validate import validate_records
from generator.tools.synth import END, SynthInputs, synthesize


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def reference(repo: Path) -> SynthInputs:
    dataset = load_records(repo / "data")
    return SynthInputs.from_reference(dataset.reference)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, repo: Path) -> None:
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        run_generator(repo, "synth", "--events", "300", "--seed", seed, "--out", str(tmp_path / name), check=True)
    first, second, other = (digest(tmp_path / n) for n in "abc")
    assert first == second
    assert first != other
    assert len([p for p in first if p.startswith("events/")]) == 300
    assert "reference/bases.yaml" in first and "config.yaml" in first


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path, repo: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "keep.txt").write_text("mine", encoding="utf-8")
    completed = run_generator(repo, "synth", "--events", "5", "--out", str(tmp_path / "data"))
    assert completed.returncode == 2
    assert (tmp_path / "data" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_synthetic_data_validates_without_errors_or_warnings(tmp_path: Path, repo: Path) -> None:
    out = tmp_path / "data"
    run_generator(repo, "synth", "--events", "2000", "--seed", "3", "--out", str(out), check=True)
    dataset = load_records(out)
    report = validate_records(dataset, today=END)
    assert report.problems == [], report.render()
    completed = run_generator(repo, "validate", "--data", str(out), "--strict")
    assert completed.returncode == 0, completed.stderr
    events = [r.data for r in dataset.events]
    strikes = sum(1 for e in events if e["type"] == "strike")
    assert 0.10 < strikes / len(events) < 0.20
    assert len({e["date"][:4] for e in events}) >= 2
    assert max(e["date"] for e in events) <= END.isoformat()
    assert all(len(e["sources"]) >= 1 for e in events)
    assert sum(len(e["sources"]) for e in events) > 1.3 * len(events)
    assert all(s["url"].startswith("https://") for e in events for s in e["sources"])
    tallies = sorted((r.data for r in dataset.tallies), key=lambda t: t["as_of"])
    assert len(tallies) >= 30
    assert all(a["attacks"] < b["attacks"] for a, b in itertools.pairwise(tallies))


def test_dates_never_pass_the_fixed_end(repo: Path) -> None:
    records = synthesize(20_000, 1, reference(repo))
    dates = [r.data["date"] for r in records if r.kind == "event"]
    published = [s["published"] for r in records for s in r.data["sources"]]
    assert max(dates + published) <= END.isoformat() < dt.date.today().isoformat()


def test_cached_loading_equals_the_loader(tmp_path: Path, repo: Path) -> None:
    out = tmp_path / "data"
    run_generator(repo, "synth", "--events", "200", "--out", str(out), check=True)
    broken = out / "events" / "2023" / "broken.yaml"
    broken.write_text("id: [oops\n", encoding="utf-8")
    cache = tmp_path / "cache" / "records.pickle"
    expected = load_records(out, display_base=tmp_path)
    assert load_dataset(out, tmp_path, cache) == expected  # cold: parses and fills the cache
    assert load_dataset(out, tmp_path, cache) == expected  # warm: from the cache
    edited = sorted((out / "events").rglob("*-attack.yaml"))[3]
    edited.write_text(edited.read_text(encoding="utf-8").replace("review: reviewed", "review: draft"), "utf-8")
    assert load_dataset(out, tmp_path, cache) == load_records(out, display_base=tmp_path)
    assert load_dataset(repo / "data", repo, tmp_path / "repo.pickle") == load_records(repo / "data", display_base=repo)


@pytest.mark.slow
def test_a_synthetic_site_of_1000_events_builds_end_to_end(tmp_path: Path, repo: Path) -> None:
    data = tmp_path / "synthetic"
    run_generator(repo, "synth", "--events", "1000", "--seed", "5", "--out", str(data), check=True)
    root = copy_site_tree(tmp_path / "site-tree", data=data)
    run_generator(root, "build", "--no-extract", "--site", check=True)  # mkdocs build --strict
    site = root / "site"
    dataset = load_records(root / "data")
    for record in dataset.events:
        assert (site / "events" / record.data["id"] / "index.html").is_file(), record.path
    actor = "islamic-resistance-in-iraq"
    years = sorted(p.name for p in (site / "actors" / actor).iterdir() if p.is_dir())
    assert years, "a group with many events lists them on one page per year"
    actor_page = (site / "actors" / actor / "index.html").read_text(encoding="utf-8")
    assert f'actors/{actor}/{years[0]}/"' in actor_page
    assert (site / "search" / "search_index.json").stat().st_size < 1_000_000
    # One edit rewrites the event's own page and what lists or counts it, never other event pages.
    edited = next(r for r in dataset.events if r.data["location"]["base"] and r.data["type"] == "attack")
    path = root / edited.path
    text = path.read_text(encoding="utf-8").replace("summary: ", "summary: Edited. ", 1)
    path.write_text(text.replace("us_injured: 0", "us_injured: 4"), encoding="utf-8")
    options = BuildOptions(repo_root=root, data_dir=root / "data", out_dir=root / "docs" / "generated", extract=False)
    result = build_site(options)
    assert result.ok and result.write is not None
    written = result.write.written
    assert f"events/{edited.data['id']}.md" in written
    assert [p for p in written if p.startswith("events/")] == [f"events/{edited.data['id']}.md"]
    assert not [p for p in written if p.startswith("charts/event-")]
    assert result.write.removed == []
    again = build_site(options)
    assert again.write is not None and again.write.written == []
