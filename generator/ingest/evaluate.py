"""Score extraction against gold annotations: precision, recall and F1 per record kind, how often the
attributes of matched incidents are right, and every error sorted into a kind (date off by a day,
wrong base, merged incidents, missed tally, ...), so progress can be measured kind by kind.

Texts and gold annotations are found either side by side (a corpus folder of `<id>.txt` with
`<id>.yaml` beside each) or in two folders (`--texts DIR --gold DIR`), optionally narrowed to one
split of a manifest (`--manifest FILE --split tune`). Each article is extracted on its own (no
merging across articles) and compared with its gold file. Incidents match on (date, base or
country); a base outside the shared vocabulary counts as an unnamed site in its country. Strikes
match on (date, country), tallies on (as_of, attacks).
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
KINDS = ("incidents", "strikes", "tallies")
SPLITS = ("tune", "test")

# The kinds of error, in the order they are reported, with what each means.
ERROR_KINDS = {
    "incident date off by one day": "the incident was found at its site, a day early or late",
    "incident date wrong": "the incident was found at its site, more than a day off",
    "wrong base": "the incident was found that day in its country, at another named base",
    "base not named": "the incident was found that day in its country, without the base the gold names",
    "base where none is named": "the incident was given a base the gold does not name",
    "merged incidents": "two or more gold incidents of one day (or one site) came out as fewer drafts",
    "missed incident": "no draft for a gold incident",
    "spurious incident": "a draft incident the gold does not have",
    "split incident": "one gold incident came out as two drafts (the second is counted here)",
    "strike date off by one day": "the strike was found in its country, a day early or late",
    "merged strikes": "two or more gold strikes came out as fewer drafts",
    "missed strike": "no draft for a gold strike",
    "spurious strike": "a draft strike the gold does not have",
    "tally date wrong": "the count was found, with another as_of",
    "tally count wrong": "a count was found for that day, with another number",
    "missed tally": "no draft for a gold tally",
    "spurious tally": "a draft tally the gold does not have (a monitor's count, a partial count, ...)",
    "weapons wrong": "a matched incident's weapons differ",
    "claim missed": "the gold names a claimant the draft lacks",
    "claim spurious": "the draft names a claimant the gold does not (blame, or a claim of another attack)",
    "casualties wrong": "a matched incident's U.S. killed or injured differ",
    "intercepted wrong": "a matched incident's outcome differs (hit, intercepted, unknown)",
}


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
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    attribute_right: Counter[str] = field(default_factory=Counter)
    attribute_total: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in ERROR_KINDS})
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

    def error_counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.errors.items() if items}

    def render(self, details: bool = True, only: str | None = None) -> str:
        """The tables and error counts; with `details`, every error listed under its kind (only one kind's
        errors when `only` names it)."""
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
        counts = self.error_counts()
        lines += ["", f"Errors by kind ({sum(counts.values())}):"]
        lines += [f"  {kind:<30}{count:>4}" for kind, count in counts.items()] or ["  none"]
        if details or only:
            for kind, items in self.errors.items():
                if items and (only is None or kind == only):
                    lines += ["", f"{kind} ({len(items)}): {ERROR_KINDS[kind]}"] + [f"  {item}" for item in items]
        return "\n".join(lines)


def load_lexicon(reference_dir: Path | None = None) -> tuple[Lexicon, list[Problem]]:
    files, problems = load_reference(reference_dir or REPO_DATA / "reference")
    return Lexicon.from_reference(reference_of(files)), list(problems)


def evaluate_corpus(
    corpus_dir: Path, reference_dir: Path | None = None, campaign_start: dt.date = DEFAULT_CAMPAIGN_START
) -> Evaluation:
    """Every `<id>.txt` under the folder that has its gold `<id>.yaml` beside it."""
    corpus_dir = Path(corpus_dir)
    texts = sorted(p for p in corpus_dir.rglob("*.txt") if p.with_suffix(".yaml").is_file())
    pairs = [(text, text.with_suffix(".yaml")) for text in texts]
    return _evaluate(pairs, _vocabulary_bases(corpus_dir), reference_dir, campaign_start)


def evaluate_folders(
    texts_dir: Path,
    gold_dir: Path,
    manifest: Path | None = None,
    split: str | None = None,
    reference_dir: Path | None = None,
    campaign_start: dt.date = DEFAULT_CAMPAIGN_START,
) -> Evaluation:
    """Texts `<id>.txt` in one folder, gold `<id>.yaml` in another; with a manifest, only the ids of one split.

    A gold file without its text, or a manifest entry without either, is reported, not skipped silently.
    """
    texts_dir, gold_dir = Path(texts_dir), Path(gold_dir)
    problems: list[Problem] = []
    wanted = read_manifest(manifest, split, problems) if manifest is not None else None
    ids = sorted(p.stem for p in gold_dir.glob("*.yaml")) if wanted is None else sorted(wanted)
    pairs = []
    for article_id in ids:
        text, gold = texts_dir / f"{article_id}.txt", gold_dir / f"{article_id}.yaml"
        missing = [p for p in (text, gold) if not p.is_file()]
        if missing:
            message = f"no {' and no '.join(p.as_posix() for p in missing)}; article left out"
            problems.append(Problem(Location(missing[0].as_posix()), "gold-unreadable", message))
            continue
        pairs.append((text, gold))
    vocabulary = _vocabulary_bases(gold_dir) or _vocabulary_bases(Path(__file__).resolve().parents[2] / "tests")
    evaluation = _evaluate(pairs, vocabulary, reference_dir, campaign_start)
    evaluation.problems[:0] = problems
    return evaluation


def read_manifest(manifest: Path, split: str | None, problems: list[Problem]) -> set[str]:
    """Ids of the manifest's articles (a list of entries with `id` and `split`), of one split when given."""
    parsed = read_yaml_file(manifest, manifest.as_posix())
    problems.extend(parsed.problems)
    data = parsed.data
    entries = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        problems.append(Problem(Location(manifest.as_posix()), "gold-unreadable", "manifest is not a list of entries"))
        return set()
    return {
        str(e["id"])
        for e in entries
        if isinstance(e, dict) and e.get("id") and (split is None or str(e.get("split")) == split)
    }


def _evaluate(
    pairs: list[tuple[Path, Path]],
    vocabulary: set[str] | None,
    reference_dir: Path | None,
    campaign_start: dt.date,
) -> Evaluation:
    lexicon, problems = load_lexicon(reference_dir)
    evaluation = Evaluation(problems=problems)
    gold_of = {text: gold for text, gold in pairs}
    articles, article_problems = load_articles([text for text, _ in pairs], campaign_start)
    evaluation.problems.extend(article_problems)
    for article in articles:
        gold_path = gold_of[article.path]
        gold = read_yaml_file(gold_path, gold_path.as_posix())
        if not isinstance(gold.data, dict):
            evaluation.problems.append(Problem(Location(gold_path.as_posix()), "gold-unreadable", "bad gold file"))
            continue
        evaluation.articles += 1
        drafts = extract_drafts(article, lexicon, campaign_start)
        compare(article.id, drafts, gold.data, vocabulary, evaluation)
    return evaluation


def _vocabulary_bases(corpus_dir: Path) -> set[str] | None:
    """Base ids of the shared vocabulary, looked for beside the corpus and in ../spec; None: take any base."""
    for folder in (corpus_dir, *corpus_dir.parents[:2]):
        for candidate in (
            folder / "vocabulary.yaml",
            folder / "spec" / "vocabulary.yaml",
            folder / "corpus" / "vocabulary.yaml",
        ):
            if candidate.is_file():
                data = read_yaml_file(candidate, candidate.as_posix()).data
                if isinstance(data, dict) and isinstance(data.get("bases"), list):
                    return {str(b.get("id")) for b in data["bases"] if isinstance(b, dict)}
    return None


def _site(base: Any, country: Any, vocabulary: set[str] | None) -> tuple[str, str]:
    if base and (vocabulary is None or base in vocabulary):
        return ("base", str(base))
    return ("country", str(country))


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def compare(
    article: str, drafts: list[dict[str, Any]], gold: dict[str, Any], vocabulary: set[str] | None, out: Evaluation
) -> None:
    """Score one article's drafts against its gold annotation, and sort each error into its kind."""
    attacks = [d for d in drafts if d.get("type") == "attack"]
    strikes = [d for d in drafts if d.get("type") == "strike"]
    tallies = [d for d in drafts if "as_of" in d]
    gold_incidents = [g for g in gold.get("incidents") or [] if isinstance(g, dict)]
    found = [(str(d["date"]), _site(d["location"].get("base"), d["location"]["country"], vocabulary)) for d in attacks]
    wanted = [(str(g["date"]), _site(g.get("base"), g.get("country"), vocabulary)) for g in gold_incidents]
    countries = [d["location"]["country"] for d in attacks], [str(g.get("country")) for g in gold_incidents]
    pairs, extra, missed = _match(found, wanted, out.scores["incidents"])
    for p_index, g_index in pairs:
        _attributes(article, attacks[p_index], gold_incidents[g_index], out)
    _incident_errors(article, found, wanted, countries, pairs, extra, missed, out)
    found_strikes = [(str(d["date"]), d["location"]["country"]) for d in strikes]
    gold_strikes = [(str(g["date"]), g["country"]) for g in gold.get("strikes") or [] if isinstance(g, dict)]
    pairs, extra, missed = _match(found_strikes, gold_strikes, out.scores["strikes"])
    _strike_errors(article, found_strikes, gold_strikes, pairs, extra, missed, out)
    found_tallies = [(str(d["as_of"]), d["attacks"]) for d in tallies]
    gold_tallies = [(str(g["as_of"]), g["attacks"]) for g in gold.get("tallies") or [] if isinstance(g, dict)]
    pairs, extra, missed = _match(found_tallies, gold_tallies, out.scores["tallies"])
    _tally_errors(article, found_tallies, gold_tallies, extra, missed, out)


def _match(predicted: list[Any], gold: list[Any], score: Score) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair equal keys one to one (a key may occur several times: two unnamed sites on one day); the pairs,
    and the predicted and gold items left over."""
    pairs: list[tuple[int, int]] = []
    free = list(range(len(gold)))
    extra: list[int] = []
    for p_index, key in enumerate(predicted):
        g_index = next((g for g in free if gold[g] == key), None)
        if g_index is None:
            extra.append(p_index)
        else:
            free.remove(g_index)
            pairs.append((p_index, g_index))
    score.predicted += len(predicted)
    score.gold += len(gold)
    score.true_positive += len(pairs)
    return pairs, extra, free


def _pair_off(
    extra: list[int], missed: list[int], close: Any, kind: str, describe: Any, out: Evaluation, article: str
) -> None:
    """Pair leftover predicted and gold items that `close(p, g)` says are the same event, and file them as `kind`."""
    for g_index in list(missed):
        p_index = next((p for p in extra if close(p, g_index)), None)
        if p_index is not None:
            extra.remove(p_index)
            missed.remove(g_index)
            out.errors[kind].append(f"{article}: {describe(p_index, g_index)}")


def _incident_errors(
    article: str,
    found: list[tuple[str, tuple[str, str]]],
    wanted: list[tuple[str, tuple[str, str]]],
    countries: tuple[list[str], list[str]],
    pairs: list[tuple[int, int]],
    extra: list[int],
    missed: list[int],
    out: Evaluation,
) -> None:
    def gap(p: int, g: int) -> int:
        a, b = _day(found[p][0]), _day(wanted[g][0])
        return abs((a - b).days) if a and b else 99

    def same_site(p: int, g: int) -> bool:
        return found[p][1] == wanted[g][1]

    def same_day_country(p: int, g: int) -> bool:
        return found[p][0] == wanted[g][0] and countries[0][p] == countries[1][g]

    def show(p: int, g: int) -> str:
        return f"found {found[p][0]} {found[p][1][1]}, gold {wanted[g][0]} {wanted[g][1][1]}"

    def off_by(days: int) -> Any:
        return lambda p, g: same_site(p, g) and 0 < gap(p, g) <= days

    _pair_off(extra, missed, off_by(1), "incident date off by one day", show, out, article)
    _pair_off(extra, missed, off_by(7), "incident date wrong", show, out, article)

    def base_kind(p: int, g: int) -> str:
        if found[p][1][0] == "base" and wanted[g][1][0] == "base":
            return "wrong base"
        return "base not named" if wanted[g][1][0] == "base" else "base where none is named"

    for kind in ("wrong base", "base not named", "base where none is named"):
        same = lambda p, g, k=kind: same_day_country(p, g) and base_kind(p, g) == k  # noqa: E731
        _pair_off(extra, missed, same, kind, show, out, article)
    matched = [p for p, _ in pairs]
    for g_index in list(missed):
        day, site = wanted[g_index]
        same_day = [p for p in matched if found[p][0] == day and countries[0][p] == countries[1][g_index]]
        same_place = [p for p in matched if found[p][1] == site]
        if same_day or same_place:
            missed.remove(g_index)
            what = f"gold {day} {site[1]}, folded into found {found[(same_day or same_place)[0]][0]}"
            out.errors["merged incidents"].append(f"{article}: {what} {found[(same_day or same_place)[0]][1][1]}")
    out.errors["missed incident"] += [f"{article}: gold {wanted[g][0]} {wanted[g][1][1]}" for g in missed]
    for p_index in extra:
        kind = "split incident" if found[p_index] in (found[p] for p in matched) else "spurious incident"
        out.errors[kind].append(f"{article}: found {found[p_index][0]} {found[p_index][1][1]}")


def _strike_errors(
    article: str,
    found: list[tuple[str, str]],
    wanted: list[tuple[str, str]],
    pairs: list[tuple[int, int]],
    extra: list[int],
    missed: list[int],
    out: Evaluation,
) -> None:
    def close(p: int, g: int) -> bool:
        a, b = _day(found[p][0]), _day(wanted[g][0])
        return found[p][1] == wanted[g][1] and a is not None and b is not None and abs((a - b).days) == 1

    def show(p: int, g: int) -> str:
        return f"found {_text(found[p])}, gold {_text(wanted[g])}"

    _pair_off(extra, missed, close, "strike date off by one day", show, out, article)
    matched = [found[p] for p, _ in pairs]
    for g_index in list(missed):
        if wanted[g_index] in matched:  # two gold strikes (two places) on one day in one country
            missed.remove(g_index)
            out.errors["merged strikes"].append(f"{article}: gold {_text(wanted[g_index])}")
    out.errors["missed strike"] += [f"{article}: gold {_text(wanted[g])}" for g in missed]
    out.errors["spurious strike"] += [f"{article}: found {_text(found[p])}" for p in extra]


def _text(key: tuple[Any, ...]) -> str:
    return " ".join(str(part) for part in key)


def _tally_errors(
    article: str,
    found: list[tuple[str, Any]],
    wanted: list[tuple[str, Any]],
    extra: list[int],
    missed: list[int],
    out: Evaluation,
) -> None:
    def show(p: int, g: int) -> str:
        return f"found {found[p][1]} as of {found[p][0]}, gold {wanted[g][1]} as of {wanted[g][0]}"

    _pair_off(extra, missed, lambda p, g: found[p][1] == wanted[g][1], "tally date wrong", show, out, article)
    _pair_off(extra, missed, lambda p, g: found[p][0] == wanted[g][0], "tally count wrong", show, out, article)
    out.errors["missed tally"] += [f"{article}: gold {wanted[g][1]} as of {wanted[g][0]}" for g in missed]
    out.errors["spurious tally"] += [f"{article}: found {found[p][1]} as of {found[p][0]}" for p in extra]


def _attributes(article: str, draft: dict[str, Any], gold: dict[str, Any], out: Evaluation) -> None:
    out.attribute_total += 1
    casualties = draft.get("casualties") or {}
    found_claims, gold_claims = sorted(draft.get("claimed_by") or []), sorted(gold.get("claimed_by") or [])
    checks = {
        "weapons": (sorted(draft.get("weapons") or []), sorted(gold.get("weapons") or [])),
        "claimed_by": (found_claims, gold_claims),
        "casualties": (
            (casualties.get("us_killed"), casualties.get("us_injured")),
            (gold.get("us_killed"), gold.get("us_injured")),
        ),
        "intercepted": (draft.get("intercepted"), gold.get("intercepted")),
    }
    where = f"{draft['date']} {draft['location'].get('base') or draft['location']['country']}"
    for name, (found, expected) in checks.items():
        if found == expected:
            out.attribute_right[name] += 1
            continue
        message = f"{article}: {where}: found {found}, gold {expected}"
        if name == "claimed_by":
            if set(gold_claims) - set(found_claims):
                out.errors["claim missed"].append(message)
            if set(found_claims) - set(gold_claims):
                out.errors["claim spurious"].append(message)
        else:
            out.errors[f"{name} wrong"].append(message)
