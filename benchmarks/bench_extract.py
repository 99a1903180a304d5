"""Extraction speed: articles per second on synthetic ~400-word wire reports built from the corpus.

Each synthetic article is a date line plus paragraphs drawn (deterministically) from the seeds and
dev corpus articles (never the held-out set) until it reaches about 400 words. The files are read
once and timed on their own; extraction is then timed on one core (--jobs 1) and with --jobs 2,
best of --repeat runs, since a shared machine makes single runs noisy. The load average is printed
beside the numbers so a busy machine is visible. Prints numbers; asserts nothing.

    python benchmarks/bench_extract.py [--articles 2000] [--repeat 3] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.dataset.load import load_reference, reference_of  # noqa: E402
from generator.ingest.articles import Article, load_articles  # noqa: E402
from generator.ingest.merge import extract_all  # noqa: E402
from generator.ingest.rules.names import Lexicon  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SOURCES = ("seeds", "dev")  # the held-out folder stays unseen, even as benchmark filler
REFERENCE = ROOT / "data" / "reference"
START = dt.date(2023, 10, 17)


def paragraphs() -> list[str]:
    found = []
    for path in sorted(p for folder in SOURCES for p in (CORPUS / folder).rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = text.split(" ", 2)[2] if text.startswith(" date ") else text
        found.extend(p.strip() for p in text.split("\n\n") if len(p.split()) >= 12)
    return found


def synthesize(folder: Path, count: int, words: int = 400) -> None:
    pool = paragraphs()
    rng = random.Random(17)
    for index in range(count):
        published = START + dt.timedelta(days=rng.randrange(1, 120))
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(rng.choice(pool))
        text = f" date {published.isoformat()} " + "\n\n".join(body) + "\n"
        (folder / f"synthetic_{index:05d}.txt").write_text(text, encoding="utf-8")


def best_of(repeat: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unavailable"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthesize(folder, args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt")) / args.articles
        print(f"{args.articles} synthetic articles, {words:.0f} words on average; best of {args.repeat} runs")
        articles: list[Article] = []

        def read() -> None:
            articles[:] = load_articles([folder], START)[0]

        elapsed = best_of(args.repeat, read)
        print(f"reading: {len(articles) / elapsed:8.0f} articles/second ({elapsed:.2f} s)")
        lexicon = Lexicon.from_reference(reference_of(load_reference(REFERENCE)[0]))
        for jobs in args.jobs:
            drafts: list[int] = [0]

            def extract(jobs: int = jobs, drafts: list[int] = drafts) -> None:
                found = extract_all(articles, lexicon, START, jobs=jobs)
                drafts[0] = sum(len(d) for d in found)

            print(f"  [{load_average()}]")
            elapsed = best_of(args.repeat, extract)
            print(
                f"jobs={jobs}: {len(articles) / elapsed:8.0f} articles/second"
                f" ({len(articles)} articles, {drafts[0]} drafts, {elapsed:.2f} s)"
            )
        print(f"  [{load_average()}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
