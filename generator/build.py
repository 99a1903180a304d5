"""The build: articles → drafts → records → validation → pages, charts, downloads → docs/generated → site/.

It stops after validation when there are errors, before anything is written, so a failed build
leaves docs/generated and site/ exactly as they were. Pages and charts only ever see valid records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.charts import build_charts, shared_datasets
from generator.exports import render_exports
from generator.feeds import render_feeds
from generator.history import read_history
from generator.model import Chronology, build_chronology
from generator.pages import PageCache, render_pages
from generator.problems import GeneratorError, Problem, Report
from generator.records import Dataset, load_records, read_data_file
from generator.redirects import check_redirects, render_redirects
from generator.site import WriteResult, clean_stale_staging, swap_in, write_site
from generator.validate import validate_records
from generator.vendor import vega_bundle
from generator.yamlio import Parsed, parse_yaml

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
    timings: dict[str, float] = {}
    result = BuildResult(report=Report(), timings=timings)
    cache_dir = options.repo_root / ".build" / "cache"
    caches = options.cache
    if options.extract:
        _timed(timings, "extract", lambda: _extract(options, result))
    dataset = _timed(
        timings,
        "load",
        lambda: load_dataset(options.data_dir, options.repo_root, cache_dir / RECORDS_CACHE if caches else None),
    )
    result.report = _timed(timings, "validate", lambda: validate_records(dataset, today=options.today))
    result.report.extend(check_redirects(options.data_dir, _event_ids(dataset)))
    if not result.report.ok:
        return result

    def model() -> Chronology:
        history = read_history(options.repo_root) if options.history else {}
        return build_chronology(dataset, history)

    chronology: Chronology = _timed(timings, "model", model)
    page_cache = _page_cache(cache_dir, dataset) if caches else None
    files: dict[str, str | bytes] = {}
    pages = _timed(timings, "pages", lambda: render_pages(chronology, page_cache))
    files.update(pages)
    charts = _timed(timings, "charts", lambda: _chart_files(chronology, options.data_dir))
    files.update(charts)

    def downloads() -> None:
        files.update(render_exports(chronology))
        files.update(render_feeds(chronology, site_url(options.repo_root)))
        files.update(render_redirects(options.data_dir, {e.id for e in chronology.events}))
        files["assets/vega/vega-bundle.js"] = vega_bundle(cache_dir)

    _timed(timings, "downloads", downloads)
    result.pages = sum(1 for p in files if p.endswith(".md"))
    result.charts = sum(1 for p in charts if p.startswith("charts/") and "/data/" not in p)
    manifest = (
        cache_dir / f"{MANIFEST_PREFIX}{_digest(str(Path(options.out_dir).resolve()))}.pickle" if caches else None
    )
    result.write = _timed(timings, "write", lambda: write_site(files, options.out_dir, manifest))
    if page_cache is not None:
        _write_pickle(cache_dir / PAGES_CACHE, (page_cache.fingerprint, page_cache.current))
    return result


# --- caches: what an unchanged input gave last time -------------------------------------------------

RECORDS_CACHE = "records-v1.pickle"
PAGES_CACHE = "pages-v1.pickle"
MANIFEST_PREFIX = "written-v1-"


def load_dataset(data_dir: Path, display_base: Path, cache_file: Path | None) -> Dataset:
    """load_records, reusing what each file parsed to last time when its bytes are the same.

    Parsing is most of the cost of loading; reading and hashing 10,000 small files is not.
    Only files that parsed without problems are cached, so every problem is found afresh.
    """
    if cache_file is None:
        return load_records(data_dir, display_base=display_base)
    previous: dict[str, tuple[str, Parsed]] = _read_pickle(cache_file, dict) or {}
    current: dict[str, tuple[str, Parsed]] = {}

    def parse(raw: bytes, display: str) -> Parsed:
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        cached = previous.get(display)
        parsed = cached[1] if cached is not None and cached[0] == digest else parse_yaml(raw, display)
        if not parsed.problems:
            current[display] = (digest, parsed)
        return parsed

    dataset = load_records(data_dir, display_base=display_base, parse=parse)
    if current.keys() != previous.keys() or any(current[k][0] != previous[k][0] for k in current):
        _write_pickle(cache_file, current)
    return dataset


def _page_cache(cache_dir: Path, dataset: Dataset) -> PageCache:
    """Rendered event pages of the last build, valid while the code, templates, reference data and config are."""
    parts = [_source_fingerprint()]
    parts.extend(repr(record.data) for _, record in sorted(dataset.reference.items()))
    parts.append(repr(dataset.config.data if dataset.config else None))
    fingerprint = _digest("\x00".join(parts))
    stored = _read_pickle(cache_dir / PAGES_CACHE, tuple)
    previous = stored[1] if stored and len(stored) == 2 and stored[0] == fingerprint else {}
    return PageCache(fingerprint, previous)


def _source_fingerprint() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted([*package.glob("*.py"), *(package / "templates").glob("*.j2")]):
        digest.update(path.name.encode("utf-8") + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _read_pickle(path: Path, kind: type) -> Any:
    """A cache file's value, or None when it is missing, unreadable or not what this version writes."""
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None
    return value if isinstance(value, kind) else None


def _write_pickle(path: Path, value: Any) -> None:
    """Write a cache file whole or not at all; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        return


def _event_ids(dataset: Dataset) -> set[str]:
    return {r.data["id"] for r in dataset.events if isinstance(r.data, dict) and isinstance(r.data.get("id"), str)}


def _timed(timings: dict[str, float], stage: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
    return value


def _extract(options: BuildOptions, result: BuildResult) -> None:
    from generator.merge import update_records  # the extraction stage is optional for the rest of the build

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
