"""The real-text corpus: reports found with the search tool, kept as a manifest and gold files only.

No article text is committed. tests/realtext/manifest.yaml says for each report how to find it again
(the search query and the rank of the result) and how to check the text (a digest); its gold file
says what a careful reader takes from it. This module rebuilds the texts into a scratch folder from
saved search answers, checks them, assigns the tune/test split, and writes the review log: how the
extractor's drafts of each report compared with what a reviewer accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.files import read_data_file, read_yaml_file
from generator.core.problems import Location, Problem
from generator.core.yamlio import dump_yaml

MAX_RESPONSE_BYTES = 4 * 1024 * 1024
TEST_SHARE = 3  # one article in three is kept for testing


def split_of(url: str) -> str:
    """'test' for one URL in three, 'tune' for the others: fixed by a hash of the URL, never by choice."""
    return "test" if int(hashlib.sha256(url.encode("utf-8")).hexdigest(), 16) % TEST_SHARE == 0 else "tune"


def text_digest(excerpt: str) -> str:
    """The digest that identifies an article's text (trailing whitespace aside)."""
    return hashlib.sha256(excerpt.rstrip().encode("utf-8")).hexdigest()


def normal_url(url: str) -> str:
    """A URL as compared when matching a search result to the manifest: scheme, www. and trailing / aside."""
    text = re.sub(r"^https?://(?:www\.)?", "", url.strip().lower())
    return text.split("#", 1)[0].rstrip("/")


@dataclass
class Manifest:
    entries: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)

    def by_url(self) -> dict[str, dict[str, Any]]:
        return {normal_url(str(e["url"])): e for e in self.entries}

    def queries(self) -> dict[str, list[str]]:
        """Each search query, with the ids of the articles it finds: the look-ups a rebuild needs."""
        found: dict[str, list[str]] = {}
        for entry in self.entries:
            found.setdefault(str(entry["query"]), []).append(str(entry["id"]))
        return dict(sorted(found.items()))


def load_manifest(path: Path) -> Manifest:
    parsed = read_yaml_file(path, path.as_posix())
    data = parsed.data if isinstance(parsed.data, dict) else {}
    entries = [e for e in data.get("articles") or [] if isinstance(e, dict) and e.get("id") and e.get("url")]
    problems = list(parsed.problems)
    if not entries and not problems:
        problems.append(Problem(Location(path.as_posix(), 1), "not-a-list", "the manifest lists no articles"))
    return Manifest(entries, problems)


def article_text(entry: dict[str, Any], excerpt: str) -> str:
    """The scratch file for an article: front matter the extractor reads, then the excerpt as found."""
    front = {"url": entry["url"], "outlet": entry["outlet"], "date": str(entry["published"]), "title": entry["title"]}
    return f"---\n{dump_yaml(front)}---\n{excerpt.rstrip()}\n"


@dataclass
class Rebuild:
    written: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # texts whose digest differs from the manifest's
    missing: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def rebuild_from_responses(manifest: Manifest, responses: Iterable[Path], out: Path) -> Rebuild:
    """Write the texts of the manifest's articles found in saved search answers (the tool's JSON)."""
    result = Rebuild()
    by_url = manifest.by_url()
    found: dict[str, str] = {}
    for path in responses:
        raw, problem = read_data_file(path, path.as_posix(), MAX_RESPONSE_BYTES)
        if raw is None:
            result.problems.extend([problem] if problem else [])
            continue
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            result.problems.append(Problem(Location(path.as_posix(), 1), "yaml-syntax", f"not a search answer: {err}"))
            continue
        for item in answer.get("results") or [] if isinstance(answer, dict) else []:
            entry = by_url.get(normal_url(str(item.get("url", ""))))
            if entry is not None and isinstance(item.get("excerpt"), str):
                found.setdefault(str(entry["id"]), item["excerpt"])
    return _write_texts(manifest, found, out, result)


def rebuild_from_excerpts(manifest: Manifest, folder: Path, out: Path) -> Rebuild:
    """Write the texts from a folder of bare excerpts named <id>.txt (as saved when they were found)."""
    result = Rebuild()
    found: dict[str, str] = {}
    for entry in manifest.entries:
        path = Path(folder) / f"{entry['id']}.txt"
        raw, _problem = read_data_file(path, path.as_posix(), MAX_RESPONSE_BYTES)
        if raw is not None:
            found[str(entry["id"])] = raw.decode("utf-8", "replace")
    return _write_texts(manifest, found, out, result)


def _write_texts(manifest: Manifest, found: dict[str, str], out: Path, result: Rebuild) -> Rebuild:
    out.mkdir(parents=True, exist_ok=True)
    for entry in manifest.entries:
        article = str(entry["id"])
        if article not in found:
            result.missing.append(article)
            continue
        excerpt = found[article]
        if text_digest(excerpt) != entry.get("sha256"):
            result.mismatched.append(article)
        (out / f"{article}.txt").write_text(article_text(entry, excerpt), encoding="utf-8")
        result.written.append(article)
    return result


def excerpt_of(text: str) -> str:
    """The excerpt of a scratch file: what follows its front matter."""
    match = re.match(r"\A---\n.*?\n---\n", text, re.DOTALL)
    return text[match.end() :] if match else text


def check_texts(manifest: Manifest, texts: Path, gold: Path) -> list[str]:
    """What is wrong with the rebuilt corpus: missing or changed texts, missing gold, a wrong split."""
    wrong = []
    for entry in manifest.entries:
        article = str(entry["id"])
        path = Path(texts) / f"{article}.txt"
        raw, _problem = read_data_file(path, path.as_posix(), MAX_RESPONSE_BYTES)
        if raw is None:
            wrong.append(f"{article}: no text in {texts}")
        elif text_digest(excerpt_of(raw.decode("utf-8", "replace"))) != entry.get("sha256"):
            wrong.append(f"{article}: the text differs from the one annotated (sha256)")
        if not (Path(gold) / f"{article}.yaml").is_file():
            wrong.append(f"{article}: no gold file")
        if entry.get("split") != split_of(str(entry["url"])):
            wrong.append(f"{article}: split should be {split_of(str(entry['url']))}")
    return wrong


# --- the review log: the extractor's drafts against what a reviewer accepted --------------------------


@dataclass
class Comparison:
    drafts: int = 0
    accepted: int = 0
    corrected: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)


def compare(drafts: list[dict[str, Any]], gold: dict[str, Any], vocabulary: set[str] | None) -> Comparison:
    """How a reviewer's gold annotation of one article received the extractor's drafts of it."""
    out = Comparison(drafts=len(drafts))
    for kind, found, expected in _kinds(drafts, gold, vocabulary):
        free = list(range(len(expected)))
        for draft_key, draft_fields in found:
            index = next((i for i in free if expected[i][0] == draft_key), None)
            if index is None:
                out.spurious.append({"kind": kind})
                continue
            free.remove(index)
            wrong = sorted(name for name, value in draft_fields.items() if expected[index][1].get(name) != value)
            if wrong:
                out.corrected.append({"kind": kind, "fields": wrong})
            else:
                out.accepted += 1
        out.missed.extend({"kind": kind} for _ in free)
    return out


Keyed = list[tuple[Any, dict[str, Any]]]


def _kinds(
    drafts: list[dict[str, Any]], gold: dict[str, Any], vocabulary: set[str] | None
) -> list[tuple[str, Keyed, Keyed]]:
    def site(base: Any, country: Any) -> tuple[str, str]:
        return ("base", str(base)) if base and (vocabulary is None or base in vocabulary) else ("country", str(country))

    def fields(d: dict[str, Any], casualties: dict[str, Any]) -> dict[str, Any]:
        return {
            "weapons": sorted(d.get("weapons") or []),
            "claimed_by": sorted(d.get("claimed_by") or []),
            "us_killed": casualties.get("us_killed"),
            "us_injured": casualties.get("us_injured"),
            "intercepted": d.get("intercepted"),
        }

    attacks = [d for d in drafts if d.get("type") == "attack"]
    strikes = [d for d in drafts if d.get("type") == "strike"]
    tallies = [d for d in drafts if "as_of" in d]
    incidents: Keyed = [
        (
            (str(d["date"]), site(d["location"].get("base"), d["location"]["country"])),
            fields(d, d["casualties"]),
        )
        for d in attacks
    ]
    gold_incidents: Keyed = [
        ((str(g["date"]), site(g.get("base"), g.get("country"))), fields(g, g)) for g in gold.get("incidents") or []
    ]
    struck: Keyed = [
        (
            (str(d["date"]), d["location"]["country"]),
            {"targets": sorted(d["targets"]), "killed": d["casualties"]["killed"]},
        )
        for d in strikes
    ]
    gold_struck: Keyed = [
        ((str(g["date"]), g["country"]), _strike_fields(g.get("target_actors"), g.get("killed")))
        for g in gold.get("strikes") or []
    ]
    counted: Keyed = [
        ((str(d["as_of"]), d["attacks"]), {k: d.get(k) for k in ("iraq", "syria", "injured")}) for d in tallies
    ]
    gold_counted: Keyed = [
        ((str(g["as_of"]), g["attacks"]), {k: g.get(k) for k in ("iraq", "syria", "injured")})
        for g in gold.get("tallies") or []
    ]
    return [
        ("incident", incidents, gold_incidents),
        ("strike", struck, gold_struck),
        ("tally", counted, gold_counted),
    ]


def _strike_fields(targets: Any, killed: Any) -> dict[str, Any]:
    return {"targets": sorted(targets or []), "killed": killed}


def review_entry(entry: dict[str, Any], comparison: Comparison) -> dict[str, Any]:
    return {
        "id": entry["id"],
        "url": entry["url"],
        "outlet": entry["outlet"],
        "split": entry["split"],
        "drafts": comparison.drafts,
        "accepted": comparison.accepted,
        "corrected": comparison.corrected,
        "missed": comparison.missed,
        "spurious": comparison.spurious,
    }


def review_log(entries: list[dict[str, Any]], extractor: str, reviewed: dt.date) -> str:
    head = (
        "# How the extractor's drafts of each report in the real-text corpus (tests/realtext) fared in review:\n"
        "# accepted as drafted, corrected (with the fields), missed events and spurious drafts.\n"
        "# Written by `python -m generator corpus review`; the Methodology page publishes its totals.\n"
    )
    log = {"extractor": extractor, "reviewed": reviewed.isoformat(), "articles": entries}
    return head + dump_yaml(log)


def vocabulary_bases(path: Path) -> set[str] | None:
    """Base ids of the shared vocabulary: a base outside it counts as an unnamed site in its country."""
    data = read_yaml_file(path, path.as_posix()).data
    if isinstance(data, dict) and isinstance(data.get("bases"), list):
        return {str(b.get("id")) for b in data["bases"] if isinstance(b, dict)}
    return None
