"""`python -m generator build`: extract drafts, validate, write docs/generated, optionally build site/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build import GENERATED, BuildOptions, build_site
from generator.cli.common import add_data_argument, add_format_argument, data_folder, print_report
from generator.core.problems import Report
from generator.publish.mkdocs import run_mkdocs

LIST_AT_MOST = 20  # generated files named one by one when no more were written (else with --verbose)
HELP = (
    "Extract drafts from data/articles, validate every record, and write the generated pages, charts"
    " and downloads into docs/generated (only when the data is valid). With --site, also build site/."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_argument(parser)
    add_format_argument(parser)
    parser.add_argument("--out", type=Path, default=GENERATED, help="generated folder (default: docs/generated)")
    parser.add_argument("--no-extract", action="store_true", help="skip extraction from data/articles")
    parser.add_argument("--jobs", type=int, default=1, help="processes for extraction (default: 1)")
    parser.add_argument("--site", action="store_true", help="then run `mkdocs build --strict` into --site-dir")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="MkDocs output (default: site)")
    parser.add_argument("--timings", action="store_true", help="print seconds per stage")
    parser.add_argument("--verbose", action="store_true", help="name every generated file written or removed")


def run(args: argparse.Namespace) -> int:
    options = BuildOptions(
        repo_root=Path.cwd(),
        data_dir=data_folder(args.data),
        out_dir=args.out,
        extract=not args.no_extract,
        jobs=args.jobs,
    )
    result = build_site(options)
    if result.extracted:
        print_report(Report(list(result.extracted)), args.format)
    print_report(result.report, args.format)
    if not result.ok or result.write is None:
        print(
            f"Build stopped: fix the errors above. Nothing was written: {args.data}/, {args.out}/ and"
            f" {args.site_dir}/ are as they were.",
            file=sys.stderr,
        )
        return 1
    for path in result.drafts_written:
        print(f"wrote {path} (drafted from data/articles)", file=sys.stderr)
    write = result.write
    print(
        f"Generated {result.pages} pages and {result.charts} charts in {args.out}:"
        f" {len(write.written)} files written, {write.unchanged} unchanged, {len(write.removed)} removed.",
        file=sys.stderr,
    )
    shown = write.written if args.verbose or len(write.written) <= LIST_AT_MOST else []
    for path in shown:
        print(f"wrote {Path(args.out) / path}", file=sys.stderr)
    for path in write.removed if args.verbose or len(write.removed) <= LIST_AT_MOST else []:
        print(f"removed {Path(args.out) / path}", file=sys.stderr)
    if len(write.written) > len(shown):
        print(f"(--verbose lists all {len(write.written)} files written)", file=sys.stderr)
    if args.timings:
        print(" ".join(f"{stage}={seconds:.3f}s" for stage, seconds in result.timings.items()), file=sys.stderr)
    if not args.site:
        return 0
    code, output = run_mkdocs(Path.cwd(), args.site_dir)
    if output:
        print(output, file=sys.stderr)
    if code != 0:
        print("MkDocs build failed; the previous site/ is untouched.", file=sys.stderr)
        return 1
    print(
        f"Site built in {args.site_dir}/. Preview it with `make serve` (http://127.0.0.1:8000/),"
        f" or serve the folder: python -m http.server -d {args.site_dir}",
        file=sys.stderr,
    )
    return 0
