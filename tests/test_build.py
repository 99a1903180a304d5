"""End to end: the repository's data built into a temporary folder, and what a failed build must not touch."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import copy_site_tree, run_generator
from records_factory import event, event_file

from generator.dataset.load import load_records

pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_site_has_a_page_for_every_event_base_and_actor(built_site: Path) -> None:
    site = built_site / "site"
    dataset = load_records(built_site / "data")
    assert dataset.events, "the repository ships curated records"
    for record in dataset.events:
        assert (site / "events" / record.data["id"] / "index.html").is_file(), record.path
        assert (site / "charts" / f"event-{record.data['id']}.json").is_file(), record.path
    for kind in ("bases", "actors"):
        for entry in dataset.reference_files[kind].data:
            assert (site / kind / entry["id"] / "index.html").is_file(), f"{kind}/{entry['id']}"
    for page in ("index.html", "chronology/index.html", "tallies/index.html", "downloads/index.html"):
        assert (site / page).is_file(), page
    for download in ("events.csv", "events.json", "events.geojson", "tallies.csv"):
        assert (site / "downloads" / download).stat().st_size > 0, download
    assert (site / "assets/vega/vega-bundle.js").stat().st_size > 100_000
    assert (site / "feed.xml").is_file() and (site / "feed.json").is_file()


def test_no_third_party_assets_in_built_pages(built_site: Path) -> None:
    for page in (built_site / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html, page


@pytest.fixture
def site_tree(tmp_path: Path) -> Path:
    root = copy_site_tree(tmp_path / "repo")
    run_generator(root, "build", "--no-extract", "--site", check=True)
    return root


BAD_INPUTS = {
    "malformed": ("events/2023/bad.yaml", "id: [oops\n", "data/events/2023/bad.yaml:2:1: error[yaml-syntax]"),
    "missing field": (
        *event_file({k: v for k, v in event().items() if k != "summary"}),
        "data/events/2023/2023-11-23-erbil-air-base-attack.yaml:2:1: error[missing-field] 'summary' is required",
    ),
    "unknown base": (
        *event_file(event(location={"base": "atlantis", "country": "IQ", "place": "x"})),
        "2023-11-23-erbil-air-base-attack.yaml:7:3: error[unknown-base] 'location.base' is 'atlantis'",
    ),
    "impossible date": (
        *event_file(event(date="2023-02-30")),
        "error[bad-date] 'date' 2023-02-30 is not a real calendar date",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_failed_build_leaves_previous_output_untouched(site_tree: Path, case: str) -> None:
    before_docs = tree_digest(site_tree / "docs" / "generated")
    before_site = tree_digest(site_tree / "site")
    relative, text, expected = BAD_INPUTS[case]
    record = site_tree / "data" / relative
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(text, encoding="utf-8")
    completed = run_generator(site_tree, "build", "--no-extract", "--site")
    assert completed.returncode == 1
    assert expected in completed.stderr
    assert "Traceback" not in completed.stderr
    assert tree_digest(site_tree / "docs" / "generated") == before_docs
    assert tree_digest(site_tree / "site") == before_site


def test_duplicate_id_is_reported_with_both_files(site_tree: Path) -> None:
    existing = next((site_tree / "data" / "events").rglob("*.yaml"))
    copy = site_tree / "data" / "events" / "extra" / existing.name
    copy.parent.mkdir()
    copy.write_bytes(existing.read_bytes())
    completed = run_generator(site_tree, "validate")
    assert completed.returncode == 1
    assert f"data/events/extra/{existing.name}:2:1: error[duplicate-id]" in completed.stderr


def test_script_in_summary_is_harmless_text(site_tree: Path) -> None:
    data = event(summary='<script>alert("x")</script> & more')
    relative, text = event_file(data)
    (site_tree / "data" / relative).write_text(text, encoding="utf-8")
    run_generator(site_tree, "build", "--no-extract", "--site", check=True)
    page = (site_tree / "site" / "events" / data["id"] / "index.html").read_text(encoding="utf-8")
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in page


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    for name in ("one", "two"):
        root = copy_site_tree(tmp_path / name)
        run_generator(root, "build", "--no-extract", "--site", check=True)
        trees.append((tree_digest(root / "docs" / "generated"), tree_digest(root / "site")))
    assert trees[0][0] == trees[1][0]
    assert trees[0][1] == trees[1][1]


def test_rebuild_without_changes_writes_nothing(site_tree: Path) -> None:
    completed = run_generator(site_tree, "build", "--no-extract")
    assert " 0 files written" in completed.stderr, completed.stderr
