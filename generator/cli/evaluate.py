"""`python -m generator evaluate <corpus>`: score the extractor against gold annotations."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.core.problems import GeneratorError
from generator.ingest.evaluate import evaluate_corpus

HELP = "Run extraction on every article with a gold .yaml beside it and print precision, recall and F1."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", type=Path, help="folder of <id>.txt articles with <id>.yaml gold annotations")
    parser.add_argument("--reference", type=Path, default=None, help="reference folder (default: data/reference)")


def run(args: argparse.Namespace) -> int:
    if not args.corpus.is_dir():
        raise GeneratorError(f"corpus folder {args.corpus} does not exist")
    evaluation = evaluate_corpus(args.corpus, args.reference)
    for problem in evaluation.problems:
        print(problem.render())
    print(evaluation.render())
    return 0
