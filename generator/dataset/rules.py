"""The validation rules, each a small object: what it checks, which records, and the check itself.

Record rules look at one record that has the schema's shape (with the reference ids and the
dates that bound it), so their findings can be cached per record. Dataset rules look across
records or at the dataset's other files (reference data, redirects, the map). Every check yields
problems and never raises, so a contributor sees every mistake in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.core.config import parse_date
from generator.core.problems import Problem, describe_type, short_repr
from generator.core.urls import SAFE_URL_DESCRIPTION, is_safe_url
from generator.core.yamlio import dotted
from generator.dataset.load import EVENT, TALLY, Dataset, Record
from generator.dataset.redirects import check_redirects
from generator.dataset.reference import KINDS
from generator.dataset.schema import schema_problems

MAX_QUOTE_WORDS = 30
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What record rules need besides the record: the calendar, the reference ids, the kept articles."""

    campaign_start: dt.date
    today: dt.date
    reference_ids: dict[str, set[str]]  # kinds whose file loaded as a list
    article_ids: frozenset[str] | None  # None: there is no data/articles folder to check against


@dataclass(frozen=True)
class RecordRule:
    name: str
    kinds: frozenset[str]
    check: Callable[[Record, Context], Iterable[Problem]]


@dataclass(frozen=True)
class DatasetRule:
    """events and tallies are the records that have the schema's shape."""

    name: str
    check: Callable[[Dataset, list[Record], list[Record]], Iterable[Problem]]


# --- one record -------------------------------------------------------------------------------


def check_id_matches_file(record: Record, context: Context) -> Iterator[Problem]:
    record_id = record.data.get("id")
    if isinstance(record_id, str) and record_id != record.stem:
        message = f"'id' is {record_id!r} but the file is named {record.stem!r}.yaml; they must be equal"
        yield Problem(record.at("id"), "id-mismatch", message, field="id")


def check_folder(record: Record, context: Context) -> Iterator[Problem]:
    date = parse_date(record.data.get("date"))
    folder = record.path.rsplit("/", 2)[-2] if record.path.count("/") >= 2 else ""
    if date and folder != str(date.year):
        message = (
            f"an event dated {date.isoformat()} belongs in data/events/{date.year}/,"
            f" not in {folder or 'the top folder'}/"
        )
        yield Problem(record.at("date"), "wrong-folder", message, field="date")


def check_dates(record: Record, context: Context) -> Iterator[Problem]:
    data, start, today = record.data, context.campaign_start, context.today
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
    for index, source in enumerate(sources_of(data)):
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
    parsed = parse_date(value)
    if parsed is None:
        name = dotted(path)
        yield Problem(record.at(*path), "bad-date", f"'{name}' {value} is not a real calendar date", field=name)
    return parsed


def sources_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    sources = data.get("sources")
    return [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []


def check_sources(record: Record, context: Context) -> Iterator[Problem]:
    """Links are safe; a quote comes only from an article the project keeps; a reader can open every source."""
    for index, source in enumerate(sources_of(record.data)):
        url, quote, article = source.get("url"), source.get("quote"), source.get("article")
        kept = isinstance(article, str) and (context.article_ids is None or article in context.article_ids)
        at = ("sources", index)
        if isinstance(url, str) and not is_safe_url(url):
            field = f"sources[{index}].url"
            message = f"'{field}' must be {SAFE_URL_DESCRIPTION}; got {short_repr(url)}"
            yield Problem(record.at(*at, "url"), "bad-url", message, field=field)
        if isinstance(quote, str) and len(quote.split()) > MAX_QUOTE_WORDS:
            field = f"sources[{index}].quote"
            message = f"'{field}' has {len(quote.split())} words; quote at most {MAX_QUOTE_WORDS}"
            yield Problem(record.at(*at, "quote"), "quote-too-long", message, field=field)
        if isinstance(quote, str) and not kept:
            field = f"sources[{index}].quote"
            message = (
                f"'{field}' quotes an article that is not kept in data/articles/; cite the report by outlet,"
                " url, published and title, and summarise it in your own words"
            )
            yield Problem(record.at(*at, "quote"), "quote-without-article", message, field=field)
        if kept:
            continue
        if not isinstance(url, str):
            message = f"'sources[{index}]' needs a 'url' (http or https) that readers can open"
            yield Problem(record.at(*at), "source-without-link", message, field=f"sources[{index}].url")
        elif not (isinstance(source.get("title"), str) and source["title"].strip()):
            message = f"'sources[{index}]' is cited by its url, so it needs the report's 'title'"
            yield Problem(record.at(*at), "source-without-title", message, field=f"sources[{index}].title")


def check_references(record: Record, context: Context) -> Iterator[Problem]:
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
        known = context.reference_ids.get(kind)
        if isinstance(value, str) and known is not None and value not in known:
            name = dotted(path)
            code = f"unknown-{kind[:-1] if kind != 'countries' else 'country'}"
            message = f"'{name}' is {value!r}, which is not an id in data/reference/{kind}.yaml"
            yield Problem(record.at(*path), code, message, field=name)


BOTH = frozenset({EVENT, TALLY})
RECORD_RULES: tuple[RecordRule, ...] = (
    RecordRule("the id is the file name", BOTH, check_id_matches_file),
    RecordRule("dates are real and in range", BOTH, check_dates),
    RecordRule("sources can be opened, and only kept articles are quoted", BOTH, check_sources),
    RecordRule("an event sits in the folder of its year", frozenset({EVENT}), check_folder),
    RecordRule("ids name reference entries", frozenset({EVENT}), check_references),
)


def check_shape(record: Record, kind: str) -> tuple[bool, list[Problem]]:
    """The schema check, and whether the record's shape lets the rules above make sense of it."""
    if not isinstance(record.data, dict):
        message = f"expected a mapping of fields, got {describe_type(record.data)}"
        return False, [Problem(record.at(), "not-a-mapping", message)]
    problems = schema_problems(record, kind, record.data)
    return not any(p.code in {"missing-field", "wrong-type"} and "." not in p.field for p in problems), problems


def check_record(record: Record, context: Context) -> tuple[bool, list[Problem]]:
    """Everything one record's own rules find, and whether it has the shape the dataset rules need."""
    shaped, problems = check_shape(record, record.kind)
    if shaped:
        for rule in RECORD_RULES:
            if record.kind in rule.kinds:
                problems.extend(rule.check(record, context))
    return shaped, problems


# --- across records and the dataset's other files -----------------------------------------------


def check_reference_files(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
    """Each reference file has the reference schema's shape, and no id twice."""
    for kind in KINDS:
        record = dataset.reference_files.get(kind)
        if record is None or record.data is None:
            continue
        yield from schema_problems(record, "reference", record.data)
        if not isinstance(record.data, list):
            continue
        seen: dict[str, int] = {}
        for index, entry in enumerate(record.data):
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(entry_id, str) and entry_id in seen:
                message = f"'[{index}].id' {entry_id!r} is already used by entry {seen[entry_id]}"
                yield Problem(record.at(index, "id"), "duplicate-id", message, field="id")
            elif isinstance(entry_id, str):
                seen[entry_id] = index


def check_base_countries(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
    """Each base's country is an id in countries.yaml (pages name the country of every base)."""
    record = dataset.reference_files.get("bases")
    countries = set(dataset.reference.ids("countries")) if dataset.reference.has("countries") else None
    if record is None or not isinstance(record.data, list) or countries is None:
        return
    for index, entry in enumerate(record.data):
        country = entry.get("country") if isinstance(entry, dict) else None
        if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) and country not in countries:
            message = f"'[{index}].country' is {country!r}, which is not an id in data/reference/countries.yaml"
            yield Problem(record.at(index, "country"), "unknown-country", message, field=f"[{index}].country")


def check_duplicate_ids(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
    for records in (events, tallies):
        by_id: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            if isinstance(record.data.get("id"), str):
                by_id[record.data["id"]].append(record)
        for record_id, group in by_id.items():
            for record in group[1:]:
                message = f"'id' {record_id!r} is already used by {group[0].path}; ids must be unique"
                yield Problem(record.at("id"), "duplicate-id", message, field="id")


def check_suspected_duplicates(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
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
            yield Problem(record.at("date"), "possible-duplicate", message, field="date")


def decreasing_tallies(items: Iterable[T], key: Callable[[T], tuple[str, int] | None]) -> Iterator[tuple[T, T]]:
    """Pairs (earlier, later) of cumulative counts where the later count is lower: official tallies never fall.

    `key` gives an item's (as_of, attacks), or None for an item that cannot be compared. Items are
    taken in date order; each is compared with the highest count stated before it.
    """
    dated = [(k, item) for item in items if (k := key(item)) is not None]
    dated.sort(key=lambda pair: pair[0])
    best: tuple[tuple[str, int], T] | None = None
    for k, item in dated:
        if best is not None and k[1] < best[0][1]:
            yield best[1], item
        if best is None or k[1] >= best[0][1]:
            best = (k, item)


def tally_key(data: Any) -> tuple[str, int] | None:
    """A tally's (as_of, attacks) when both are well-formed and the count is exact.

    A count given as "more than 70" or "about 170" is not compared: "more than 70" stated after an
    exact 73 does not contradict it.
    """
    if not isinstance(data, dict) or not isinstance(data.get("attacks"), int) or isinstance(data["attacks"], bool):
        return None
    if data.get("qualifier"):
        return None
    return (data["as_of"], data["attacks"]) if parse_date(data.get("as_of")) else None


def check_tallies_increase(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
    for earlier, later in decreasing_tallies(tallies, lambda record: tally_key(record.data)):
        message = (
            f"'attacks' {later.data['attacks']} as of {later.data['as_of']} is lower than"
            f" {earlier.data['attacks']} as of {earlier.data['as_of']} ({earlier.path});"
            " official tallies never decrease"
        )
        yield Problem(later.at("attacks"), "tally-decreases", message, field="attacks")


def check_redirects_file(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
    if dataset.redirects is not None and dataset.redirects.data is not None:
        event_ids = {r.data["id"] for r in events if isinstance(r.data.get("id"), str)}
        yield from check_redirects(dataset.redirects, event_ids)


def check_region_map(dataset: Dataset, events: list[Record], tallies: list[Record]) -> Iterator[Problem]:
    """The map's land is a GeoJSON FeatureCollection: a mapping with a list of features."""
    region = dataset.region
    if region is None or region.data is None:
        return
    data = region.data
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        message = f"expected a GeoJSON FeatureCollection (a mapping with a list of features), got {describe_type(data)}"
        where = region.at("features") if isinstance(data, dict) and "features" in data else region.at()
        yield Problem(where, "bad-region-map", message)
        return
    for index, feature in enumerate(data["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            yield Problem(region.at("features", index), "bad-region-map", f"feature {index} has no geometry mapping")


DATASET_RULES: tuple[DatasetRule, ...] = (
    DatasetRule("reference files have the reference shape and unique ids", check_reference_files),
    DatasetRule("bases are in known countries", check_base_countries),
    DatasetRule("record ids are unique", check_duplicate_ids),
    DatasetRule("one event is one record", check_suspected_duplicates),
    DatasetRule("official tallies never decrease", check_tallies_increase),
    DatasetRule("redirects lead from retired ids to events", check_redirects_file),
    DatasetRule("the map's land is GeoJSON", check_region_map),
)
