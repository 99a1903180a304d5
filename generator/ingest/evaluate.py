"""Score extraction against gold annotations: precision, recall and F1 per record kind, and how
often the attributes of matched incidents are right.

Each article with a gold `<id>.yaml` beside it is extracted on its own (no merging across
articles) and compared with its gold file. Incidents match on (date, base or country); a base
outside the shared vocabulary counts as an unnamed site in its country. Strikes match on
(date, country), tallies on (as_of, attacks).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.config import DEFAULT_CAMPAIGN_START
from generator.core.files import read_yaml_file
from generator.core.problems import Location, Problem
from generator.dataset.load import load_reference, reference_of
from generator.ingest.articles import load_articles
from generator.ingest.extract import extract_drafts
from generator.ingest.rules.names import Lexicon

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
ATTRIBUTES = ("weapons", "claimed_by", "casualties", "intercepted")


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    articles: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ("incidents", "strikes", "tallies")})
    attribute_right: Counter[str] = field(default_factory=Counter)
    attribute_total: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_attributes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def incident_f1(self) -> float:
        return self.scores["incidents"].f1

    @property
    def strike_f1(self) -> float:
        return self.scores["strikes"].f1

    @property
    def tally_f1(self) -> float:
        return self.scores["tallies"].f1

    def attribute_accuracy(self, name: str) -> float:
        return self.attribute_right[name] / self.attribute_total if self.attribute_total else 1.0

    def render(self) -> str:
        lines = [f"Evaluated {self.articles} articles with gold annotations.", ""]
        lines.append(f"{'kind':<12}{'gold':>6}{'found':>7}{'match':>7}{'precision':>11}{'recall':>8}{'F1':>7}")
        for kind, score in self.scores.items():
            lines.append(
                f"{kind:<12}{score.gold:>6}{score.predicted:>7}{score.true_positive:>7}"
                f"{score.precision:>11.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
            )
        lines += ["", f"Attributes of {self.attribute_total} matched incidents:"]
        for name in ATTRIBUTES:
            right = self.attribute_right[name]
            lines.append(f"  {name:<12}{right:>4}/{self.attribute_total:<4} {self.attribute_accuracy(name):.3f}")
        for title, items in (
            ("Missed", self.misses),
            ("Spurious", self.spurious),
            ("Wrong attributes", self.wrong_attributes),
        ):
            lines += ["", f"{title} ({len(items)}):"] + [f"  {item}" for item in items or ["none"]]
        return "\n".join(lines)


def evaluate_corpus(
    corpus_dir: Path, reference_dir: Path | None = None, campaign_start: dt.date = DEFAULT_CAMPAIGN_START
) -> Evaluation:
    corpus_dir = Path(corpus_dir)
    files, problems = load_reference(reference_dir or REPO_DATA / "reference")
    lexicon = Lexicon.from_reference(reference_of(files))
    vocabulary = _vocabulary_bases(corpus_dir)
    evaluation = Evaluation(problems=list(problems))
    texts = sorted(p for p in corpus_dir.rglob("*.txt") if p.with_suffix(".yaml").is_file())
    articles, article_problems = load_articles(texts, campaign_start)
    evaluation.problems.extend(article_problems)
    for article in articles:
        gold_path = article.path.with_suffix(".yaml")
        gold = read_yaml_file(gold_path, gold_path.as_posix())
        if not isinstance(gold.data, dict):
            evaluation.problems.append(Problem(Location(article.path.as_posix()), "gold-unreadable", "bad gold file"))
            continue
        evaluation.articles += 1
        drafts = extract_drafts(article, lexicon, campaign_start)
        _compare(article.id, drafts, gold.data, vocabulary, evaluation)
    return evaluation


def _vocabulary_bases(corpus_dir: Path) -> set[str] | None:
    """Base ids of the shared vocabulary, looked for beside the corpus and in ../spec; None: take any base."""
    for folder in (corpus_dir, *corpus_dir.parents[:2]):
        for candidate in (folder / "vocabulary.yaml", folder / "spec" / "vocabulary.yaml"):
            if candidate.is_file():
                data = read_yaml_file(candidate, candidate.as_posix()).data
                if isinstance(data, dict) and isinstance(data.get("bases"), list):
                    return {str(b.get("id")) for b in data["bases"] if isinstance(b, dict)}
    return None


def _site(base: Any, country: Any, vocabulary: set[str] | None) -> tuple[str, str]:
    if base and (vocabulary is None or base in vocabulary):
        return ("base", str(base))
    return ("country", str(country))


def _compare(
    article: str, drafts: list[dict[str, Any]], gold: dict[str, Any], vocabulary: set[str] | None, out: Evaluation
) -> None:
    attacks = [d for d in drafts if d.get("type") == "attack"]
    strikes = [d for d in drafts if d.get("type") == "strike"]
    tallies = [d for d in drafts if "as_of" in d]
    gold_incidents = [g for g in gold.get("incidents") or [] if isinstance(g, dict)]
    predicted_keys = [
        (str(d["date"]), _site(d["location"].get("base"), d["location"]["country"], vocabulary)) for d in attacks
    ]
    gold_keys = [(str(g["date"]), _site(g.get("base"), g.get("country"), vocabulary)) for g in gold_incidents]
    pairs = _match(article, "incident", predicted_keys, gold_keys, out.scores["incidents"], out)
    for p_index, g_index in pairs:
        _attributes(article, attacks[p_index], gold_incidents[g_index], out)
    strike_keys = [(str(d["date"]), d["location"]["country"]) for d in strikes]
    gold_strikes = [(str(g["date"]), g["country"]) for g in gold.get("strikes") or [] if isinstance(g, dict)]
    _match(article, "strike", strike_keys, gold_strikes, out.scores["strikes"], out)
    tally_keys = [(str(d["as_of"]), d["attacks"]) for d in tallies]
    gold_tallies = [(str(g["as_of"]), g["attacks"]) for g in gold.get("tallies") or [] if isinstance(g, dict)]
    _match(article, "tally", tally_keys, gold_tallies, out.scores["tallies"], out)


def _match(
    article: str, kind: str, predicted: list[Any], gold: list[Any], score: Score, out: Evaluation
) -> list[tuple[int, int]]:
    """Pair equal keys one to one (a key may occur several times: two unnamed sites on one day)."""
    pairs: list[tuple[int, int]] = []
    free = list(range(len(gold)))
    for p_index, key in enumerate(predicted):
        g_index = next((g for g in free if gold[g] == key), None)
        if g_index is None:
            out.spurious.append(f"{article}: {kind} {_show(key)}")
        else:
            free.remove(g_index)
            pairs.append((p_index, g_index))
    out.misses.extend(f"{article}: {kind} {_show(gold[g])}" for g in free)
    score.predicted += len(predicted)
    score.gold += len(gold)
    score.true_positive += len(pairs)
    return pairs


def _show(key: Any) -> str:
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], tuple):
        return f"{key[0]} {key[1][1]}"
    return " ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def _attributes(article: str, draft: dict[str, Any], gold: dict[str, Any], out: Evaluation) -> None:
    out.attribute_total += 1
    casualties = draft.get("casualties") or {}
    checks = {
        "weapons": (sorted(draft.get("weapons") or []), sorted(gold.get("weapons") or [])),
        "claimed_by": (sorted(draft.get("claimed_by") or []), sorted(gold.get("claimed_by") or [])),
        "casualties": (
            (casualties.get("us_killed"), casualties.get("us_injured")),
            (gold.get("us_killed"), gold.get("us_injured")),
        ),
        "intercepted": (draft.get("intercepted"), gold.get("intercepted")),
    }
    for name, (found, expected) in checks.items():
        if found == expected:
            out.attribute_right[name] += 1
        else:
            where = f"{draft['date']} {draft['location'].get('base') or draft['location']['country']}"
            out.wrong_attributes.append(f"{article}: {where} {name}: found {found}, gold {expected}")
