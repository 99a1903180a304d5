"""Cue phrases live in one data file (generator/ingest/rules/cues.yaml); the matchers are built from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.ingest.rules import words as cue_words
from generator.ingest.rules.prefilter import derived_needles
from generator.ingest.rules.words import CueFileError, phrase_regex, phrases

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "ingest"


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("shot ~3 down", "shot the two drones down", True),
        ("shot ~3 down", "shot down", True),
        ("shot ~3 down", "shot one of the five drones down", False),
        ("threaten*", "threatened", True),
        ("attack(s|ed|ing)?", "attacking", True),
        ("u.s. military", "u.s. military", True),
        ("u.s. military", "uks military", False),
        ("{NUM} times", "twenty-two times", True),
        ("took place ~6 against", "took place late on monday against", True),
        # a lookahead after a space, then a gap: the lookahead once swallowed the gap's words (the cue never matched)
        ("caused (?!(no|little) )~2 damage", "caused minor damage", True),
        ("caused (?!(no|little) )~2 damage", "caused damage", True),
        ("caused (?!(no|little) )~2 damage", "caused no damage", False),
        ("hit(?! (near|outside))", "hit", True),
    ],
)
def test_the_phrase_notation(phrase: str, text: str, found: bool) -> None:
    assert bool(re.fullmatch(phrase_regex(phrase), text)) is found


def test_every_list_is_used_by_a_rule() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    unused = [
        name
        for name in phrases()
        if not re.search(rf"@{name}\b|[\"']{name}[\"']", source)
    ]  # fmt: skip
    assert unused == []


def test_needles_are_the_literals_every_match_needs() -> None:
    assert derived_needles(r"\b(?:landed|fell|exploded)\s+at\b") == ("fell", "landed", "exploded")
    # the strongest part of a sequence: "attack" is rarer than "on"
    assert derived_needles(r"\battack\s+on\s+the\b") == ("attack",)
    # a shorter needle already covers a longer one; an optional part promises nothing
    assert derived_needles(r"\b(?:injur\w*|injured|wound(?:ed)?)(?:\s+badly)?") == ("injur", "wound")
    assert derived_needles(r"\bsoldiers?\b") == ("soldier",)
    # no needle worth testing: a class, a two-letter word, an optional word
    assert derived_needles(r"\b[a-z]+\s+us\b") == ()
    assert derived_needles(r"\b(?:hit|at)\b") == ()
    assert derived_needles(r"(?:attack)?\d+") == ()


def test_a_broken_cue_file_stops_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("attack_words: [attack, 3]\n", encoding="utf-8")
    monkeypatch.setattr(cue_words, "CUE_FILE", bad)
    cue_words.cue_file.cache_clear()
    cue_words.phrases.cache_clear()
    try:
        with pytest.raises(CueFileError, match="attack_words"):
            phrases()
    finally:
        monkeypatch.undo()
        cue_words.cue_file.cache_clear()
        cue_words.phrases.cache_clear()
    assert "attack_words" in phrases()


def test_a_factored_alternation_matches_as_the_plain_one() -> None:
    # names.factored takes the first characters of the branches out in front; what it matches must not change
    from generator.ingest.rules.names import factored

    branches = ["ain al\\-asad air base", "ain al\\-asad", "al\\-tanf", "al\\-tanf garrison", "al", "erbil", "['’]?x"]
    texts = ["ain al-asad air base", "the ain al-asad base", "al-tanf garrison", "al-tan", "al", "erbil", "x", "'x"]
    plain = re.compile(rf"(?<!\w)(?:{'|'.join(branches)})(?!\w)")
    fast = re.compile(rf"(?<!\w)(?:{factored(branches)})(?!\w)")
    for text in texts:
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)], text
