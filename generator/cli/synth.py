"""`python -m generator synth`: write a synthetic dataset laid out like data/, for benchmarks and load tests."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from generator.core.problems import GeneratorError
from generator.dataset.load import load_records
from generator.dataset.validate import campaign_start
from generator.dataset.write import record_path, render_record
from generator.tools.synth import Reference, synthesize

HELP = (
    "Write N synthetic but realistic events (and tallies) into a new data folder, with the reference data"
    " and config copied from --data. The same --seed always writes the same bytes."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--events", type=int, required=True, metavar="N", help="number of events to write")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write (must be new or empty)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--data", type=Path, default=Path("data"), help="where reference/ and config.yaml come from (default: data)"
    )


def run(args: argparse.Namespace) -> int:
    if args.events < 0:
        raise GeneratorError("--events must be 0 or more")
    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise GeneratorError(f"{out} exists and is not an empty folder; choose a new folder for synthetic data")
    source = Path(args.data)
    if not (source / "reference").is_dir():
        raise GeneratorError(f"{source}/reference does not exist (run from the repository root or pass --data)")
    dataset = load_records(source)
    lists = {kind: record.data for kind, record in dataset.reference.items() if isinstance(record.data, list)}
    records = synthesize(args.events, args.seed, Reference.from_lists(lists, campaign_start(dataset)))
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "reference", out / "reference")
    if (source / "config.yaml").is_file():
        shutil.copyfile(source / "config.yaml", out / "config.yaml")
    (out / "events").mkdir(exist_ok=True)
    (out / "tallies").mkdir(exist_ok=True)
    for record in records:
        path = record_path(out, record.kind, record.data)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_record(record.kind, record.data).encode("utf-8"))
    tallies = sum(1 for r in records if r.kind == "tally")
    print(f"Wrote {len(records) - tallies} events and {tallies} tallies into {out}.", file=sys.stderr)
    return 0
