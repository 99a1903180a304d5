"""The extractor meets its targets on the project's own corpus (seeds + dev), and the evaluation reads texts
and gold from separate folders, narrows to a manifest's split, and sorts every error into its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.evaluate import ERROR_KINDS, Evaluation, evaluate_corpus, evaluate_folders

CORPUS = Path(__file__).parent / "corpus"

# Written for this test: 2024-01-10 is a Wednesday.
ARTICLE = """---
date: 2024-01-10
outlet: Test Wire
---
A drone attacked Ain al-Asad air base in Iraq on Tuesday and was shot down, officials said on Wednesday.
Rockets hit Erbil air base on Monday, wounding two U.S. troops.
U.S. jets struck a weapons depot of Kataib Hezbollah in Syria on Tuesday.
U.S. forces have been attacked 120 times since October 17, the Pentagon said on Wednesday.
"""
GOLD = """article: a1
published: 2024-01-10
incidents:
  - {date: 2024-01-08, base: ain-al-asad, country: IQ, weapons: [drone], claimed_by: [], us_killed: null,
     us_injured: null, intercepted: true}
  - {date: 2024-01-08, base: erbil-air-base, country: IQ, weapons: [rocket], claimed_by: [kataib-hezbollah],
     us_killed: 0, us_injured: 2, intercepted: false}
  - {date: 2024-01-09, base: al-tanf, country: SY, weapons: [drone], claimed_by: [], us_killed: null,
     us_injured: null, intercepted: null}
strikes:
  - {date: 2024-01-08, country: SY, place: null, target_actors: [kataib-hezbollah], killed: null}
tallies:
  - {as_of: 2024-01-09, attacks: 120, since: 2023-10-17, iraq: null, syria: null, injured: null}
"""


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate_corpus(CORPUS)


def test_corpus_is_complete(evaluation: Evaluation) -> None:
    assert evaluation.articles == 25
    assert evaluation.problems == []


def test_targets(evaluation: Evaluation) -> None:
    assert evaluation.incident_f1 >= 0.95
    assert evaluation.strike_f1 >= 0.90
    assert evaluation.tally_f1 >= 0.95
    for name in ("weapons", "claimed_by", "casualties", "intercepted"):
        assert evaluation.attribute_accuracy(name) >= 0.90, name


def test_render_is_a_summary_table(evaluation: Evaluation) -> None:
    text = evaluation.render()
    assert "precision" in text and "recall" in text and "F1" in text
    assert "incidents" in text and "strikes" in text and "tallies" in text
    assert "Errors by kind" in text


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    (texts / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (gold / "a1.yaml").write_text(GOLD, encoding="utf-8")
    (texts / "a2.txt").write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    (gold / "a2.yaml").write_text(GOLD.replace("a1", "a2"), encoding="utf-8")
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text("- {id: a1, split: tune}\n- {id: a2, split: test}\n", encoding="utf-8")
    return texts, gold, manifest


def test_errors_are_sorted_by_kind(folders: tuple[Path, Path, Path]) -> None:
    texts, gold, manifest = folders
    evaluation = evaluate_folders(texts, gold, manifest, "tune")
    assert evaluation.articles == 1 and evaluation.problems == []
    counts = evaluation.error_counts()
    assert counts == {
        "incident date off by one day": 1,  # Ain al-Asad: Tuesday in the text, Monday in this gold
        "missed incident": 1,  # al-Tanf is not in the text
        "strike date off by one day": 1,
        "tally date wrong": 1,
        "claim missed": 1,
    }
    assert set(counts) <= set(ERROR_KINDS)
    assert evaluation.errors["tally date wrong"] == ["a1: found 120 as of 2024-01-10, gold 120 as of 2024-01-09"]
    text = evaluation.render()
    assert "incident date off by one day" in text and "a1: found 2024-01-09 ain-al-asad" in text


def test_a_gold_strike_without_a_country_is_a_miss_not_a_crash(folders: tuple[Path, Path, Path]) -> None:
    texts, gold, _ = folders
    (gold / "a1.yaml").write_text(GOLD.replace("{date: 2024-01-08, country: SY,", "{date: 2024-01-05, country: null,"))
    evaluation = evaluate_folders(texts, gold)
    assert "a1: gold 2024-01-05 None" in evaluation.errors["missed strike"]


def test_all_articles_without_a_manifest(folders: tuple[Path, Path, Path]) -> None:
    texts, gold, _ = folders
    assert evaluate_folders(texts, gold).articles == 2


def test_a_gold_file_without_its_text_is_reported(folders: tuple[Path, Path, Path]) -> None:
    texts, gold, manifest = folders
    (texts / "a2.txt").unlink()
    evaluation = evaluate_folders(texts, gold, manifest, "test")
    assert evaluation.articles == 0
    assert [p.code for p in evaluation.problems] == ["gold-unreadable"]


def test_cli_exits_zero(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path, Path]) -> None:
    from generator.cli import main

    assert main(["evaluate", str(CORPUS), "--summary"]) == 0
    assert "incidents" in capsys.readouterr().out
    texts, gold, manifest = folders
    args = ["evaluate", "--texts", str(texts), "--gold", str(gold), "--manifest", str(manifest), "--split", "test"]
    assert main(args) == 0
    assert "Evaluated 1 articles" in capsys.readouterr().out
    assert main(["evaluate", "--texts", str(texts)]) == 2
    assert main(["evaluate", str(CORPUS), "--split", "tune"]) == 2


def test_cli_lists_the_errors_of_one_kind(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path, Path]) -> None:
    from generator.cli import main

    texts, gold, manifest = folders
    args = ["evaluate", "--texts", str(texts), "--gold", str(gold), "--manifest", str(manifest), "--split", "tune"]
    assert main([*args, "--errors", "missed inc"]) == 0
    out = capsys.readouterr().out
    assert "missed incident (1)" in out and "a1: gold 2024-01-09 al-tanf" in out
    assert "claim missed (1)" not in out  # counted in the table, not listed
    assert main([*args, "--errors", "date"]) == 2  # names several kinds
