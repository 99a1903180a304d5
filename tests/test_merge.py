"""Merging drafts into record files: one record per event, reruns change nothing, reviewed records are safe."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.core.yamlio import parse_yaml
from generator.dataset.load import load_records
from generator.dataset.validate import validate_records
from generator.ingest.update import update_records

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"

FIRST = (
    " date 2023-11-24 U.S. forces struck the Iran-aligned Kataeb Hezbollah (KH) armed group south of Baghdad"
    " on Wednesday, killing eight members, according to KH.\n\n"
    "Drones attacked US and coalition forces at Ain al-Asad air base in western Iraq on Thursday,"
    " causing no injuries.\n"
)
SECOND = (
    " date 2023-11-24 Several drones targeted US and coalition forces at the Ain al-Asad airbase in western Iraq's"
    " Anbar province on Thursday. No injuries or damages were reported, according to a US military official.\n\n"
    "The raids on Wednesday, US strikes on two locations in Iraq, killed nine fighters, according to the group.\n"
)
REVIEWED = """# yaml-language-server: $schema=../../../generator/dataset/schemas/event.schema.json
id: 2023-11-22-iq-strike
type: strike
date: 2023-11-22
date_precision: day
location:
  base: null
  country: IQ
  place: two locations in Iraq, south of Baghdad
weapons: []
claimed_by: []
targets: [kataib-hezbollah]
casualties:
  us_killed: null
  us_injured: null
  killed: 7
intercepted: null
summary: Precision strikes on two locations in Iraq.
sources:
- article: reviewed_source
  outlet: AFP
  url: null
  published: 2023-11-23
  quote: the US Central Command announced that it had conducted "precision strikes" on two locations in Iraq
review: reviewed
"""


def _data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "events").mkdir(parents=True)
    (data / "tallies").mkdir()
    shutil.copytree(REPO / "data" / "reference", data / "reference")
    shutil.copy(REPO / "data" / "config.yaml", data / "config.yaml")
    return data


def _articles(tmp_path: Path, **texts: str) -> Path:
    """Articles kept by the project (in the data folder's articles/): drafts quote them by id."""
    folder = tmp_path / "data" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_same_event_from_two_articles_is_one_record_with_two_sources(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    articles = _articles(tmp_path, art_a=FIRST, art_b=SECOND)
    result = update_records([articles], data)
    assert [p.code for p in result.problems] == []
    attack = data / "events" / "2023" / "2023-11-23-ain-al-asad-attack.yaml"
    record = parse_yaml(attack.read_bytes(), "x").data
    assert [s["article"] for s in record["sources"]] == ["art_a", "art_b"]
    assert record["review"] == "draft"
    assert sorted(p.name for p in (data / "events" / "2023").iterdir()) == [
        "2023-11-22-iq-strike.yaml",
        "2023-11-23-ain-al-asad-attack.yaml",
    ]


def test_rerun_is_byte_identical_and_writes_nothing(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    articles = _articles(tmp_path, art_a=FIRST, art_b=SECOND)
    first = update_records([articles], data)
    assert first.written
    before = _snapshot(data)
    second = update_records([articles], data, jobs=2)
    assert second.written == []
    assert second.unchanged == len(first.written)
    assert _snapshot(data) == before


def test_drafts_validate(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    update_records([CORPUS], data, jobs=2)
    report = validate_records(load_records(data))
    assert report.errors == []


def test_reviewed_record_gains_a_source_and_nothing_else(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    reviewed = data / "events" / "2023" / "2023-11-22-iq-strike.yaml"
    reviewed.parent.mkdir(parents=True)
    reviewed.write_text(REVIEWED, encoding="utf-8")
    articles = _articles(tmp_path, art_a=FIRST, reviewed_source=" date 2023-11-23 Nothing to report.\n")
    result = update_records([articles], data)
    text = reviewed.read_text(encoding="utf-8")
    assert text.startswith(REVIEWED.rsplit("review: reviewed", 1)[0])
    assert text.endswith("review: reviewed\n")
    old = parse_yaml(REVIEWED.encode(), "old").data
    new = parse_yaml(text.encode(), "new").data
    assert {k: v for k, v in new.items() if k != "sources"} == {k: v for k, v in old.items() if k != "sources"}
    assert new["sources"][0] == old["sources"][0]
    assert [s["article"] for s in new["sources"]] == ["reviewed_source", "art_a"]
    conflicts = [p for p in result.problems if p.code == "extract-conflict"]
    assert len(conflicts) == 1
    assert conflicts[0].severity == "warning"
    assert conflicts[0].location.path.endswith("2023-11-22-iq-strike.yaml")
    assert conflicts[0].location.line == 16  # killed: 7
    assert "casualties.killed" in conflicts[0].message
    # a rerun adds nothing more, and the record is neither deleted nor rewritten
    again = update_records([articles], data)
    assert reviewed.read_text(encoding="utf-8") == text
    assert reviewed not in again.written


def test_bad_article_does_not_stop_the_run(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    articles = _articles(tmp_path, art_a=FIRST)
    (articles / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    result = update_records([articles], data)
    assert [p.code for p in result.problems] == ["article-binary"]
    assert (data / "events" / "2023" / "2023-11-23-ain-al-asad-attack.yaml").is_file()


def test_out_folder_without_reference_uses_the_repository_reference(tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    report = tmp_path / "elsewhere" / "report.txt"
    report.parent.mkdir()
    report.write_text(f"---\nurl: https://example.org/report\ntitle: Drones hit Ain al-Asad\n---\n{FIRST}")
    result = update_records([report], out)
    assert result.problems == []
    record = parse_yaml((out / "events" / "2023" / "2023-11-23-ain-al-asad-attack.yaml").read_bytes(), "x").data
    # The project does not keep this article: it is cited by its link and title, and never quoted.
    (source,) = record["sources"]
    assert (source["article"], source["url"], source["title"]) == (
        None,
        "https://example.org/report",
        "Drones hit Ain al-Asad",
    )
    assert "quote" not in source


def test_an_article_without_a_link_that_the_project_does_not_keep_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    report = tmp_path / "elsewhere" / "report.txt"
    report.parent.mkdir()
    report.write_text(FIRST)
    result = update_records([report], out)
    assert result.written == []
    assert {p.code for p in result.problems} == {"source-without-link"}
    assert not out.exists()


def test_a_draft_of_a_site_the_reviewer_named_joins_the_record_that_cites_its_article(tmp_path: Path) -> None:
    """The article leaves the site unnamed; the reviewed record names it and cites the article: no new draft."""
    data = _data_dir(tmp_path)
    articles = _articles(
        tmp_path, art_a=" date 2023-11-24 Rockets were fired at a base in eastern Syria on Thursday.\n"
    )
    record = data / "events" / "2023" / "2023-11-23-green-village-attack.yaml"
    record.parent.mkdir(parents=True)
    text = REVIEWED.replace("2023-11-22-iq-strike", "2023-11-23-green-village-attack").replace(
        "date: 2023-11-22", "date: 2023-11-23"
    )
    text = text.replace("type: strike", "type: attack").replace(
        "base: null\n  country: IQ", "base: green-village\n  country: SY"
    )
    text = text.replace("targets: [kataib-hezbollah]", "targets: []").replace("killed: 7", "killed: null")
    text = text.replace("reviewed_source", "art_a")
    record.write_text(text, encoding="utf-8")
    result = update_records([articles], data)
    assert result.written == [], [p.render() for p in result.problems]
    assert sorted(p.name for p in (data / "events" / "2023").iterdir()) == ["2023-11-23-green-village-attack.yaml"]
