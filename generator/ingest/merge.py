"""Turn drafts from many articles into record files, merging what several articles report.

Matching: an attack matches a record of the same date and base (or, without a base, the same
country; several unnamed sites on one day pair up in order); a strike matches the same country
within a day (overnight strikes are dated either side of midnight); a tally matches as_of and count.

Nothing is written here: merging says which record files would change and how (see
generator/ingest/update.py, which validates the result before anything is written).

Guarantees: rerunning on the same input changes nothing (files are rendered through
generator/dataset/write.py and merged with idempotent rules); a `review: reviewed` record is never
rewritten, deleted or weakened: at most a source is appended to its text, and a disagreement
is reported as an `extract-conflict` warning at the field's line.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.problems import Location, Problem
from generator.core.yamlio import Parsed, dump_yaml, parse_yaml
from generator.dataset.ids import make_event_id, make_tally_id
from generator.dataset.load import Dataset
from generator.dataset.rules import decreasing_tallies, tally_key
from generator.dataset.write import record_path, render_record
from generator.ingest.articles import Article
from generator.ingest.extract import extract_drafts
from generator.ingest.rules.names import Lexicon

STRIKE_DAYS = 1
_LISTS = ("weapons", "claimed_by", "targets")


@dataclass
class MergeResult:
    """What merging drafts into the records would change. Nothing is written here."""

    files: dict[Path, str] = field(default_factory=dict)  # record files to write: {path on disk: text}
    kinds: dict[Path, str] = field(default_factory=dict)  # {path on disk: "event" or "tally"}
    problems: list[Problem] = field(default_factory=list)
    drafts: int = 0
    unchanged: int = 0


@dataclass
class Entry:
    """One record: as found on disk (path, text) or new, and its current data."""

    kind: str  # event | tally
    data: dict[str, Any]
    path: Path | None = None
    text: str = ""
    parsed: Parsed | None = None
    changed: bool = False
    read: str | None = None  # the text as loaded, for a record that exists (to skip identical rewrites)

    @property
    def reviewed(self) -> bool:
        return self.data.get("review") == "reviewed"


def merge_drafts(dataset: Dataset, found: list[tuple[Article, list[dict[str, Any]]]], lexicon: Lexicon) -> MergeResult:
    """Fold each article's drafts into the dataset's records: new drafts, updated drafts, sources added."""
    result = MergeResult()
    merger = _Merger(_existing(dataset), lexicon, result)
    for article, drafts in sorted(found, key=lambda pair: pair[0].id):
        result.drafts += len(drafts)
        merger.add_article(article, drafts)
    _drop_inconsistent_tallies(merger.entries, result)
    _collect(merger.entries, dataset.root, result)
    return result


def _drop_inconsistent_tallies(entries: list[Entry], result: MergeResult) -> None:
    """Official counts only grow: a new draft tally that contradicts the others is reported, not written."""
    kept = [e for e in entries if e.kind == "tally" and not (e.changed and e.path is None)]
    new = sorted(
        (e for e in entries if e.kind == "tally" and e.changed and e.path is None),
        key=lambda e: (str(e.data.get("as_of")), e.data.get("attacks") or 0),
    )
    for entry in new:
        pairs = decreasing_tallies([*kept, entry], lambda e: tally_key(e.data))
        clash = next((a if b is entry else b for a, b in pairs if entry in (a, b)), None)
        if clash is None:
            kept.append(entry)
            continue
        entries.remove(entry)
        source = (entry.data.get("sources") or [{}])[0]
        message = (
            f"count of {entry.data.get('attacks')} attacks as of {entry.data.get('as_of')} (article"
            f" {source.get('article')}) contradicts {clash.data.get('attacks')} as of {clash.data.get('as_of')};"
            " not written, check the article"
        )
        where = Location(str(clash.path.as_posix() if clash.path else clash.data.get("id")))
        result.problems.append(Problem(where, "extract-tally-conflict", message, field="attacks"))


# --- extraction, in parallel when asked -------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(lexicon: Lexicon, start: dt.date) -> None:
    _WORKER["lexicon"] = lexicon
    _WORKER["start"] = start


def _extract_one(article: Article) -> list[dict[str, Any]]:
    return extract_drafts(article, _WORKER["lexicon"], _WORKER["start"])


def extract_all(articles: list[Article], lexicon: Lexicon, start: dt.date, jobs: int = 1) -> list[list[dict[str, Any]]]:
    """Drafts per article, in article order; `jobs` > 1 spreads articles over exactly that many processes.

    Forked workers inherit the lexicon; spawned ones receive it pickled.
    """
    if jobs <= 1 or len(articles) < 2:
        _init_worker(lexicon, start)
        return [_extract_one(a) for a in articles]
    chunk = max(1, len(articles) // (jobs * 4))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(lexicon, start)) as pool:
        return pool.map(_extract_one, articles, chunksize=chunk)


# --- existing records -------------------------------------------------------------------------------


def _existing(dataset: Dataset) -> list[Entry]:
    """The dataset's records as merge entries: their text is what the loader read (nothing is read again)."""
    entries: list[Entry] = []
    for kind, records in (("event", dataset.events), ("tally", dataset.tallies)):
        for record in records:
            path = Path(record.file) if record.file else dataset.base / record.path
            if not isinstance(record.data, dict):
                entries.append(Entry(kind, {"id": path.stem, "review": "unreadable"}, path, record.parsed.source or ""))
                continue
            text = record.parsed.source or ""
            entries.append(Entry(kind, record.data, path, text, record.parsed, read=text))
    return entries


# --- matching and merging ------------------------------------------------------------------------------


class _Merger:
    def __init__(self, entries: list[Entry], lexicon: Lexicon, result: MergeResult) -> None:
        self.entries = entries
        self.lexicon = lexicon
        self.result = result
        self.taken = {str(e.data.get("id")) for e in entries} | {e.path.stem for e in entries if e.path}

    def add_article(self, article: Article, drafts: list[dict[str, Any]]) -> None:
        used: set[int] = set()  # each record takes at most one draft of an article
        for draft in drafts:
            kind = "event" if "type" in draft else "tally"
            index = self._match(kind, draft, used)
            if index is None:
                self._create(kind, draft)
                used.add(len(self.entries) - 1)
                continue
            used.add(index)
            entry = self.entries[index]
            if entry.reviewed:
                self._add_to_reviewed(entry, draft)
            elif entry.data.get("review") == "draft":
                _merge_draft(entry, draft, self.lexicon)

    def _match(self, kind: str, draft: dict[str, Any], used: set[int]) -> int | None:
        candidates = [
            i
            for i, e in enumerate(self.entries)
            if e.kind == kind and i not in used and e.data.get("review") in {"draft", "reviewed"}
        ]
        if kind == "tally":
            return next((i for i in candidates if _tally_key(self.entries[i].data) == _tally_key(draft)), None)
        matches = [i for i in candidates if _event_matches(self.entries[i].data, draft)]
        if not matches:
            # A reviewer may have named the site an article left unnamed: the record that already cites the
            # article for an event of that type, day and country is the one the draft is about.
            matches = [i for i in candidates if _cites_for_same_day(self.entries[i].data, draft)]
        if not matches:
            return None
        return min(matches, key=lambda i: (_day_gap(self.entries[i].data, draft), str(self.entries[i].data.get("id"))))

    def _create(self, kind: str, draft: dict[str, Any]) -> None:
        data = dict(draft)
        record_id = make_event_id(data, self.taken) if kind == "event" else make_tally_id(data, self.taken)
        self.taken.add(record_id)
        data = {"id": record_id, **data}
        self.entries.append(Entry(kind, data, changed=True))

    def _add_to_reviewed(self, entry: Entry, draft: dict[str, Any]) -> None:
        assert entry.path is not None
        self.result.problems.extend(_conflicts(entry, draft))
        source = draft["sources"][0]
        if any(isinstance(s, dict) and source_key(s) == source_key(source) for s in entry.data.get("sources") or []):
            return
        text = append_source(entry.text, entry.data, source)
        if text is None:
            where = Location(entry.path.as_posix(), 1)
            message = f"could not add the source {source.get('article')} to this reviewed record; add it by hand"
            self.result.problems.append(Problem(where, "extract-conflict", message, field="sources"))
            return
        entry.text = text
        entry.data = {**entry.data, "sources": [*entry.data.get("sources", []), source]}
        entry.changed = True


def source_key(source: Any) -> str:
    """What makes two sources one: the kept article, else the report's URL."""
    if not isinstance(source, dict):
        return ""
    return str(source.get("article") or source.get("url") or "")


def _tally_key(data: dict[str, Any]) -> tuple[str, Any]:
    return (str(data.get("as_of")), data.get("attacks"))


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _day_gap(record: dict[str, Any], draft: dict[str, Any]) -> int:
    first, second = _date(record.get("date")), _date(draft.get("date"))
    return abs((first - second).days) if first and second else 99


def _event_matches(record: dict[str, Any], draft: dict[str, Any]) -> bool:
    if record.get("type") != draft.get("type"):
        return False
    location: dict[str, Any] = record["location"] if isinstance(record.get("location"), dict) else {}
    wanted = draft["location"]
    if location.get("country") != wanted.get("country"):
        return False
    gap = _day_gap(record, draft)
    if draft["type"] == "strike":
        return gap <= STRIKE_DAYS
    return gap == 0 and (location.get("base") or None) == (wanted.get("base") or None)


def _cites_for_same_day(record: dict[str, Any], draft: dict[str, Any]) -> bool:
    location: dict[str, Any] = record["location"] if isinstance(record.get("location"), dict) else {}
    same = record.get("type") == draft.get("type") and location.get("country") == draft["location"].get("country")
    if not same or _day_gap(record, draft) != 0 or draft["location"].get("base"):
        return False
    cited = {source_key(s) for s in record.get("sources") or [] if isinstance(s, dict)}
    return source_key(draft["sources"][0]) in cited


def _merge_draft(entry: Entry, draft: dict[str, Any], lexicon: Lexicon) -> None:
    """Fold a draft into a draft record: lists are united, unknown values filled, sources kept per article."""
    data = {**entry.data}
    order = lexicon.weapon_order
    for name in _LISTS if entry.kind == "event" else ():
        merged = list(dict.fromkeys([*(data.get(name) or []), *(draft.get(name) or [])]))
        if name == "weapons":
            merged = [w for w in merged if w != "unknown" or len(merged) == 1]
            merged.sort(key=lambda w: order.index(w) if w in order else len(order))
        data[name] = merged
    for name in ("casualties", "location") if entry.kind == "event" else ():
        if isinstance(data.get(name), dict):
            data[name] = {**data[name], **{k: v for k, v in draft[name].items() if data[name].get(k) is None}}
    if entry.kind == "event" and data.get("intercepted") is None:
        data["intercepted"] = draft.get("intercepted")
    for name in ("iraq", "syria", "injured"):
        if name in draft and data.get(name) is None:
            data[name] = draft[name]
    source = draft["sources"][0]
    sources = [
        s for s in data.get("sources") or [] if not (isinstance(s, dict) and source_key(s) == source_key(source))
    ]
    sources.append(source)
    data["sources"] = sorted(sources, key=lambda s: (str(s.get("published")), source_key(s)))
    if data != entry.data:
        entry.data = data
        entry.changed = True


# --- reviewed records -------------------------------------------------------------------------------


def _conflicts(entry: Entry, draft: dict[str, Any]) -> list[Problem]:
    """Where a draft says something else than a reviewed record: reported, never applied."""
    assert entry.path is not None
    found: list[tuple[tuple[str, ...], Any, Any]] = []
    data = entry.data
    for group in ("casualties",):
        mine, theirs = data.get(group) or {}, draft.get(group) or {}
        for key, value in theirs.items():
            if value is not None and mine.get(key) is not None and mine.get(key) != value:
                found.append(((group, key), mine.get(key), value))
    for key in ("intercepted", "iraq", "syria", "injured"):
        if key in draft and draft[key] is not None and data.get(key) is not None and data[key] != draft[key]:
            found.append(((key,), data[key], draft[key]))
    for key in _LISTS:
        extra = [v for v in draft.get(key) or [] if v not in (data.get(key) or []) and v != "unknown"]
        if extra:
            found.append(((key,), data.get(key), draft.get(key)))
    problems = []
    article = source_key(draft["sources"][0])
    for path, mine, theirs in found:
        line, column = entry.parsed.line_of(path) if entry.parsed else (1, 0)
        name = ".".join(path)
        message = f"reviewed record has {name} = {mine!r} but article {article} says {theirs!r}; check and edit by hand"
        problems.append(Problem(Location(entry.path.as_posix(), line, column), "extract-conflict", message, field=name))
    return problems


def append_source(text: str, data: dict[str, Any], source: dict[str, Any]) -> str | None:
    """The record's text with one more item at the end of its `sources:` list; None when that is not safe."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"sources:\s*(?:#.*)?$", line)), None)
    if start is None:
        return None
    end, indent = start + 1, None
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line[0].isspace() and not line.startswith("-"):
            break
        if indent is None and line.lstrip().startswith("- "):
            indent = len(line) - len(line.lstrip())
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    if indent is None:
        return None
    if lines[end - 1] and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    item = "".join(" " * indent + line + "\n" for line in dump_yaml([source]).splitlines())
    new_text = "".join(lines[:end]) + item + "".join(lines[end:])
    check = parse_yaml(new_text.encode("utf-8"), "check").data
    expected = {**data, "sources": [*(data.get("sources") or []), source]}
    return new_text if check == expected else None


# --- what to write ---------------------------------------------------------------------------------


def _collect(entries: list[Entry], data_dir: Path, result: MergeResult) -> None:
    """The text of every new or changed record, keyed by where it goes; identical rewrites are skipped."""
    for entry in entries:
        if not entry.changed:
            if entry.path is not None and entry.data.get("review") in {"draft", "reviewed"}:
                result.unchanged += 1
            continue
        text = entry.text if entry.reviewed else render_record(entry.kind, entry.data)
        path = entry.path or record_path(data_dir, entry.kind, entry.data)
        if entry.read is not None and entry.read == text:
            result.unchanged += 1
            continue
        result.files[path] = text
        result.kinds[path] = entry.kind
