"""Command line: `python -m generator <command>`. Each command lives in generator/cli/<name>.py.

A command module defines HELP, add_arguments(parser) and run(args) -> exit code. Only the CLI
layer (this package) prints or exits.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from generator.core.problems import GeneratorError

COMMANDS = ("validate", "build", "extract", "evaluate", "new", "synth", "codes", "corpus")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the chronology site from records, extract records from articles, validate data.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"generator.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"generator.cli.{name}":
                raise
            continue  # a command whose module is not part of this checkout
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except GeneratorError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (for example `... | head`); there is nobody left to tell.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit, so the final flush is silent
        return 1
