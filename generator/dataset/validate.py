"""Validate a loaded dataset: the schema first, then the rules (generator/dataset/rules.py).

Every rule yields problems; none raises or stops at the first one, so a contributor sees every
mistake in one run.
"""

from __future__ import annotations

import datetime as dt

from generator.core.cache import Store
from generator.core.problems import Problem, Report, pack_problem, unpack_problem
from generator.dataset.load import Dataset, Record
from generator.dataset.rules import DATASET_RULES, Context, check_record


def validate_records(dataset: Dataset, today: dt.date | None = None, cache: Store | None = None) -> Report:
    """Check every record in the dataset; return all problems found.

    With `cache`, what each unchanged record's own rules found is taken from an earlier build. Its
    fingerprint must cover all those rules depend on besides the record: the code and schemas,
    `today`, the reference data, the config and the kept articles. The dataset rules always run.
    """
    reference = dataset.reference
    context = Context(
        campaign_start=dataset.settings.campaign_start,
        today=today or dt.date.today(),
        reference_ids={kind: set(reference.ids(kind)) for kind in reference.entries},
        article_ids=dataset.article_ids,
    )
    report = Report(list(dataset.problems))
    shaped: dict[str, list[Record]] = {"event": [], "tally": []}
    for record in [*dataset.events, *dataset.tallies]:
        if record.data is None:
            continue  # unreadable: its problems are in dataset.problems
        ok, problems = _checked(record, context, cache)
        report.extend(problems)
        if ok:
            shaped[record.kind].append(record)
    for rule in DATASET_RULES:
        report.extend(rule.check(dataset, shaped["event"], shaped["tally"]))
    return report


def _checked(record: Record, context: Context, cache: Store | None) -> tuple[bool, list[Problem]]:
    key = f"{record.kind}\x00{record.path}\x00{record.digest}"
    stored = cache.get(key) if cache is not None and record.digest else None
    if stored is not None:
        ok, packed = stored
        return ok, [unpack_problem(p) for p in packed]
    ok, problems = check_record(record, context)
    if cache is not None and record.digest:
        cache.put(key, (ok, [pack_problem(p) for p in problems]))
    return ok, problems
