"""The build: articles → drafts → records → validation → pages, charts, downloads → docs/generated → site/.

It stops after validation when there are errors, before anything is written, so a failed build
leaves docs/generated and site/ exactly as they were. Pages and charts only ever see valid records.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.core.cache import RecordCache, Store, fingerprint
from generator.core.files import paused_gc, read_data_file
from generator.core.problems import GeneratorError, Problem, Report
from generator.dataset.history import read_history
from generator.dataset.load import Dataset, load_records
from generator.dataset.redirects import check_redirects, render_redirects
from generator.dataset.validate import validate_records
from generator.publish.tree import WriteResult, clean_stale_staging, swap_in, write_site
from generator.publish.vendor import vega_bundle
from generator.render.charts import build_charts, shared_datasets
from generator.render.exports import render_exports
from generator.render.feeds import render_feeds
from generator.render.model import Chronology, build_chronology
from generator.render.pages import render_pages

GENERATED = Path("docs") / "generated"
DEFAULT_SITE_URL = "https://example.invalid/chronology/"


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
    extracted: list[Problem] = field(default_factory=list)
    drafts_written: list[str] = field(default_factory=list)
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
    if options.extract:
        _timed(timings, "extract", lambda: _extract(options, result))
    dataset = _timed(timings, "load", lambda: _load(options, cache_dir, freeze))
    today = options.today or dt.date.today()

    def validate() -> Report:
        checks = _store(cache_dir, CHECKS_CACHE, "checks", today.isoformat(), _inputs(dataset))
        report = validate_records(dataset, today=today, cache=checks)
        _save(checks)  # kept even when the data has errors: fixing them means rebuilding
        return report

    result.report = _timed(timings, "validate", validate)
    result.report.extend(check_redirects(options.data_dir, _event_ids(dataset)))
    if not result.report.ok:
        return result

    def model() -> Chronology:
        history = read_history(options.repo_root) if options.history else {}
        return build_chronology(dataset, history)

    chronology: Chronology = _timed(timings, "model", model)
    files: dict[str, str | bytes] = {}

    def pages() -> None:
        store = _store(cache_dir, PAGES_CACHE, "pages", _inputs(dataset))
        files.update(render_pages(chronology, store))
        _save(store)

    _timed(timings, "pages", pages)
    charts = _timed(timings, "charts", lambda: _chart_files(chronology, options.data_dir))
    files.update(charts)

    def downloads() -> None:
        store = _store(cache_dir, ROWS_CACHE, "rows", _inputs(dataset))
        files.update(render_exports(chronology, store))
        _save(store)  # now, so that its rows need not stay in memory through the write
        files.update(render_feeds(chronology, site_url(options.repo_root)))
        files.update(render_redirects(options.data_dir, {e.id for e in chronology.events}))
        files["assets/vega/vega-bundle.js"] = vega_bundle(options.repo_root / ".build" / "cache")

    _timed(timings, "downloads", downloads)
    result.pages = sum(1 for p in files if p.endswith(".md"))
    result.charts = sum(1 for p in charts if p.startswith("charts/") and "/data/" not in p)
    out_key = _digest(str(Path(options.out_dir).resolve()))
    manifest = cache_dir / f"{MANIFEST_PREFIX}{out_key}.marshal" if cache_dir else None
    spare = cache_dir / f"{SPARE_PREFIX}{out_key}" if cache_dir else None
    result.write = _timed(timings, "write", lambda: write_site(files, options.out_dir, manifest, spare))
    return result


# --- caches: what an unchanged input gave last time (see generator/cache.py) -------------------------

RECORDS_CACHE = "records-v2"
CHECKS_CACHE = "checks-v1"
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
    """What every page, row and check depends on besides its own record: the reference data and the config."""
    reference = tuple((kind, record.digest, repr(record.data)) for kind, record in sorted(dataset.reference.items()))
    return reference, repr(dataset.config.data if dataset.config else None)


def _store(cache_dir: Path | None, name: str, *parts: Any) -> Store | None:
    """A cache of per-record results, in 16 files so that an edit rewrites one (and a few if the edit touches more)."""
    return Store(cache_dir / name, fingerprint(name, *parts), shards=16) if cache_dir is not None else None


def _save(store: Store | None) -> None:
    if store is not None:
        store.save()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _event_ids(dataset: Dataset) -> set[str]:
    return {r.data["id"] for r in dataset.events if isinstance(r.data, dict) and isinstance(r.data.get("id"), str)}


def _timed(timings: dict[str, float], stage: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
    return value


def _extract(options: BuildOptions, result: BuildResult) -> None:
    from generator.ingest.merge import update_records  # the extraction stage is optional for the rest of the build

    articles = options.data_dir / "articles"
    if not articles.is_dir():
        return
    extracted = update_records(sorted(articles.glob("*.txt")), options.data_dir, jobs=options.jobs)
    result.extracted = list(extracted.problems)
    result.drafts_written = [_relative(p, options.repo_root) for p in extracted.written]


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _chart_files(chronology: Chronology, data_dir: Path) -> dict[str, str]:
    files = {f"charts/{chart_id}.json": text for chart_id, text in build_charts(chronology).items()}
    for name, rows in shared_datasets(chronology).items():
        files[f"charts/data/{name}.json"] = json.dumps(rows, sort_keys=True, separators=(",", ":")) + "\n"
    region = data_dir / "reference" / "region.geojson"
    # Read like a record: a pull request could replace the map with a link to a private file.
    raw, _problem = read_data_file(region, "data/reference/region.geojson")
    files["charts/data/region.json"] = raw.decode("utf-8", "replace") if raw else '{"features":[]}\n'
    return files


def site_url(repo_root: Path) -> str:
    """site_url from mkdocs.yml, used for absolute links in feeds."""
    config_path = repo_root / "mkdocs.yml"
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return DEFAULT_SITE_URL
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else DEFAULT_SITE_URL


def run_mkdocs(repo_root: Path, site_dir: Path, strict: bool = True) -> tuple[int, str]:
    """Build the MkDocs site into a staging folder and swap it in only when the build succeeded."""
    site_dir = Path(site_dir)
    clean_stale_staging(site_dir)
    staging = site_dir.parent / f".staging-{site_dir.name}-mkdocs"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo_root / "mkdocs.yml"), "-d", str(staging)]
    if strict:
        command.append("--strict")
    try:
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as err:
        raise GeneratorError(f"could not run MkDocs: {err}") from err
    output = (completed.stdout + completed.stderr).strip()
    if completed.returncode != 0:
        return completed.returncode, output
    swap_in(staging, site_dir)
    return 0, output
