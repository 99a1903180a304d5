"""`python -m generator extract <articles...> --out <dir>`: draft records from news articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.common import add_format_argument, print_report
from generator.core.problems import GeneratorError, Report
from generator.ingest.update import update_records

HELP = "Extract draft event and tally records from article files or folders into a data folder."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("articles", nargs="+", type=Path, help="article files (.txt, .md) or folders of them")
    parser.add_argument("--out", type=Path, default=Path("data"), help="data folder to write into (default: data)")
    parser.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="reference folder (default: <out>/reference when present, else the repository's data/reference)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    add_format_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise GeneratorError("--jobs must be at least 1")
    if args.out.exists() and not args.out.is_dir():
        raise GeneratorError(f"--out {args.out} is not a folder")
    result = update_records(args.articles, args.out, jobs=args.jobs, reference_dir=args.reference)
    report = Report(list(result.problems))
    print_report(report, args.format)
    print(
        f"extract: {result.articles} articles, {result.drafts} drafts; "
        f"{len(result.written)} files written, {result.unchanged} unchanged",
        file=sys.stderr,
    )
    return 1 if report.errors else 0
