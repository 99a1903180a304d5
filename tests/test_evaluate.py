"""The extractor meets its targets on the corpus (seeds + dev), and the evaluation report is readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.evaluate import Evaluation, evaluate_corpus

CORPUS = Path(__file__).parent / "corpus"


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
    assert "Missed" in text and "Spurious" in text


def test_cli_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    assert main(["evaluate", str(CORPUS)]) == 0
    assert "incidents" in capsys.readouterr().out
