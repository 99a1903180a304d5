"""`python -m generator synth`: write a synthetic dataset laid out like data/, for benchmarks and load tests."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.core.problems import GeneratorError
from generator.dataset.load import load_records
from generator.tools.synth import SynthInputs, synthesize, write_synthetic

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
    broken = [p for p in dataset.problems if p.severity == "error" and "/events/" not in p.location.path]
    if broken:
        raise GeneratorError(f"fix the reference data or config first: {broken[0].render()}")
    inputs = SynthInputs.from_reference(dataset.reference, dataset.settings.campaign_start)
    records = synthesize(args.events, args.seed, inputs)
    write_synthetic(dataset, records, out)
    tallies = sum(1 for r in records if r.kind == "tally")
    print(f"Wrote {len(records) - tallies} events and {tallies} tallies into {out}.", file=sys.stderr)
    return 0
