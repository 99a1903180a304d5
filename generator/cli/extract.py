"""`python -m generator extract <articles...> --out <dir>`: draft records from news articles, pages and URLs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.common import add_format_argument, print_report
from generator.core.problems import GeneratorError, Report
from generator.ingest.articles import Input, is_url
from generator.ingest.fetch import TIMEOUT_SECONDS
from generator.ingest.update import update_records

HELP = (
    "Extract draft event and tally records from article files (.txt, .md), web pages (.html) or http(s) URLs"
    " into a data folder."
)


def _input(value: str) -> Input:
    return value if is_url(value) else Path(value)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "articles",
        nargs="+",
        type=_input,
        help="article files (.txt, .md), saved web pages (.html, .htm), folders of them, or http(s) URLs",
    )
    parser.add_argument("--out", type=Path, default=Path("data"), help="data folder to write into (default: data)")
    parser.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="reference folder (default: <out>/reference when present, else the repository's data/reference)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_SECONDS,
        help=f"seconds to wait for each URL before giving up on it (default: {TIMEOUT_SECONDS:g})",
    )
    parser.add_argument(
        "--keep-text",
        type=Path,
        default=None,
        help="folder (outside the repository) to keep the main text of each page in, so drafts cite its lines",
    )
    add_format_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise GeneratorError("--jobs must be at least 1")
    if not args.timeout > 0:
        raise GeneratorError("--timeout must be more than 0 seconds")
    if args.out.exists() and not args.out.is_dir():
        raise GeneratorError(f"--out {args.out} is not a folder")
    if args.keep_text is not None and args.keep_text.exists() and not args.keep_text.is_dir():
        raise GeneratorError(f"--keep-text {args.keep_text} is not a folder")
    result = update_records(
        args.articles, args.out, jobs=args.jobs, reference_dir=args.reference, timeout=args.timeout,
        keep_text=args.keep_text,
    )  # fmt: skip
    report = Report(list(result.problems))
    print_report(report, args.format)
    print(
        f"extract: {result.articles} articles, {result.drafts} drafts; "
        f"{len(result.written)} files written, {result.unchanged} unchanged",
        file=sys.stderr,
    )
    return 1 if report.errors else 0
