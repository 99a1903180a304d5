"""From article files to the records they would add or change, checked before anything is written.

plan_update reads the articles (through the one reader), extracts drafts, merges them into the
loaded records and returns the dataset as it would be once the changed files are written. The
caller validates that dataset in memory and writes the files (generator.dataset.write.write_files)
only when it is valid, so a failed run never leaves data/ half-changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.core.files import digest_of
from generator.core.problems import Location, Problem
from generator.core.yamlio import parse_yaml
from generator.dataset.load import Dataset, Record, display_path, load_records, load_reference
from generator.dataset.validate import validate_records
from generator.dataset.write import write_files
from generator.ingest.articles import Input, load_articles
from generator.ingest.fetch import TIMEOUT_SECONDS
from generator.ingest.merge import extract_all, merge_drafts
from generator.ingest.rules.names import Lexicon


@dataclass
class Update:
    dataset: Dataset  # the records as they would be once `files` are written
    files: dict[Path, str] = field(default_factory=dict)  # {path on disk: new text}
    problems: list[Problem] = field(default_factory=list)  # articles that could not be read, merge warnings
    articles: int = 0
    drafts: int = 0
    unchanged: int = 0

    def displays(self) -> dict[Path, str]:
        """Each file to write, as problems and messages name it."""
        return {path: display_path(path, self.dataset.base) for path in self.files}


def plan_update(
    dataset: Dataset,
    article_paths: Sequence[Input],
    jobs: int = 1,
    lexicon: Lexicon | None = None,
    timeout: float = TIMEOUT_SECONDS,
    keep_text: Path | None = None,
) -> Update:
    """Extract drafts from the articles (files, folders, pages, URLs) and merge them into the dataset's records,
    in memory."""
    lexicon = lexicon or Lexicon.from_reference(dataset.reference)
    start = dataset.settings.campaign_start
    articles, problems = load_articles(article_paths, start, timeout, keep_text)
    drafts = extract_all(articles, lexicon, start, jobs)
    kept_folder = (dataset.root / "articles").resolve()
    for article, found in zip(articles, drafts, strict=True):
        if article.path.resolve().parent != kept_folder:
            _cite_by_link(found)
    merged = merge_drafts(dataset, list(zip(articles, drafts, strict=True)), lexicon)
    update = Update(dataset, merged.files, [*problems, *merged.problems], len(articles), merged.drafts)
    update.unchanged = merged.unchanged
    records = [_record(path, merged.kinds[path], text, dataset) for path, text in sorted(merged.files.items())]
    update.dataset = dataset.with_records(records)
    return update


def _cite_by_link(drafts: list[dict[str, Any]]) -> None:
    """Drafts from an article the project does not keep cite it by URL and title: no article id, no quote."""
    for draft in drafts:
        for source in draft.get("sources") or []:
            source["article"] = None
            source.pop("quote", None)


def _record(path: Path, kind: str, text: str, dataset: Dataset) -> Record:
    display = display_path(path, dataset.base)
    raw = text.encode("utf-8")
    return Record(kind, display, parse_yaml(raw, display), digest_of(raw), file=str(path))


REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@dataclass
class ExtractRun:
    """What `generator extract` did: files written (all or none), and every problem."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    articles: int = 0
    drafts: int = 0


def update_records(
    article_paths: Sequence[Input],
    data_dir: Path,
    jobs: int = 1,
    reference_dir: Path | None = None,
    timeout: float = TIMEOUT_SECONDS,
    keep_text: Path | None = None,
) -> ExtractRun:
    """Extract drafts from the articles into the data folder: merged, checked, then written all at once.

    The reference data is --reference, else the data folder's own, else the repository's. Nothing is
    written when a new or changed record would not validate; its problems say why.
    """
    data_dir = Path(data_dir)
    dataset = load_records(data_dir) if data_dir.is_dir() else Dataset(root=data_dir, base=data_dir.parent)
    if reference_dir is not None or "bases" not in dataset.reference_files:
        folder = reference_dir if reference_dir is not None else REPO_DATA / "reference"
        files, reference_problems = load_reference(folder, dataset.base)
        dataset = replace(dataset, reference_files=files, problems=[*dataset.problems, *reference_problems])
    update = plan_update(dataset, article_paths, jobs, timeout=timeout, keep_text=keep_text)
    run = ExtractRun(list(update.problems), [], update.unchanged, update.articles, update.drafts)
    displays = update.displays()
    own = set(displays.values())
    report = validate_records(update.dataset)
    errors = [p for p in report.errors if p.location.path in own]
    run.problems.extend(p for p in report.problems if p.location.path in own)
    if errors or not update.files:
        return run
    try:
        run.written = write_files(update.files)
    except OSError as err:
        where = Location(displays[min(update.files)])
        run.problems.append(Problem(where, "write-failed", f"cannot write: {err.strerror or err}; nothing was written"))
    return run
