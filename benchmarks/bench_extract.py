"""Extraction speed: articles per second on synthetic ~400-word wire reports built from the corpus.

Each synthetic article is a date line plus paragraphs drawn (deterministically) from the corpus
articles until it reaches about 400 words. Times reading the files and extracting drafts, on one
core and with --jobs 2. Prints numbers; asserts nothing.

    python benchmarks/bench_extract.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.articles import load_articles  # noqa: E402
from generator.merge import extract_all  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
REFERENCE = ROOT / "data" / "reference"
START = dt.date(2023, 10, 17)


def paragraphs() -> list[str]:
    found = []
    for path in sorted(CORPUS.rglob("*.txt")):
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


def measure(folder: Path, jobs: int) -> tuple[float, int, int]:
    began = time.perf_counter()
    articles, _ = load_articles([folder], START)
    drafts = extract_all(articles, REFERENCE, START, jobs=jobs)
    elapsed = time.perf_counter() - began
    return elapsed, len(articles), sum(len(d) for d in drafts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthesize(folder, args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt")) / args.articles
        print(f"{args.articles} synthetic articles, {words:.0f} words on average")
        for jobs in (1, 2):
            elapsed, count, drafts = measure(folder, jobs)
            print(
                f"jobs={jobs}: {count / elapsed:8.0f} articles/second"
                f" ({count} articles, {drafts} drafts, {elapsed:.2f} s)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
