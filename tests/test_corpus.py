"""The real-text corpus: a manifest and gold files, no article text; texts rebuilt in a scratch folder and checked."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.files import read_yaml_file
from generator.tools.corpus import (
    check_texts,
    compare,
    load_manifest,
    rebuild_from_responses,
    split_of,
    text_digest,
)

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "realtext"
# Written for this test: not a report from anywhere.
EXCERPT = "Test wire, 3 March 2024. Two drones flew toward a base in the desert on Sunday; both were downed.\n"


def _manifest(tmp_path: Path, url: str = "https://example.org/a") -> Path:
    entry = {
        "id": "2024-03-03-test-wire",
        "url": url,
        "outlet": "Test Wire",
        "published": "2024-03-03",
        "title": "Drones downed",
        "query": "drones downed desert base",
        "rank": 2,
        "sha256": text_digest(EXCERPT),
        "split": split_of(url),
    }
    path = tmp_path / "manifest.yaml"
    path.write_text(json.dumps({"articles": [entry]}), encoding="utf-8")  # JSON is YAML
    return path


def test_the_committed_corpus_holds_no_article_text() -> None:
    files = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}
    assert files, "the corpus is committed"
    assert all(name == "README.md" or name.endswith(".yaml") for name in files), files


def test_the_committed_manifest_is_complete_and_split_by_url() -> None:
    manifest = load_manifest(CORPUS / "manifest.yaml")
    assert manifest.problems == []
    assert len(manifest.entries) >= 100
    ids = [e["id"] for e in manifest.entries]
    assert len(ids) == len(set(ids))
    for entry in manifest.entries:
        assert entry["split"] == split_of(entry["url"]), entry["id"]
        assert str(entry["url"]).startswith(("http://", "https://")), entry["id"]
        assert {"query", "rank", "sha256", "outlet", "published", "title"} <= set(entry), entry["id"]
        gold = read_yaml_file(CORPUS / "gold" / f"{entry['id']}.yaml", entry["id"])
        assert gold.problems == [] and isinstance(gold.data, dict), entry["id"]
    tests = sum(1 for e in manifest.entries if e["split"] == "test")
    assert 0.25 < tests / len(manifest.entries) < 0.42


def test_no_reserved_report_is_in_the_corpus() -> None:
    reserved_file = REPO.parent / "shared" / "evaluation" / "reserved-urls.txt"
    if not reserved_file.is_file():
        return  # the reserved list lives beside the repository, not in it
    reserved = {line.strip().rstrip("/") for line in reserved_file.read_text().splitlines() if line.startswith("http")}
    urls = {str(e["url"]).rstrip("/") for e in load_manifest(CORPUS / "manifest.yaml").entries}
    assert not reserved & urls


def test_the_split_depends_on_the_url_only() -> None:
    assert split_of("https://example.org/a") == split_of("https://example.org/a")
    splits = {split_of(f"https://example.org/{n}") for n in range(30)}
    assert splits == {"tune", "test"}


def test_texts_are_rebuilt_from_saved_search_answers_and_checked(tmp_path: Path) -> None:
    manifest = load_manifest(_manifest(tmp_path))
    answer = {
        "results": [
            {"rank": 1, "url": "https://other.example/x", "excerpt": "x"},
            {"rank": 2, "url": "http://www.example.org/a/", "excerpt": EXCERPT},
        ]
    }
    (tmp_path / "answer.json").write_text(json.dumps(answer), encoding="utf-8")
    result = rebuild_from_responses(manifest, [tmp_path / "answer.json"], tmp_path / "texts")
    assert (result.written, result.mismatched, result.missing) == (["2024-03-03-test-wire"], [], [])
    text = (tmp_path / "texts" / "2024-03-03-test-wire.txt").read_text(encoding="utf-8")
    assert (
        text.startswith("---\nurl: https://example.org/a\noutlet: Test Wire\ndate: '2024-03-03'\n") or "date:" in text
    )
    (tmp_path / "gold").mkdir()
    assert check_texts(manifest, tmp_path / "texts", tmp_path / "gold") == ["2024-03-03-test-wire: no gold file"]
    (tmp_path / "texts" / "2024-03-03-test-wire.txt").write_text(text.replace("both", "one"), encoding="utf-8")
    assert "differs" in check_texts(manifest, tmp_path / "texts", tmp_path / "gold")[0]


def test_a_changed_excerpt_is_reported(tmp_path: Path) -> None:
    manifest = load_manifest(_manifest(tmp_path))
    answer = {"results": [{"rank": 2, "url": "https://example.org/a", "excerpt": EXCERPT.replace("Two", "Three")}]}
    (tmp_path / "answer.json").write_text(json.dumps(answer), encoding="utf-8")
    result = rebuild_from_responses(manifest, [tmp_path / "answer.json"], tmp_path / "texts")
    assert result.mismatched == ["2024-03-03-test-wire"]


def test_review_counts_accepted_corrected_missed_and_spurious() -> None:
    def attack(base: str, weapons: list[str], intercepted: bool | None) -> dict:
        return {
            "type": "attack",
            "date": "2024-03-03",
            "location": {"base": base, "country": "SY"},
            "weapons": weapons,
            "claimed_by": [],
            "casualties": {"us_killed": 0, "us_injured": 0},
            "intercepted": intercepted,
        }

    drafts = [attack("al-tanf", ["drone"], True), attack("conoco", ["rocket"], None), attack("rumalyn", [], None)]
    gold_incident = {"date": "2024-03-03", "country": "SY", "claimed_by": [], "us_killed": 0, "us_injured": 0}
    gold = {
        "incidents": [
            {**gold_incident, "base": "al-tanf", "weapons": ["drone"], "intercepted": True},
            {**gold_incident, "base": "conoco", "weapons": ["rocket"], "intercepted": False},
            {**gold_incident, "base": "green-village", "weapons": ["drone"], "intercepted": None},
        ]
    }
    result = compare(drafts, gold, None)
    assert (result.drafts, result.accepted) == (3, 1)
    assert result.corrected == [{"kind": "incident", "fields": ["intercepted"]}]
    assert result.missed == [{"kind": "incident"}]
    assert result.spurious == [{"kind": "incident"}]
