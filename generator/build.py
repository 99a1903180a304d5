"""The build: articles → drafts → records → validation → pages, charts, downloads → docs/generated → site/.

It stops after validation when there are errors, before anything is written, so a failed build
leaves docs/generated and site/ exactly as they were. Pages and charts only ever see valid records.
"""

from __future__ import annotations

import datetime as dt
import json
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
from generator.pages import render_pages
from generator.problems import GeneratorError, Problem, Report
from generator.records import Dataset, load_records
from generator.redirects import check_redirects, render_redirects
from generator.site import WriteResult, clean_stale_staging, swap_in, write_site
from generator.validate import validate_records
from generator.vendor import vega_bundle

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
    if options.extract:
        _timed(timings, "extract", lambda: _extract(options, result))
    dataset = _timed(timings, "load", lambda: load_records(options.data_dir, display_base=options.repo_root))
    result.report = _timed(timings, "validate", lambda: validate_records(dataset, today=options.today))
    result.report.extend(check_redirects(options.data_dir, _event_ids(dataset)))
    if not result.report.ok:
        return result
    history = read_history(options.repo_root) if options.history else {}
    chronology = build_chronology(dataset, history)
    files: dict[str, str | bytes] = {}
    pages = _timed(timings, "pages", lambda: render_pages(chronology))
    files.update(pages)
    charts = _timed(timings, "charts", lambda: _chart_files(chronology, options.data_dir))
    files.update(charts)
    files.update(render_exports(chronology))
    files.update(render_feeds(chronology, site_url(options.repo_root)))
    files.update(render_redirects(options.data_dir, {e.id for e in chronology.events}))
    files["assets/vega/vega-bundle.js"] = vega_bundle(options.repo_root / ".build" / "cache")
    result.pages = sum(1 for p in files if p.endswith(".md"))
    result.charts = sum(1 for p in charts if p.startswith("charts/") and "/data/" not in p)
    result.write = _timed(timings, "write", lambda: write_site(files, options.out_dir))
    return result


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
    files["charts/data/region.json"] = region.read_text(encoding="utf-8") if region.is_file() else '{"features":[]}\n'
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
