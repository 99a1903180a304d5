"""Helpers shared by commands: locating the data folder and printing reports."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.core.problems import GeneratorError, Report


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data)")


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default=None,
        help="problem output: text (path:line: message), github (PR annotations) or json;"
        " default: github when GITHUB_ACTIONS is set, else text",
    )


def data_folder(path: Path) -> Path:
    if not path.is_dir():
        raise GeneratorError(f"data folder {path} does not exist (run from the repository root or pass --data)")
    return path


def print_report(report: Report, fmt: str | None) -> None:
    """Problems as text on stderr; GitHub annotations or JSON on stdout (where the runner reads them)."""
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt == "json":
        print(report.render("json"))
        return
    if fmt == "github":
        for problem in report.sorted():
            print(problem.render_github())
        print(report.summary(), file=sys.stderr)
        return
    print(report.render("text"), file=sys.stderr)
