"""Faults: a build killed at any moment leaves whole output trees, and extraction never touches reviewed records.

The build writes docs/generated/ and site/ beside the old ones and swaps each in at the end, so after a
SIGKILL each tree is byte-identical to either the previous complete build or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, copy_site_tree, run_generator
from records_factory import event, event_file

from generator.dataset.load import load_records

pytestmark = pytest.mark.slow

SEED = 20240601
KILLS = 5
HAS_MERGE = importlib.util.find_spec("generator.ingest.update") is not None


def digest(folder: Path) -> dict[str, str]:
    """{relative path: sha256} of every file (and '<dir>/' for every folder) under folder; {} when missing."""
    if not folder.is_dir():
        return {}
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_dir():
            out[relative + "/"] = "dir"
        else:
            out[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def start_build(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--no-extract", "--site"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches the MkDocs child too
    )


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def change_data(root: Path) -> None:
    """A change that touches many outputs: one summary edited, one event added."""
    record = next(p for p in sorted((root / "data" / "events").rglob("*.yaml")))
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nsummary: ", "\nsummary: Edited. ", 1), encoding="utf-8")
    added = event(id="2023-12-20-al-tanf-attack", date="2023-12-20")
    added["location"] = {"base": "al-tanf", "country": "SY", "place": "al-Tanf"}
    added["sources"][0]["published"] = "2023-12-20"
    relative, content = event_file(added)
    (root / "data" / relative).write_text(content, encoding="utf-8")


def restore(saved: Path, root: Path) -> None:
    for name in ("docs/generated", "site"):
        shutil.rmtree(root / name, ignore_errors=True)
        shutil.copytree(saved / name, root / name, copy_function=shutil.copy2)


def test_a_killed_build_leaves_each_tree_whole(tmp_path: Path) -> None:
    root = copy_site_tree(tmp_path / "root")
    run_generator(root, "build", "--no-extract", "--site", check=True)
    before = {name: digest(root / name) for name in ("docs/generated", "site")}
    saved = tmp_path / "saved"
    for name in ("docs/generated", "site"):
        shutil.copytree(root / name, saved / name)

    change_data(root)
    started = time.perf_counter()
    run_generator(root, "build", "--no-extract", "--site", check=True)
    duration = time.perf_counter() - started
    after = {name: digest(root / name) for name in ("docs/generated", "site")}
    assert before["site"] != after["site"] and before["docs/generated"] != after["docs/generated"]

    rng = random.Random(SEED)
    # One delay in each fifth of the build's duration, so the kills are spread from start to finish.
    delays = [rng.uniform(i * duration / KILLS, (i + 1) * duration / KILLS) for i in range(KILLS)]
    seen = []
    for delay in delays:
        restore(saved, root)
        assert digest(root / "site") == before["site"]
        process = start_build(root)
        time.sleep(delay)
        finished = process.poll() is not None
        kill_group(process)
        state = []
        for name in ("docs/generated", "site"):
            now = digest(root / name)
            assert now, f"{name} is missing after a kill at {delay:.2f}s"
            assert now in (before[name], after[name]), f"{name} is a mix of two builds after a kill at {delay:.2f}s"
            state.append("new" if now == after[name] else "old")
        seen.append((round(delay, 2), finished, *state))
        completed = run_generator(root, "build", "--no-extract", "--site")
        assert completed.returncode == 0, f"the build after a kill at {delay:.2f}s failed:\n{completed.stderr}"
        assert {name: digest(root / name) for name in ("docs/generated", "site")} == after
    print(f"\n{KILLS} builds killed (delay s, had finished, docs/generated, site): {seen}; full build {duration:.2f}s")
    assert len(seen) == KILLS
    assert any(not finished for _, finished, *_ in seen), "every kill came after the build had finished"


# --- extraction over articles that match reviewed records ---------------------------------------------

WORDS = {
    "drone": "a drone",
    "rocket": "rockets",
    "missile": "a missile",
    "mortar": "mortar rounds",
    "ied": "a roadside bomb",
}


def article_from_record(data: dict, names: dict[str, dict[str, str]], rng: random.Random) -> str:
    """An article that reports a reviewed record's facts in words, dated on its first source."""
    published = str(data["sources"][0]["published"])
    if "as_of" in data:
        body = (
            f"U.S. forces have been attacked {data['attacks']} times since October 17, a U.S. military official said."
        )
        return f"date {published} {body}\n"
    day = f"on {_weekday(data['date'])}" if rng.random() < 0.5 else f"on {_month_day(data['date'])}"
    location = data.get("location") or {}
    where = names["bases"].get(location.get("base") or "", names["countries"].get(location.get("country"), "Iraq"))
    weapons = [WORDS.get(w, "drones") for w in data.get("weapons") or []] or ["drones"]
    if data["type"] == "strike":
        sentence = f"U.S. forces carried out strikes {day} in {where}."
    else:
        sentence = f"{rng.choice(['US forces were attacked', 'U.S. and coalition forces were targeted'])} with"
        sentence += f" {' and '.join(weapons)} at {where} {day}, officials said."
    claims = [names["actors"].get(a, a) for a in data.get("claimed_by") or []]
    if claims:
        sentence += f" The {claims[0]} claimed responsibility."
    filler = rng.choice(["", " No casualties were reported.", " The Pentagon did not comment further."])
    return f"date {published} {sentence}{filler}\n"


def _weekday(date: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(date).strftime("%A")


def _month_day(date: str) -> str:
    import datetime as dt

    day = dt.date.fromisoformat(date)
    return f"{day:%B} {day.day}"


@pytest.mark.skipif(not HAS_MERGE, reason="generator.ingest.merge is not part of this checkout yet")
def test_extraction_never_changes_a_reviewed_record(tmp_path: Path) -> None:
    from generator.ingest.update import update_records

    dataset = load_records(REPO / "data")
    names = {
        kind: {str(e["id"]): str(e["name"]) for e in (record.data or []) if isinstance(e, dict)}
        for kind, record in dataset.reference_files.items()
    }
    # Articles are named after a source the record already cites: a new article would add a source (by design).
    reviewed = [
        r
        for r in dataset.events + dataset.tallies
        if r.data.get("review") == "reviewed" and r.data["sources"][0].get("article")
    ]
    assert reviewed
    rng = random.Random(SEED)
    cases = 20
    for case in range(cases):
        data_dir = tmp_path / f"case-{case}" / "data"
        shutil.copytree(REPO / "data", data_dir)
        originals = {p: p.read_bytes() for p in (data_dir / "events").rglob("*.yaml")}
        originals.update({p: p.read_bytes() for p in (data_dir / "tallies").rglob("*.yaml")})
        reviewed_files = [p for p, raw in originals.items() if b"\nreview: reviewed" in raw]
        if case > 0:  # case 0: the repository's own articles, as they are
            for record in rng.sample(reviewed, k=min(len(reviewed), rng.randint(1, 4))):
                article = record.data["sources"][0]["article"]
                text = article_from_record(record.data, names, rng)
                (data_dir / "articles" / f"{article}.txt").write_text(text, encoding="utf-8")
        update_records(sorted((data_dir / "articles").glob("*.txt")), data_dir)
        changed = [p.relative_to(data_dir).as_posix() for p in reviewed_files if p.read_bytes() != originals[p]]
        assert changed == [], f"case {case}: extraction rewrote reviewed records {changed}"
    print(f"\nextraction left every reviewed record byte-identical in {cases} cases")
