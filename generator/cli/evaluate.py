"""`python -m generator evaluate`: score the extractor against gold annotations, error by kind."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.core.problems import GeneratorError
from generator.ingest.evaluate import ERROR_KINDS, SPLITS, Evaluation, evaluate_corpus, evaluate_folders

HELP = (
    "Run extraction on articles with gold annotations and print precision, recall and F1 per record kind,"
    " attribute accuracy, and the errors sorted by kind (date off by a day, wrong base, missed tally, ...)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus", type=Path, nargs="?", help="folder of <id>.txt articles with their <id>.yaml gold beside them"
    )
    parser.add_argument("--texts", type=Path, help="folder of <id>.txt articles (with --gold)")
    parser.add_argument("--gold", type=Path, help="folder of <id>.yaml gold annotations (with --texts)")
    parser.add_argument("--manifest", type=Path, help="manifest.yaml listing the articles with their split")
    parser.add_argument("--split", choices=SPLITS, help="evaluate only the articles of this split of the manifest")
    parser.add_argument("--reference", type=Path, default=None, help="reference folder (default: data/reference)")
    parser.add_argument("--summary", action="store_true", help="print the tables and error counts only, no list")
    parser.add_argument(
        "--errors",
        metavar="KIND",
        help="list only the errors of this kind, with their article ids (for example 'missed incident');"
        " a unique part of a kind's name is enough",
    )


def run(args: argparse.Namespace) -> int:
    only = _error_kind(args.errors) if args.errors else None
    evaluation = _evaluate(args)
    for problem in evaluation.problems:
        print(problem.render())
    print(evaluation.render(details=not args.summary and only is None, only=only))
    return 0


def _error_kind(text: str) -> str:
    """The error kind `text` names: the kind itself, or a part of exactly one kind's name."""
    if text in ERROR_KINDS:
        return text
    found = [kind for kind in ERROR_KINDS if text.lower() in kind]
    if len(found) != 1:
        choices = ", ".join(f"'{k}'" for k in ERROR_KINDS)
        raise GeneratorError(f"--errors {text!r} names {'no' if not found else 'more than one'} kind; kinds: {choices}")
    return found[0]


def _evaluate(args: argparse.Namespace) -> Evaluation:
    if args.corpus is not None:
        if args.texts or args.gold or args.manifest or args.split:
            raise GeneratorError("give a corpus folder, or --texts and --gold, not both")
        if not args.corpus.is_dir():
            raise GeneratorError(f"corpus folder {args.corpus} does not exist")
        return evaluate_corpus(args.corpus, args.reference)
    if args.texts is None or args.gold is None:
        raise GeneratorError("give a corpus folder, or --texts DIR and --gold DIR")
    for name, folder in (("--texts", args.texts), ("--gold", args.gold)):
        if not folder.is_dir():
            raise GeneratorError(f"{name} folder {folder} does not exist")
    if args.split and args.manifest is None:
        raise GeneratorError("--split needs --manifest")
    if args.manifest is not None and not args.manifest.is_file():
        raise GeneratorError(f"manifest {args.manifest} does not exist")
    return evaluate_folders(args.texts, args.gold, args.manifest, args.split, args.reference)
