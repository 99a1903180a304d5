"""Validate loaded records: the schema first, then rules that need the calendar or other records.

Every check yields Problems; none raises or stops at the first one, so a contributor sees every
mistake in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from generator.core.cache import Store
from generator.core.problems import ERROR, WARNING, Problem, Report, pack_problem, unpack_problem
from generator.core.yamlio import dotted
from generator.dataset.load import EVENT, Dataset, Record
from generator.dataset.schema import load_schema

DEFAULT_CAMPAIGN_START = dt.date(2023, 10, 17)
MAX_QUOTE_WORDS = 30
_DATE_FIELDS = {"date", "as_of", "since", "published", "added"}
# What pages render as a link (generator/pages.py PageHelpers.safe_url), with a host.
_URL = re.compile(r"https?://[^\s\"'<>`/?#]+[^\s\"'<>`]*", re.IGNORECASE)


def validate_records(dataset: Dataset, today: dt.date | None = None, cache: Store | None = None) -> Report:
    """Check every record in the dataset; return all problems found.

    With `cache`, what each unchanged record's own checks found is taken from an earlier build. Its
    fingerprint must cover all those checks depend on besides the record: the code and schemas,
    `today`, the reference data and the config. The checks across records always run on all.
    """
    today = today or dt.date.today()
    report = Report(list(dataset.problems))
    report.extend(check_config(dataset))
    start = campaign_start(dataset)
    references = _reference_ids(dataset, report)
    report.extend(check_base_countries(dataset, references))
    context = (start, today, references)
    events = [(r, _record_checks(r, "event", context, cache)) for r in dataset.events if r.data is not None]
    tallies = [(r, _record_checks(r, "tally", context, cache)) for r in dataset.tallies if r.data is not None]
    # In the order the checks have always reported: the schema, then rules for all, then for events.
    report.extend(problem for _record, checks in events + tallies for problem in checks[1])
    report.extend(problem for _record, checks in events + tallies for problem in checks[2])
    report.extend(problem for _record, checks in events for problem in checks[3])
    shaped_events = [record for record, checks in events if checks[0]]
    shaped_tallies = [record for record, checks in tallies if checks[0]]
    report.extend(check_duplicate_ids(shaped_events))
    report.extend(check_duplicate_ids(shaped_tallies))
    report.extend(check_suspected_duplicates(shaped_events))
    report.extend(check_tallies_increase(shaped_tallies))
    return report


# What one record's own checks found: whether its shape allows the rules; problems with its shape;
# problems from the rules for every record; problems from the rules for events only.
RecordChecks = tuple[bool, list[Problem], list[Problem], list[Problem]]


def _record_checks(
    record: Record, kind: str, context: tuple[dt.date, dt.date, dict[str, set[str]]], cache: Store | None
) -> RecordChecks:
    key = f"{kind}\x00{record.path}\x00{record.digest}"
    stored = cache.get(key) if cache is not None and record.digest else None
    if stored is not None:
        ok, *lists = stored
        shape_problems, common_problems, event_problems = ([unpack_problem(p) for p in ps] for ps in lists)
        return ok, shape_problems, common_problems, event_problems
    shape = Report()
    ok = _shape_ok(record, kind, shape)
    common: list[Problem] = []
    event_only: list[Problem] = []
    if ok:
        start, today, references = context
        common = [*check_id_matches_file(record), *check_dates(record, start, today), *check_sources(record)]
        if kind == "event":
            event_only = [*check_folder(record), *check_references(record, references)]
    if cache is not None and record.digest:
        packed = [[pack_problem(p) for p in problems] for problems in (shape.problems, common, event_only)]
        cache.put(key, (ok, *packed))
    return ok, shape.problems, common, event_only


def campaign_start(dataset: Dataset) -> dt.date:
    config = dataset.config.data if dataset.config else None
    value = config.get("campaign_start") if isinstance(config, dict) else None
    return _parse_date(value) or DEFAULT_CAMPAIGN_START


def check_config(dataset: Dataset) -> Iterator[Problem]:
    """data/config.yaml: a mapping whose campaign_start, when given, is a real date (else the default applies)."""
    record = dataset.config
    if record is None or record.data is None:
        return
    if not isinstance(record.data, dict):
        yield Problem(record.at(), "not-a-mapping", f"expected a mapping of settings, got {_type(record.data)}")
        return
    if "campaign_start" in record.data and _parse_date(record.data["campaign_start"]) is None:
        value = record.data["campaign_start"]
        message = f"'campaign_start' must be a real date as YYYY-MM-DD; got {_short(value)}"
        yield Problem(record.at("campaign_start"), "bad-date", message, field="campaign_start")


# --- schema ------------------------------------------------------------------------------------


def _shape_ok(record: Record, kind: str, report: Report) -> bool:
    """Schema check; returns False when the record is too broken for the rules below to make sense."""
    if not isinstance(record.data, dict):
        report.add(Problem(record.at(), "not-a-mapping", f"expected a mapping of fields, got {_type(record.data)}"))
        return False
    schema = load_schema(kind)
    if schema.is_valid(record.data):
        return True
    problems = [_schema_problem(record, error) for error in schema.full.iter_errors(record.data)]
    report.extend(problems)
    return not any(p.code in {"missing-field", "wrong-type"} and "." not in p.field for p in problems)


def _schema_problem(record: Record, error: Any) -> Problem:
    path = tuple(error.absolute_path)
    name = dotted(path) or "record"
    validator = error.validator
    if validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        field = dotted((*path, missing[0])) if missing else name
        return Problem(record.at(*path), "missing-field", f"'{field}' is required but missing", field=field)
    if validator == "additionalProperties":
        extra = _extra_key(error)
        if extra is _NO_KEY:
            return Problem(record.at(*path), "unknown-field", f"'{name}' has a field that is not known", field=name)
        field = dotted((*path, str(extra)))
        hint = "check the spelling" if isinstance(extra, str) else "field names are text"
        return Problem(
            record.at(*path, extra), "unknown-field", f"'{field}' is not a known field ({hint})", field=field
        )
    if validator == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        message = f"'{name}' must be {expected_text}; got {_type(error.instance)} {_short(error.instance)}"
        return Problem(record.at(*path), "wrong-type", message, field=name)
    if validator == "pattern" and path and path[-1] in _DATE_FIELDS:
        message = f"'{name}' must be YYYY-MM-DD; got {_short(error.instance)}"
        return Problem(record.at(*path), "bad-date", message, field=name)
    if validator == "pattern" and (path[-1:] in (("id",), ("base",)) or _is_id_list(path)):
        message = (
            f"'{name}' must be lower-case letters, digits and hyphens"
            f" (3-81 characters, starting with a letter or digit); got {_short(error.instance)}"
        )
        return Problem(record.at(*path), "bad-id", message, field=name)
    if validator in {"minimum", "maximum"}:
        bound = "at least" if validator == "minimum" else "at most"
        message = f"'{name}' must be {bound} {error.validator_value}; got {error.instance}"
        return Problem(record.at(*path), "bad-number", message, field=name)
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        message = f"'{name}' must be one of: {options}; got {_short(error.instance)}"
        return Problem(record.at(*path), "bad-value", message, field=name)
    if validator in {"minLength", "minItems"}:
        return Problem(record.at(*path), "empty-field", f"'{name}' must not be empty", field=name)
    if validator in {"maxLength", "maxItems"}:
        message = f"'{name}' is too long (limit {error.validator_value})"
        return Problem(record.at(*path), "too-long", message, field=name)
    if validator == "uniqueItems":
        return Problem(record.at(*path), "repeated-item", f"'{name}' lists the same value twice", field=name)
    return Problem(record.at(*path), "schema", f"'{name}': {error.message[:200]}", field=name)


def _is_id_list(path: tuple[Any, ...]) -> bool:
    return len(path) == 2 and path[0] in {"weapons", "claimed_by", "targets"}


_NO_KEY = object()


def _extra_key(error: Any) -> Any:
    """The first key of the mapping that the schema does not list (any type: `1:` gives the number 1)."""
    known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    return next((key for key in instance if not (isinstance(key, str) and key in known)), _NO_KEY)


def _type(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- per-record rules ---------------------------------------------------------------------------


def check_id_matches_file(record: Record) -> Iterator[Problem]:
    record_id = record.data.get("id")
    if isinstance(record_id, str) and record_id != record.stem:
        yield Problem(
            record.at("id"),
            "id-mismatch",
            f"'id' is {record_id!r} but the file is named {record.stem!r}.yaml; they must be equal",
            field="id",
        )


def check_folder(record: Record) -> Iterator[Problem]:
    date = _parse_date(record.data.get("date"))
    folder = record.path.rsplit("/", 2)[-2] if record.path.count("/") >= 2 else ""
    if date and folder != str(date.year):
        yield Problem(
            record.at("date"),
            "wrong-folder",
            f"an event dated {date.isoformat()} belongs in data/events/{date.year}/,"
            f" not in {folder or 'the top folder'}/",
            field="date",
        )


def check_dates(record: Record, start: dt.date, today: dt.date) -> Iterator[Problem]:
    data = record.data
    main_field = "date" if record.kind == EVENT else "as_of"
    main = yield from _real_date(record, (main_field,), data.get(main_field))
    if main and main < start:
        message = f"'{main_field}' {main.isoformat()} is before the campaign start {start.isoformat()}"
        yield Problem(record.at(main_field), "date-before-campaign", message, field=main_field)
    if main and main > today:
        message = f"'{main_field}' {main.isoformat()} is in the future (today is {today.isoformat()})"
        yield Problem(record.at(main_field), "date-in-future", message, field=main_field)
    if "since" in data:
        yield from _real_date(record, ("since",), data.get("since"))
    for index, source in enumerate(_sources(data)):
        published = yield from _real_date(record, ("sources", index, "published"), source.get("published"))
        field = f"sources[{index}].published"
        if published and published > today:
            message = f"'{field}' {published.isoformat()} is in the future (today is {today.isoformat()})"
            yield Problem(record.at("sources", index, "published"), "date-in-future", message, field=field)
        if main and published and main > published:
            message = f"'{main_field}' {main.isoformat()} is after the source's publication date {published}"
            yield Problem(record.at(main_field), "date-after-source", message, field=main_field)


def _real_date(record: Record, path: tuple[Any, ...], value: Any) -> Iterator[Problem] | Any:
    """Generator helper: yields a bad-date problem for impossible calendar dates, returns the date."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # the schema already reported the shape
    parsed = _parse_date(value)
    if parsed is None:
        name = dotted(path)
        yield Problem(record.at(*path), "bad-date", f"'{name}' {value} is not a real calendar date", field=name)
    return parsed


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _sources(data: dict[str, Any]) -> list[dict[str, Any]]:
    sources = data.get("sources")
    return [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []


def check_sources(record: Record) -> Iterator[Problem]:
    for index, source in enumerate(_sources(record.data)):
        url = source.get("url")
        if isinstance(url, str) and not _URL.fullmatch(url):
            field = f"sources[{index}].url"
            yield Problem(
                record.at("sources", index, "url"),
                "bad-url",
                f"'{field}' must be an http:// or https:// link without spaces, quotes or <>; got {_short(url)}",
                field=field,
            )
        quote = source.get("quote")
        if isinstance(quote, str) and len(quote.split()) > MAX_QUOTE_WORDS:
            field = f"sources[{index}].quote"
            yield Problem(
                record.at("sources", index, "quote"),
                "quote-too-long",
                f"'{field}' has {len(quote.split())} words; quote at most {MAX_QUOTE_WORDS}",
                field=field,
            )


def check_references(record: Record, references: dict[str, set[str]]) -> Iterator[Problem]:
    data = record.data
    location = data.get("location") if isinstance(data.get("location"), dict) else {}
    checks: list[tuple[tuple[Any, ...], Any, str]] = [
        (("location", "base"), location.get("base"), "bases"),
        (("location", "country"), location.get("country"), "countries"),
    ]
    for list_field, kind in (("weapons", "weapons"), ("claimed_by", "actors"), ("targets", "actors")):
        values = data.get(list_field)
        if isinstance(values, list):
            checks.extend(((list_field, i), v, kind) for i, v in enumerate(values))
    for path, value, kind in checks:
        if isinstance(value, str) and kind in references and value not in references[kind]:
            name = dotted(path)
            code = f"unknown-{kind[:-1] if kind != 'countries' else 'country'}"
            message = f"'{name}' is {value!r}, which is not an id in data/reference/{kind}.yaml"
            yield Problem(record.at(*path), code, message, field=name)


def _reference_ids(dataset: Dataset, report: Report) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for kind, record in dataset.reference.items():
        if record.data is None:
            continue
        schema = load_schema("reference")
        if not schema.is_valid(record.data):
            report.extend(_schema_problem(record, error) for error in schema.full.iter_errors(record.data))
        if not isinstance(record.data, list):
            continue  # reported above; without a list of entries, references to this kind cannot be checked
        seen: dict[str, int] = {}
        for index, entry in enumerate(record.data):
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(entry_id, str) and entry_id in seen:
                message = f"'[{index}].id' {entry_id!r} is already used by entry {seen[entry_id]}"
                report.add(Problem(record.at(index, "id"), "duplicate-id", message, field="id"))
            elif isinstance(entry_id, str):
                seen[entry_id] = index
        ids[kind] = set(seen)
    return ids


def check_base_countries(dataset: Dataset, references: dict[str, set[str]]) -> Iterator[Problem]:
    """Each base's country is an id in countries.yaml (pages name the country of every base)."""
    record = dataset.reference.get("bases")
    if record is None or not isinstance(record.data, list) or "countries" not in references:
        return
    for index, entry in enumerate(record.data):
        country = entry.get("country") if isinstance(entry, dict) else None
        if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) and country not in references["countries"]:
            message = f"'[{index}].country' is {country!r}, which is not an id in data/reference/countries.yaml"
            yield Problem(record.at(index, "country"), "unknown-country", message, field=f"[{index}].country")


# --- cross-record rules -------------------------------------------------------------------------


def check_duplicate_ids(records: list[Record]) -> Iterator[Problem]:
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if isinstance(record.data.get("id"), str):
            by_id[record.data["id"]].append(record)
    for record_id, group in by_id.items():
        for record in group[1:]:
            message = f"'id' {record_id!r} is already used by {group[0].path}; ids must be unique"
            yield Problem(record.at("id"), "duplicate-id", message, field="id")


def check_suspected_duplicates(events: list[Record]) -> Iterator[Problem]:
    """Same type, date and base (or, without a base, the same place): probably one event twice."""
    groups: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    for record in events:
        location = record.data.get("location")
        kind, date = record.data.get("type"), record.data.get("date")
        if not (isinstance(location, dict) and isinstance(kind, str) and isinstance(date, str)):
            continue  # the schema has reported it
        base, place = location.get("base"), location.get("place")
        place = place.strip().lower() if isinstance(place, str) else ""
        if isinstance(base, str) and base:
            site = base
        elif place:
            site = repr((location.get("country"), place))
        else:
            continue
        groups[(kind, date, site)].append(record)
    for group in groups.values():
        for record in group[1:]:
            message = (
                f"{record.data.get('type')} on {record.data.get('date')} at the same site as {group[0].path};"
                " if this is one event, merge the two records and keep both sources"
            )
            yield Problem(record.at("date"), "possible-duplicate", message, WARNING, field="date")


def check_tallies_increase(tallies: list[Record]) -> Iterator[Problem]:
    """Official cumulative counts only grow: a smaller count stated later is a typo or a misreading."""
    ordered = sorted(
        (r for r in tallies if _parse_date(r.data.get("as_of")) and isinstance(r.data.get("attacks"), int)),
        key=lambda r: (r.data["as_of"], r.data["attacks"]),
    )
    for earlier, later in _pairs(ordered):
        if later.data["attacks"] < earlier.data["attacks"]:
            message = (
                f"'attacks' {later.data['attacks']} as of {later.data['as_of']} is lower than"
                f" {earlier.data['attacks']} as of {earlier.data['as_of']} ({earlier.path});"
                " official tallies never decrease"
            )
            yield Problem(later.at("attacks"), "tally-decreases", message, ERROR, field="attacks")


def _pairs(items: list[Record]) -> Iterable[tuple[Record, Record]]:
    best: Record | None = None
    for item in items:
        if best is not None:
            yield best, item
        if best is None or item.data["attacks"] >= best.data["attacks"]:
            best = item
