"""The extractor's precision and recall on real reporting, from the review log data/extraction-review.yaml.

A person reviews every draft the extractor made from an article: accepted as it was, accepted after
correcting some fields, or spurious (not an event of the campaign); and lists the events the
extractor missed. From that:

    precision = (accepted + corrected) / drafts
    recall    = (accepted + corrected) / (accepted + corrected + missed)

The log is data written by people, so its shape is checked here: an entry that is not what the format
says is left out of the figures and counted as skipped, never guessed at. `accepted` and `drafts` may
be a number or a mapping {kind: number}; only with the mapping can accepted drafts be counted by kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

KINDS = ("incident", "strike", "tally")
SPLITS = ("tune", "test")


@dataclass
class Counts:
    drafts: int = 0
    accepted: int = 0
    corrected: int = 0
    missed: int = 0
    spurious: int = 0
    known: bool = True  # False when accepted drafts of this kind cannot be counted (given as one number)

    @property
    def precision(self) -> float | None:
        return (self.accepted + self.corrected) / self.drafts if self.drafts and self.known else None

    @property
    def recall(self) -> float | None:
        found = self.accepted + self.corrected
        return found / (found + self.missed) if found + self.missed and self.known else None


@dataclass
class Summary:
    extractor: str
    reviewed: str
    articles: int
    outlets: list[str]  # most reviewed first
    overall: Counts
    by_split: dict[str, Counts]
    by_kind: dict[str, Counts]
    articles_by_split: dict[str, int]
    corrected_fields: list[tuple[str, int]]
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _by_kind(value: Any) -> tuple[int | None, dict[str, int] | None]:
    """A number, or a mapping {kind: number}: (total, per kind or None)."""
    if isinstance(value, dict):
        counts = {str(k): _count(v) for k, v in value.items()}
        if any(v is None for v in counts.values()) or not set(counts) <= set(KINDS):
            return None, None
        clean = {k: v for k, v in counts.items() if v is not None}
        return sum(clean.values()), clean
    return _count(value), None


def _entries(value: Any) -> list[dict[str, Any]] | None:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) and v.get("kind") in KINDS for v in value):
        return None
    return value


def review_summary(log: Any) -> Summary | None:
    """The figures the methodology page shows, or None when there is no usable log."""
    if not isinstance(log, dict) or not isinstance(log.get("articles"), list):
        return None
    overall = Counts()
    by_split = {split: Counts() for split in SPLITS}
    by_kind = {kind: Counts() for kind in KINDS}
    fields: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    articles_by_split: Counter[str] = Counter()
    skipped = 0
    for article in log["articles"]:
        parsed = _article(article)
        if parsed is None:
            skipped += 1
            continue
        split, drafts, accepted, accepted_by_kind, corrected, missed, spurious = parsed
        articles_by_split[split] += 1
        if isinstance(article.get("outlet"), str):
            outlets[article["outlet"]] += 1
        for tally in (overall, by_split[split]):
            tally.drafts += drafts
            tally.accepted += accepted
            tally.corrected += len(corrected)
            tally.missed += len(missed)
            tally.spurious += len(spurious)
        for entry in corrected:
            by_kind[entry["kind"]].corrected += 1
            fields.update(str(f) for f in entry.get("fields") or [] if isinstance(f, str))
        for entry in missed:
            by_kind[entry["kind"]].missed += 1
        for entry in spurious:
            by_kind[entry["kind"]].spurious += 1
        if accepted_by_kind is None:
            for tally in by_kind.values():
                tally.known = False
        else:
            for kind, n in accepted_by_kind.items():
                by_kind[kind].accepted += n
    for kind, tally in by_kind.items():
        tally.drafts = tally.accepted + tally.corrected + tally.spurious
        if not tally.known:
            tally.drafts = 0
        by_kind[kind] = tally
    return Summary(
        extractor=str(log.get("extractor") or "not stated"),
        reviewed=str(log.get("reviewed") or "not stated"),
        articles=sum(articles_by_split.values()),
        outlets=[name for name, _n in sorted(outlets.items(), key=lambda item: (-item[1], item[0]))],
        overall=overall,
        by_split=by_split,
        by_kind=by_kind,
        articles_by_split={s: articles_by_split[s] for s in SPLITS},
        corrected_fields=sorted(fields.items(), key=lambda item: (-item[1], item[0])),
        skipped=skipped,
    )


def _article(article: Any) -> tuple[str, int, int, dict[str, int] | None, list[Any], list[Any], list[Any]] | None:
    if not isinstance(article, dict) or article.get("split") not in SPLITS:
        return None
    drafts, _drafts_by_kind = _by_kind(article.get("drafts"))
    accepted, accepted_by_kind = _by_kind(article.get("accepted", 0))
    corrected = _entries(article.get("corrected"))
    missed = _entries(article.get("missed"))
    spurious = _entries(article.get("spurious"))
    if drafts is None or accepted is None or corrected is None or missed is None or spurious is None:
        return None
    return article["split"], drafts, accepted, accepted_by_kind, corrected, missed, spurious


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"
