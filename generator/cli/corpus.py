"""`python -m generator corpus`: rebuild, check and review the real-text corpus (tests/realtext).

corpus queries                      the search look-ups that rebuild every text
corpus rebuild ANSWERS... --out DIR write the texts found in saved search answers (the tool's JSON)
corpus rebuild --excerpts DIR ...   or from bare excerpts saved as <id>.txt
corpus check --texts DIR            every text present and unchanged, every gold file there, splits right
corpus review --texts DIR           compare the extractor's drafts with the gold files; write the review log
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

from generator.cli.common import print_report
from generator.core.files import read_yaml_file
from generator.core.problems import GeneratorError, Report
from generator.dataset.load import load_records
from generator.ingest.articles import load_articles
from generator.ingest.extract import extract_drafts
from generator.ingest.rules.names import Lexicon
from generator.tools.corpus import (
    Manifest,
    check_texts,
    compare,
    load_manifest,
    rebuild_from_excerpts,
    rebuild_from_responses,
    review_entry,
    review_log,
    vocabulary_bases,
)

HELP = "Rebuild the real-text corpus's texts into a scratch folder, check them, and review the extractor on them."
CORPUS = Path("tests") / "realtext"
SCRATCH = Path("/tmp") / "realtext" / "texts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("queries", "rebuild", "check", "review"), help="what to do (see above)")
    parser.add_argument("answers", nargs="*", type=Path, help="rebuild: saved search answers (JSON files)")
    parser.add_argument("--manifest", type=Path, default=CORPUS / "manifest.yaml", help="default: %(default)s")
    parser.add_argument("--gold", type=Path, default=CORPUS / "gold", help="gold folder (default: %(default)s)")
    parser.add_argument(
        "--texts", type=Path, default=SCRATCH, help="the scratch folder of texts (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=SCRATCH, help="rebuild: where to write (default: %(default)s)")
    parser.add_argument("--excerpts", type=Path, help="rebuild: a folder of bare excerpts named <id>.txt")
    parser.add_argument(
        "--vocabulary", type=Path, default=Path("tests") / "corpus" / "vocabulary.yaml", help="default: %(default)s"
    )
    parser.add_argument(
        "--log",
        type=Path,
        default=Path("data") / "extraction-review.yaml",
        help="review: the log (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    manifest = load_manifest(args.manifest)
    if manifest.problems:
        print_report(Report(manifest.problems), None)
        return 1
    if args.action == "queries":
        for query, ids in manifest.queries().items():
            print(f"{query}\t{' '.join(ids)}")
        return 0
    if args.action == "rebuild":
        return _rebuild(args, manifest)
    if args.action == "check":
        wrong = check_texts(manifest, args.texts, args.gold)
        for line in wrong:
            print(line, file=sys.stderr)
        print(f"{len(manifest.entries)} articles, {len(wrong)} problems", file=sys.stderr)
        return 1 if wrong else 0
    return _review(args, manifest)


def _rebuild(args: argparse.Namespace, manifest: Manifest) -> int:
    if args.excerpts is None and not args.answers:
        raise GeneratorError("give saved search answers (JSON files) or --excerpts DIR")
    if args.excerpts is not None:
        result = rebuild_from_excerpts(manifest, args.excerpts, args.out)
    else:
        result = rebuild_from_responses(manifest, args.answers, args.out)
    print_report(Report(result.problems), None)
    for article in result.mismatched:
        print(f"{article}: the text found differs from the one annotated (sha256)", file=sys.stderr)
    print(
        f"rebuilt {len(result.written)} texts in {args.out}; {len(result.mismatched)} differ from the manifest;"
        f" {len(result.missing)} not found in what was given",
        file=sys.stderr,
    )
    return 0 if not result.mismatched else 1


def _review(args: argparse.Namespace, manifest: Manifest) -> int:
    dataset = load_records(Path("data"))
    lexicon = Lexicon.from_reference(dataset.reference)
    start = dataset.settings.campaign_start
    vocabulary = vocabulary_bases(args.vocabulary)
    entries = []
    for entry in manifest.entries:
        articles, problems = load_articles([args.texts / f"{entry['id']}.txt"], start)
        gold = read_yaml_file(args.gold / f"{entry['id']}.yaml", f"{args.gold}/{entry['id']}.yaml")
        if not articles or not isinstance(gold.data, dict):
            print_report(Report([*problems, *gold.problems]), None)
            return 1
        drafts = extract_drafts(articles[0], lexicon, start)
        entries.append(review_entry(entry, compare(drafts, gold.data, vocabulary)))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    extractor = f"generator as of commit {commit.stdout.strip() or 'unknown'}"
    args.log.write_text(review_log(entries, extractor, dt.date.today()), encoding="utf-8")
    print(f"reviewed {len(entries)} articles; wrote {args.log}", file=sys.stderr)
    return 0
