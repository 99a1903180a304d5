"""The pipeline, stage by stage: records → drafts from articles → validation → data/ → pages, charts,
downloads → docs/generated → site/.

Drafts extracted from data/articles are merged into the records in memory, and the merged set is
validated before anything is written. With errors the build stops there: data/, docs/generated and
site/ stay exactly as they were. Pages and charts only ever see valid records.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.cache import RecordCache, Store, fingerprint
from generator.core.files import paused_gc
from generator.core.problems import Location, Problem, Report
from generator.dataset.history import read_history
from generator.dataset.load import Dataset, load_records
from generator.dataset.redirects import redirect_entries
from generator.dataset.validate import validate_records
from generator.dataset.write import write_files
from generator.ingest.update import Update, plan_update
from generator.publish.mkdocs import site_url
from generator.publish.tree import WriteResult, read_hand_written, write_tree
from generator.publish.vendor import vega_bundle
from generator.render.charts import build_charts, shared_datasets
from generator.render.exports import render_exports
from generator.render.feeds import render_feeds
from generator.render.model import Chronology, build_chronology
from generator.render.pages import render_pages
from generator.render.redirects import render_redirects

GENERATED = Path("docs") / "generated"


@dataclass
class BuildOptions:
    repo_root: Path
    data_dir: Path
    out_dir: Path
    extract: bool = True
    today: dt.date | None = None
    history: bool = True
    jobs: int = 1
    cache: bool = True  # reuse parsed records and rendered pages from .build/cache when their inputs are unchanged


@dataclass
class BuildResult:
    report: Report
    extracted: list[Problem] = field(default_factory=list)  # articles that could not be read, merge warnings
    drafts_written: list[str] = field(default_factory=list)  # record files written into data/ (display paths)
    write: WriteResult | None = None
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    charts: int = 0

    @property
    def ok(self) -> bool:
        return self.report.ok


def build_site(options: BuildOptions) -> BuildResult:
    """Run the generator stages; write docs/generated only when the data is valid."""
    # The records stay in memory for the whole build; once loaded, the collector need not walk them
    # again (millions of objects, several times over). Freezing moves what exists to a generation it
    # skips; it is undone at the end, unless the process had frozen objects of its own before.
    freezes = gc.get_freeze_count() == 0
    try:
        return _build(options, freezes)
    finally:
        if freezes:
            gc.unfreeze()


def _build(options: BuildOptions, freeze: bool) -> BuildResult:
    timings: dict[str, float] = {}
    result = BuildResult(report=Report(), timings=timings)
    cache_dir = options.repo_root / ".build" / "cache" if options.cache else None
    dataset = _timed(timings, "load", lambda: _load(options, cache_dir, freeze))
    update: Update | None = None
    if options.extract:
        update = _timed(timings, "extract", lambda: _extract(options, dataset, result))
        dataset = update.dataset
    today = options.today or dt.date.today()

    def validate() -> Report:
        checks = _store(cache_dir, CHECKS_CACHE, "checks", today.isoformat(), _inputs(dataset))
        report = validate_records(dataset, today=today, cache=checks)
        _save(checks)  # kept even when the data has errors: fixing them means rebuilding
        return report

    result.report = _timed(timings, "validate", validate)
    if not result.report.ok:
        return result
    written = update is None or not update.files or _timed(timings, "extract", lambda: _write_drafts(update, result))
    if not written:
        return result

    def model() -> Chronology:
        history = read_history(options.repo_root) if options.history else {}
        return build_chronology(dataset, history, site_url(options.repo_root))

    chronology: Chronology = _timed(timings, "model", model)
    files: dict[str, str | bytes] = {}

    def pages() -> None:
        store = _store(cache_dir, PAGES_CACHE, "pages", _inputs(dataset))
        files.update(render_pages(chronology, store))
        _save(store)

    _timed(timings, "pages", pages)
    charts = _timed(timings, "charts", lambda: _chart_files(chronology, dataset))
    files.update(charts)

    def downloads() -> None:
        store = _store(cache_dir, ROWS_CACHE, "rows", _inputs(dataset))
        files.update(render_exports(chronology, store))
        _save(store)  # now, so that its rows need not stay in memory through the write
        files.update(render_feeds(chronology, site_url(options.repo_root)))
        files.update(render_redirects(redirect_entries(dataset.redirects), {e.id for e in chronology.events}))
        files["assets/vega/vega-bundle.js"] = vega_bundle(options.repo_root / ".build" / "cache")

    _timed(timings, "downloads", downloads)
    hand_written, problems = read_hand_written(
        options.repo_root / "docs", options.repo_root / GENERATED, options.out_dir
    )
    clash = sorted(set(hand_written) & set(files))
    problems += [
        Problem(Location(f"docs/{path}"), "docs-clash", "a hand-written file has the path of a generated one")
        for path in clash
    ]
    if problems:
        result.report.extend(problems)
        return result
    files.update(hand_written)
    result.pages = sum(1 for p in files if p.endswith(".md"))
    result.charts = sum(1 for p in charts if p.startswith("charts/") and "/data/" not in p)
    out_key = _digest(str(Path(options.out_dir).resolve()))
    manifest = cache_dir / f"{MANIFEST_PREFIX}{out_key}.marshal" if cache_dir else None
    spare = cache_dir / f"{SPARE_PREFIX}{out_key}" if cache_dir else None
    result.write = _timed(timings, "write", lambda: write_tree(files, options.out_dir, manifest, spare))
    return result


# --- caches: what an unchanged input gave last time (see generator/core/cache.py) -------------------------

RECORDS_CACHE = "records-v2"
CHECKS_CACHE = "checks-v2"
PAGES_CACHE = "pages-v2"
ROWS_CACHE = "rows-v1"
MANIFEST_PREFIX = "written-v2-"
SPARE_PREFIX = "spare-"  # the previous generated tree, for the next write to start from


def _load(options: BuildOptions, cache_dir: Path | None, freeze: bool) -> Dataset:
    with paused_gc():
        dataset = load_dataset(options.data_dir, options.repo_root, cache_dir / RECORDS_CACHE if cache_dir else None)
        if freeze:
            gc.freeze()  # before the collector runs again: else its next pass walks every object just made
    return dataset


def load_dataset(data_dir: Path, display_base: Path, cache_file: Path | None) -> Dataset:
    """load_records, reusing what each file parsed to last time when it is unchanged.

    Parsing is most of the cost of loading. `cache_file` names the cache (it is kept in a few
    files beside that path, with that stem).
    """
    if cache_file is None:
        return load_records(data_dir, display_base=display_base)
    records = RecordCache(cache_file)
    dataset = load_records(data_dir, display_base=display_base, read=records.read)
    records.save()
    return dataset


def _inputs(dataset: Dataset) -> tuple[Any, ...]:
    """What every page, row and check depends on besides its own record: reference data, config, kept articles."""
    reference = tuple((kind, r.digest, repr(r.data)) for kind, r in sorted(dataset.reference_files.items()))
    articles = sorted(dataset.article_ids) if dataset.article_ids is not None else None
    return reference, repr(dataset.config.data if dataset.config else None), articles


def _store(cache_dir: Path | None, name: str, *parts: Any) -> Store | None:
    """A cache of per-record results, in 16 files so that an edit rewrites one (and a few if the edit touches more)."""
    return Store(cache_dir / name, fingerprint(name, *parts), shards=16) if cache_dir is not None else None


def _save(store: Store | None) -> None:
    if store is not None:
        store.save()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _timed(timings: dict[str, float], stage: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
    return value


def _extract(options: BuildOptions, dataset: Dataset, result: BuildResult) -> Update:
    """Drafts from data/articles merged into the records, in memory: nothing is written yet."""
    update = plan_update(dataset, [options.data_dir / "articles"], jobs=options.jobs)
    result.extracted = list(update.problems)
    return update


def _write_drafts(update: Update, result: BuildResult) -> bool:
    """Write the new and changed record files, all or none; a failure stops the build before the pages."""
    displays = update.displays()
    try:
        written = write_files(update.files)
    except OSError as err:
        where = Location(displays[min(update.files)] if update.files else "data")
        message = f"cannot write the records extracted from articles: {err.strerror or err}; nothing was written"
        result.report.add(Problem(where, "write-failed", message))
        return False
    result.drafts_written = [displays[path] for path in written]
    return True


def _chart_files(chronology: Chronology, dataset: Dataset) -> dict[str, str]:
    files = {f"charts/{chart_id}.json": text for chart_id, text in build_charts(chronology).items()}
    for name, rows in shared_datasets(chronology).items():
        files[f"charts/data/{name}.json"] = json.dumps(rows, sort_keys=True, separators=(",", ":")) + "\n"
    region = dataset.region.data if dataset.region is not None else None
    land = region if isinstance(region, dict) else {"features": []}  # validated: a FeatureCollection
    files["charts/data/region.json"] = json.dumps(land, sort_keys=True, separators=(",", ":")) + "\n"
    return files
