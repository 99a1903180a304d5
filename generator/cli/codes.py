"""`python -m generator codes`: the problem-code catalogue as the Markdown page docs/reference/problems.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.core.codes import render_markdown

HELP = "Print the catalogue of problem codes (generator/core/codes.py) as Markdown, or write it with --write."
PAGE = Path("docs") / "reference" / "problems.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--write", action="store_true", help=f"write {PAGE} instead of printing it")


def run(args: argparse.Namespace) -> int:
    text = render_markdown()
    if not args.write:
        sys.stdout.write(text)
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"Wrote {PAGE}.", file=sys.stderr)
    return 0
