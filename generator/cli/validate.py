"""`python -m generator validate`: check every record and report all problems."""

from __future__ import annotations

import argparse

from generator.cli.common import add_data_argument, add_format_argument, data_folder, print_report
from generator.dataset.load import load_records
from generator.dataset.validate import validate_records

HELP = "Check every record in the data folder and report all problems as path:line: message."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_argument(parser)
    add_format_argument(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run(args: argparse.Namespace) -> int:
    report = validate_records(load_records(data_folder(args.data)))
    print_report(report, args.format)
    failed = report.errors or (args.strict and report.warnings)
    return 1 if failed else 0
