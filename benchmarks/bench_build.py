"""Benchmark the build on synthetic sites of 100, 1,000 and 10,000 events.

For each size, in a fresh temporary folder: write synthetic data (`python -m generator synth`), copy
what a build reads (mkdocs.yml, the hand-written docs, overrides/, generator/), run the generator and
then `mkdocs build --strict`, each in its own process so that its peak memory can be read with
getrusage(RUSAGE_CHILDREN). Beside it, build a plain MkDocs + Material site with the same number of
minimal pages: the floor any site of that many pages pays. Then change one record and regenerate,
to see how many files an edit rewrites and how long that takes.

In Chromium (Debian's, as the browser tests use it), each built site is also measured as a reader
meets it: how long the chronology's filter takes to answer a change, how long the map of every event
takes to draw from the start of the page's load, and how many bytes each page type downloads,
gzip-compressed as a web server would send them.

Usage: python benchmarks/bench_build.py [--quick] [--sizes 100,1000] [--keep]
The last line printed is machine-readable (see README.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FULL_SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (100, 1_000)
STAGES = ("load", "validate", "model", "pages", "charts", "downloads", "write")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("GITHUB_ACTIONS", None)

# Runs in a child process with the copied tree as working directory: one build, timings as JSON.
GENERATOR_CHILD = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from generator.build import BuildOptions, build_site
root = Path.cwd()
result = build_site(BuildOptions(repo_root=root, data_dir=root / "data", out_dir=root / "docs" / "generated",
                                 extract=False))
assert result.ok, result.report.render()
print(json.dumps({"timings": result.timings, "pages": result.pages, "written": len(result.write.written),
                  "written_files": result.write.written, "wall": time.perf_counter() - start}))
"""


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    stdout: str


@dataclass
class Row:
    events: int
    pages: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    generator_s: float = 0.0  # all generator stages (work inside build_site)
    generator_wall_s: float = 0.0  # the generator process, from start to exit
    generator_mb: float = 0.0
    mkdocs_s: float = 0.0
    mkdocs_mb: float = 0.0
    site_mb: float = 0.0
    search_mb: float = 0.0
    floor_s: float = 0.0
    floor_mb: float = 0.0
    floor_search_mb: float = 0.0
    incremental_files: int = 0
    incremental_s: float = 0.0
    incremental_wall_s: float = 0.0
    incremental_sample: list[str] = field(default_factory=list)
    filter_ms: float = 0.0  # slowest of several filter changes on the chronology, in Chromium
    filter_median_ms: float = 0.0  # their median
    map_ms: float = 0.0  # from the start of the home page's load to the map drawn
    page_mb_gz: float = 0.0  # the heaviest page type: everything it downloads, gzip-compressed
    heaviest_page: str = ""
    heaviest_parts: list[str] = field(default_factory=list)  # its largest downloads, MB compressed


def measure(command: list[str], cwd: Path) -> Measured:
    """Run command in a child process; wall seconds and its peak resident memory (MB)."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--measure-child", "--", *command]
    start = time.perf_counter()
    completed = subprocess.run(wrapper, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{completed.stdout[-4000:]}\n{completed.stderr[-4000:]}")
    lines = completed.stdout.splitlines()
    peak_kb = float(lines[-1].removeprefix("peak_kb="))
    return Measured(seconds, peak_kb / 1024, "\n".join(lines[:-1]))


def measure_child(command: list[str]) -> int:
    """--measure-child: run command, then print the peak RSS of it (and its children) in KB."""
    completed = subprocess.run(command, check=False)
    sys.stdout.flush()
    print(f"peak_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
    return completed.returncode


def copy_tree(target: Path) -> None:
    """What a build reads, as tests/conftest.py copy_site_tree copies it, minus the data."""
    ignore = shutil.ignore_patterns("generated", ".staging-*", "__pycache__")
    for name in ("mkdocs.yml", "docs", "overrides", "generator"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore, dirs_exist_ok=True)
        else:
            shutil.copy(source, target / name)
    cache = REPO / ".build" / "cache"
    if cache.is_dir():  # the Vega bundle, as after any first build; other caches are not copied
        (target / ".build" / "cache").mkdir(parents=True, exist_ok=True)
        for bundle in cache.glob("vega-bundle-*.js"):
            shutil.copy(bundle, target / ".build" / "cache" / bundle.name)


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def file_mb(path: Path) -> float:
    return path.stat().st_size / 1e6 if path.is_file() else 0.0


def run_generator(root: Path) -> tuple[Measured, dict]:
    measured = measure([sys.executable, "-c", GENERATOR_CHILD], root)
    return measured, json.loads(measured.stdout.splitlines()[-1])


def bench_size(events: int, work: Path, seed: int) -> Row:
    row = Row(events)
    root = work / f"site-{events}"
    root.mkdir(parents=True)
    copy_tree(root)
    synth = [sys.executable, "-m", "generator", "synth", "--events", str(events), "--seed", str(seed)]
    subprocess.run([*synth, "--out", str(root / "data")], cwd=REPO, env=ENV, check=True, capture_output=True)

    measured, report = run_generator(root)
    row.pages = report["pages"]
    row.stages = report["timings"]
    row.generator_s = sum(report["timings"].values())
    row.generator_wall_s, row.generator_mb = measured.seconds, measured.peak_mb

    mkdocs = measure([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", "site"], root)
    row.mkdocs_s, row.mkdocs_mb = mkdocs.seconds, mkdocs.peak_mb
    row.site_mb = folder_mb(root / "site")
    row.search_mb = file_mb(root / "site" / "search" / "search_index.json")

    floor = work / f"floor-{events}"
    write_floor_site(floor, row.pages)
    measured_floor = measure([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", "site"], floor)
    row.floor_s, row.floor_mb = measured_floor.seconds, measured_floor.peak_mb
    row.floor_search_mb = file_mb(floor / "site" / "search" / "search_index.json")

    measure_in_browser(root / "site", row)

    change_one_record(root / "data")
    measured, report = run_generator(root)
    row.incremental_files = report["written"]
    row.incremental_s = sum(report["timings"].values())
    row.incremental_wall_s = measured.seconds
    row.incremental_sample = report["written_files"]
    return row


PAGE_TYPES = {
    "home": "",
    "chronology": "chronology/",
    "event": None,  # the first event page
    "base": None,  # the busiest base
    "actor": None,  # the busiest actor
    "tallies": "tallies/",
    "downloads": "downloads/",
}
FILTER_ROUNDS = 3  # five bases then none, three times: the first round builds rows, later ones reuse them
FILTER_CHANGE = """async (base) => {
  const select = document.getElementById('f-base');
  const results = document.getElementById('filter-results');
  const start = performance.now();
  select.value = base;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  results.getBoundingClientRect();  // the new rows laid out: what the reader sees next frame
  return {ms: performance.now() - start, count: Number(results.dataset.count)};
}"""


def _largest(folder: Path) -> str:
    pages = sorted(folder.glob("*/index.html"), key=lambda p: (p.stat().st_size, p.parent.name), reverse=True)
    return f"{folder.name}/{pages[0].parent.name}/" if pages else ""


def measure_in_browser(site: Path, row: Row) -> None:
    """Filter latency, map drawing time and the compressed weight of each page type, in Chromium."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import browser, serve

    paths = dict(PAGE_TYPES)
    events = sorted((site / "events").glob("*/index.html"))
    paths["event"] = f"events/{events[0].parent.name}/" if events else ""
    paths["base"] = _largest(site / "bases")
    paths["actor"] = _largest(site / "actors")
    with serve(site) as url, browser() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for name, path in paths.items():
            responses: list[object] = []

            def keep(response: object, store: list[object] = responses) -> None:
                store.append(response)

            context.on("response", keep)
            page.goto(url + (path or ""))
            page.wait_for_load_state("networkidle")
            context.remove_listener("response", keep)
            sizes = sorted(((len(gzip.compress(_body(r), 6)), r.url) for r in responses), reverse=True)  # type: ignore[attr-defined]
            size = sum(n for n, _url in sizes) / 1e6
            if size > row.page_mb_gz:
                row.page_mb_gz, row.heaviest_page = size, name
                row.heaviest_parts = [f"{url.rsplit('/', 1)[-1] or url} {n / 1e6:.2f}" for n, url in sizes[:4]]
        page.goto(url)
        page.wait_for_selector('.event-map[data-drawn="yes"]', timeout=60000)
        row.map_ms = float(page.eval_on_selector(".event-map", "e => Number(e.dataset.drawnAt)"))
        page.goto(url + "chronology/")
        page.wait_for_selector('#filter-results[data-ready="yes"]', timeout=60000)
        options = page.eval_on_selector_all("#f-base option", "o => o.map(x => x.value)")
        changes = [*options[1:6], ""] * FILTER_ROUNDS
        times = [page.evaluate(FILTER_CHANGE, value)["ms"] for value in changes]
        row.filter_ms, row.filter_median_ms = max(times), statistics.median(times)
        context.close()


def _body(response: object) -> bytes:
    try:
        return response.body()  # type: ignore[attr-defined,no-any-return]
    except Exception:  # a redirect or an aborted request has no body
        return b""


def change_one_record(data_dir: Path) -> Path:
    """Edit one attack at a known base in the middle of the chronology: its summary and injured count."""
    records = sorted((data_dir / "events").rglob("*-attack.yaml"))
    candidates = [p for p in records if "base: null" not in p.read_text(encoding="utf-8")]
    path = candidates[len(candidates) // 2]
    text = path.read_text(encoding="utf-8").replace("summary: ", "summary: Edited for the benchmark. ", 1)
    text = re.sub(r"us_injured: .*", "us_injured: 7", text, count=1)
    path.write_text(text, encoding="utf-8")
    return path


FLOOR_PAGE = """# Page {n}

This is page {n} of a plain MkDocs site, the floor that any site with this many pages pays.
It has a few paragraphs, a list and a small table, about forty lines, like a short article.

## Summary

Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut
labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris
nisi ut aliquip ex ea commodo consequat. Page {n} was written on day {day} of the year.

- First point about page {n}
- Second point, with a [link to the home page](../index.md)
- Third point, with `inline code`

## Details

| Field | Value |
|-------|-------|
| Number | {n} |
| Day | {day} |
| Kind | example |
| Status | plain |

Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla
pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt
mollit anim id est laborum.

## Sources

1. An outlet, published on day {day}: a short quote from the report.
2. Another outlet, published a day later: another short quote.

## Notes

Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque
laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto
beatae vitae dicta sunt explicabo.
"""

FLOOR_CONFIG = """site_name: Floor
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - tables
  - toc:
      permalink: true
not_in_nav: |
  /pages/
nav:
  - Home: index.md
"""


def write_floor_site(folder: Path, pages: int) -> None:
    """A plain MkDocs + Material site of `pages` minimal pages and a one-entry navigation."""
    docs = folder / "docs" / "pages"
    docs.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Floor\n\nA plain site.\n", encoding="utf-8")
    for n in range(max(pages - 1, 1)):
        (docs / f"page-{n:05d}.md").write_text(FLOOR_PAGE.format(n=n, day=n % 365 + 1), encoding="utf-8")


def print_table(rows: list[Row]) -> None:
    header = ["events", "pages", *STAGES, "gen", "gen_wall", "gen_MB", "mkdocs", "mk_MB", "site_MB", "search_MB"]
    header += ["floor", "floor_MB", "floor_search", "incr_files", "incr_s", "incr_wall"]
    print(" ".join(f"{h:>12}" for h in header))
    for r in rows:
        values = [r.events, r.pages, *(f"{r.stages.get(s, 0.0):.2f}" for s in STAGES)]
        values += [f"{r.generator_s:.2f}", f"{r.generator_wall_s:.2f}", f"{r.generator_mb:.0f}"]
        values += [f"{r.mkdocs_s:.2f}", f"{r.mkdocs_mb:.0f}", f"{r.site_mb:.1f}", f"{r.search_mb:.2f}"]
        values += [f"{r.floor_s:.2f}", f"{r.floor_mb:.0f}", f"{r.floor_search_mb:.2f}"]
        values += [r.incremental_files, f"{r.incremental_s:.2f}", f"{r.incremental_wall_s:.2f}"]
        print(" ".join(f"{v!s:>12}" for v in values))
    print("(seconds unless noted; gen = the generator stages together, gen_wall = the whole generator process;")
    print(" floor = plain MkDocs + Material with the same number of minimal pages; incr = after one record changed)")
    last = rows[-1]
    print(f"files rewritten after one change at {last.events} events: {', '.join(last.incremental_sample)}")
    print("in Chromium:")
    for r in rows:
        print(
            f"  {r.events:>6} events: filter answers in {r.filter_median_ms:.0f} ms (median) and {r.filter_ms:.0f} ms"
            f" (slowest of {6 * FILTER_ROUNDS} changes), map drawn"
            f" {r.map_ms:.0f} ms after the page started loading, heaviest page {r.heaviest_page}"
            f" {r.page_mb_gz:.2f} MB compressed (largest: {', '.join(r.heaviest_parts)})"
        )
    print(
        f"browser: events={last.events} filter_ms={last.filter_ms:.0f} filter_median_ms={last.filter_median_ms:.0f}"
        f" map_ms={last.map_ms:.0f}"
        f" max_page_mb_gz={last.page_mb_gz:.2f} heaviest_page={last.heaviest_page}"
    )


def bench_line(rows: list[Row]) -> str:
    last = rows[-1]
    previous = rows[-2] if len(rows) > 1 else None
    total = last.generator_wall_s + last.mkdocs_s
    scale = (
        f"{(last.generator_wall_s + last.mkdocs_s) / (previous.generator_wall_s + previous.mkdocs_s):.2f}"
        if previous
        else "n/a"
    )
    peak = max(last.generator_mb, last.mkdocs_mb)
    return (
        f"bench: events={last.events} generator_s={last.generator_s:.2f} mkdocs_s={last.mkdocs_s:.2f}"
        f" floor_s={last.floor_s:.2f} total_vs_floor={total / last.floor_s:.2f} scale_10k_vs_1k={scale}"
        f" peak_mb={peak:.0f} incremental_files={last.incremental_files} incremental_s={last.incremental_s:.2f}"
        f" search_index_mb={last.search_mb:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure-child"]:
        return measure_child(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 100 and 1,000 events")
    parser.add_argument("--sizes", help="comma-separated event counts (overrides --quick)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print where")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else QUICK_SIZES if args.quick else FULL_SIZES
    work = Path(tempfile.mkdtemp(prefix="chronology-bench-"))
    rows = []
    try:
        for size in sizes:
            print(f"building {size} events ...", file=sys.stderr, flush=True)
            rows.append(bench_size(size, work, args.seed))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    print(bench_line(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
