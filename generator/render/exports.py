"""Downloads: all events as CSV, JSON and GeoJSON, the tallies as CSV, and the data dictionary and licence
that go with them (datapackage.json, README.txt). Also the compact index the site's own pages read in the
browser (the chronology's filter, the map). Byte-identical for the same data.

Every column is described once, in EVENT_COLUMNS and TALLY_COLUMNS: the downloads page, datapackage.json
and README.txt are made from them, so the dictionary cannot miss a column.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.core.cache import Store
from generator.render.geo import map_data, map_frame
from generator.render.model import Chronology, Event, event_kind, event_where

DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CODE_LICENSE = {"name": "MIT", "title": "MIT License", "path": "https://opensource.org/license/mit"}
ATTRIBUTION = "the chronology's title and the event's page URL, and the original sources each record names"

# (column, type, description): the data dictionary of events.csv. JSON and GeoJSON use the same names.
EVENT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "Stable id of the record; the event's page is <site>/events/<id>/."),
    ("url", "string", "Permanent address of the event's page on this site: cite this."),
    ("type", "string", "attack: on U.S./coalition forces; strike: by U.S./coalition forces."),
    ("date", "date", "Day the event happened (YYYY-MM-DD); see date_precision."),
    (
        "date_precision",
        "string",
        "day, week or month: how precisely the date is known. For week or month the event "
        "happened some day in that ISO week (Monday to Sunday) or calendar month.",
    ),
    ("base", "string", "Id of the base attacked or struck, empty for an unnamed site (see place)."),
    ("base_name", "string", "Name of that base."),
    ("country", "string", "ISO 3166-1 alpha-2 code of the country (IQ, SY, JO, ...)."),
    ("place", "string", "The place as the sources report it."),
    ("lat", "number", "Latitude of the base (approximate; see precision_km). Empty for an unnamed site."),
    ("lon", "number", "Longitude of the base (approximate). Empty for an unnamed site."),
    ("precision_km", "number", "How far the base may be from lat/lon, in kilometres, when known."),
    ("weapons", "string", "Weapon ids, separated by ';' (drone, rocket, missile, mortar, ied, small-arms, unknown)."),
    ("claimed_by", "string", "For attacks: ids of the groups that claimed it, separated by ';'."),
    ("targets", "string", "For strikes: ids of the groups struck, separated by ';'."),
    ("us_killed", "integer", "U.S./coalition personnel killed; empty when not reported, 0 when reported as none."),
    ("us_injured", "integer", "U.S./coalition personnel injured; empty when not reported, 0 when reported as none."),
    ("killed", "integer", "For strikes: people killed by the strike; empty when not reported."),
    ("at_least", "string", "Casualty columns whose figure is a lower bound ('at least 34'), separated by ';'."),
    (
        "intercepted",
        "boolean",
        "true when the attack was shot down or intercepted, false when it hit; empty when unknown.",
    ),
    ("summary", "string", "One or two sentences saying what happened."),
    ("review", "string", "reviewed: checked by a person; draft: extracted by a program, not yet checked."),
    ("source_outlets", "string", "The outlets of the reports the record rests on, separated by ';'."),
    ("source_urls", "string", "Their links, in the same order, separated by ';' (empty where the report has none)."),
    ("first_published", "date", "Publication date of the earliest report."),
    ("record", "string", "Path of the record file in the repository."),
)
CSV_COLUMNS = tuple(name for name, _type, _description in EVENT_COLUMNS)
TALLY_DICTIONARY: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "Stable id of the tally: <as_of>-<attacks>."),
    ("as_of", "date", "Date the count was stated."),
    ("attacks", "integer", "Attacks on U.S./coalition forces counted since `since`."),
    ("qualifier", "string", "How the count was given when not exact: at least, more than, about or nearly."),
    ("since", "date", "Start of the count."),
    ("iraq", "integer", "Of which in Iraq, when stated."),
    ("syria", "integer", "Of which in Syria, when stated."),
    ("jordan", "integer", "Of which in Jordan, when stated."),
    ("injured", "integer", "U.S. personnel injured in that period, when stated."),
    ("killed", "integer", "U.S. personnel killed in that period, when stated."),
    ("stated_by", "string", "Who stated the count."),
    ("sources", "string", "The reports that carry the statement: outlet and date, separated by ';'."),
    ("source_urls", "string", "Their links, in the same order, separated by ';'."),
)
TALLY_COLUMNS = tuple(name for name, _type, _description in TALLY_DICTIONARY)


def render_exports(chronology: Chronology, cache: Store | None = None) -> dict[str, str]:
    """{path relative to the generated folder: file text} for every download.

    Each event's CSV row, JSON item and GeoJSON feature depend only on the event and the reference
    data, so with a cache (whose fingerprint covers the reference data) an unchanged event's are
    taken from the previous build.
    """
    events = sorted(chronology.events, key=lambda e: (e.date, e.id))
    parts = [_event_parts(event, chronology, cache) for event in events]
    about = _about(chronology)
    return {
        "downloads/events.csv": _csv_line(CSV_COLUMNS) + "".join(part[0] for part in parts),
        "downloads/events.json": _dump_list("events", [part[1] for part in parts], about),
        "downloads/events.geojson": _dump_list(
            "features", [part[2] for part in parts if part[2]], {**about, "type": "FeatureCollection"}
        ),
        "downloads/tallies.csv": _tallies_csv(chronology),
        "downloads/datapackage.json": _datapackage(chronology),
        "downloads/README.txt": _readme(chronology),
        "assets/data/index.json": _dump_list("events", [part[3] for part in parts], _index_tables(chronology)),
        "assets/data/map.json": _dump(map_data(chronology)) + "\n",
        "assets/map/region.svg": map_frame(chronology).svg(),
    }


def _about(chronology: Chronology) -> dict[str, Any]:
    """What every JSON download says about itself: title, where it lives, its licence and how to cite it."""
    return {
        "title": chronology.title,
        "homepage": chronology.site_url,
        "license": DATA_LICENSE,
        "attribution": f"Cite {ATTRIBUTION}.",
        "dictionary": f"{chronology.site_url}downloads/#data-dictionary",
    }


def _datapackage(chronology: Chronology) -> str:
    """A Frictionless Data Package: the two CSV files, every column described, and the licence."""

    def resource(name: str, dictionary: tuple[tuple[str, str, str], ...], title: str) -> dict[str, Any]:
        fields = [{"name": n, "type": t, "description": d} for n, t, d in dictionary]
        return {"name": name, "path": f"{name}.csv", "title": title, "format": "csv", "schema": {"fields": fields}}

    package = {
        "name": "chronology",
        "title": chronology.title,
        "homepage": chronology.site_url,
        "licenses": [DATA_LICENSE],
        "description": f"Cite {ATTRIBUTION}. The code that builds the site is under the {CODE_LICENSE['title']}.",
        "resources": [
            resource("events", EVENT_COLUMNS, "Attacks and U.S. strikes, one row per event"),
            resource("tallies", TALLY_DICTIONARY, "Official cumulative attack counts"),
        ],
    }
    return json.dumps(package, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _readme(chronology: Chronology) -> str:
    lines = [
        chronology.title,
        chronology.site_url,
        "",
        f"Data licence: {DATA_LICENSE['title']} ({DATA_LICENSE['path']}).",
        f"Cite {ATTRIBUTION}.",
        f"The code that builds the site: {CODE_LICENSE['title']}.",
        "",
    ]
    for name, dictionary in (("events.csv", EVENT_COLUMNS), ("tallies.csv", TALLY_DICTIONARY)):
        lines.append(f"{name} columns:")
        lines.extend(f"  {column} ({kind}): {description}" for column, kind, description in dictionary)
        lines.append("")
    return "\n".join(lines)


def _event_parts(event: Event, chronology: Chronology, cache: Store | None) -> tuple[str, str, str, str]:
    """The event's CSV row, its JSON item, its GeoJSON feature ("" when its site has no coordinates) and its
    row of the browser index."""
    key = f"{event.digest}\x00{event.path}\x00{chronology.site_url}"
    stored = cache.get(key) if cache is not None and event.digest else None
    if stored is not None:
        return stored  # type: ignore[no-any-return]
    item = _event_json(event, chronology)
    lat, lon = item["location"]["lat"], item["location"]["lon"]
    feature = ""
    if lat is not None and lon is not None:
        properties = {k: v for k, v in item.items() if k not in {"sources", "location"}}
        properties.update(base=event.base, country=event.country, place=event.place)
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        feature = _dump({"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties})
    row = _csv_row(event, chronology, lat, lon)
    parts = (_csv_line([_cell(v) for v in row]), _dump(item), feature, _dump(_index_row(event, chronology)))
    if cache is not None and event.digest:
        cache.put(key, parts)
    return parts


def _dump_list(key: str, items: list[str], fields: dict[str, Any] | None = None) -> str:
    """{**fields, key: items} as JSON with one item (given as JSON text) per line: readable, diffable,
    and written by the C encoder (json.dumps with indent= falls back to a pure-Python encoder, ten times slower)."""
    head = "".join(f"{_dump(k)}:{_dump(v)},\n" for k, v in sorted((fields or {}).items()) if k < key)
    tail = "".join(f",\n{_dump(k)}:{_dump(v)}" for k, v in sorted((fields or {}).items()) if k > key)
    body = ",\n".join(items)
    return f"{{\n{head}{_dump(key)}:[\n{body}\n]{tail}\n}}\n"


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


_LINE = io.StringIO()
_WRITER = csv.writer(_LINE, lineterminator="\n")


def _csv_line(cells: Any) -> str:
    """One CSV line, quoted as csv.writer quotes it."""
    _LINE.seek(0)
    _LINE.truncate()
    _WRITER.writerow(cells)
    return _LINE.getvalue()


def _cell(value: Any) -> str:
    """CSV cell text; text that a spreadsheet would run as a formula is prefixed with a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _coordinates(event: Event, chronology: Chronology) -> tuple[Any, Any]:
    base = chronology.bases.get(event.base or "", {})
    return base.get("lat"), base.get("lon")


def _csv_row(event: Event, chronology: Chronology, lat: Any, lon: Any) -> list[Any]:
    e = event
    return [
        e.id,
        chronology.permalink(e),
        e.type,
        e.date,
        e.date_precision,
        e.base,
        chronology.base_name(e.base),
        e.country,
        e.place,
        lat,
        lon,
        chronology.bases.get(e.base or "", {}).get("precision_km"),
        e.weapons,
        e.claimed_by,
        e.targets,
        e.us_killed,
        e.us_injured,
        e.killed,
        e.at_least,
        e.intercepted,
        e.summary,
        e.review,
        [s.get("outlet", "") for s in e.sources],
        [s.get("url") or "" for s in e.sources],
        min(str(s.get("published", "")) for s in e.sources),
        e.path,
    ]


def _event_json(event: Event, chronology: Chronology) -> dict[str, Any]:
    lat, lon = _coordinates(event, chronology)
    return {
        "id": event.id,
        "url": chronology.permalink(event),
        "type": event.type,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": {
            "base": event.base,
            "country": event.country,
            "place": event.place,
            "lat": lat,
            "lon": lon,
            "precision_km": chronology.bases.get(event.base or "", {}).get("precision_km"),
        },
        "weapons": list(event.weapons),
        "claimed_by": list(event.claimed_by),
        "targets": list(event.targets),
        "casualties": {
            "us_killed": event.us_killed,
            "us_injured": event.us_injured,
            "killed": event.killed,
            "at_least": list(event.at_least),
        },
        "intercepted": event.intercepted,
        "summary": event.summary,
        "sources": [dict(s) for s in event.sources],
        "review": event.review,
        "notes": event.notes or None,
        "record": event.path,
    }


def _tallies_csv(chronology: Chronology) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TALLY_COLUMNS)
    for t in chronology.tallies:
        sources = [f"{s.get('outlet', '')} {s.get('published', '')}".strip() for s in t.sources]
        urls = [s.get("url") or "" for s in t.sources]
        row = [t.id, t.as_of, t.attacks, t.qualifier, t.since, t.iraq, t.syria, t.jordan, t.injured, t.killed]
        writer.writerow([_cell(v) for v in [*row, t.stated_by, sources, urls]])
    return out.getvalue()


# --- the browser index: what the chronology's filter and the map read ---------------------------------

INDEX_FIELDS = (
    "id",
    "type",
    "date",
    "precision",
    "base",
    "country",
    "weapons",
    "groups",
    "us_killed",
    "us_injured",
    "killed",
    "at_least",
    "kind",
    "where",
    "title",
)


def _index_row(event: Event, chronology: Chronology) -> list[Any]:
    """One event as a list in INDEX_FIELDS order: short, since the index holds every event."""
    groups = chronology.actors_of(event)
    return [
        event.id,
        event.type,
        event.date,
        event.date_precision,
        event.base or "",
        event.country,
        list(event.weapons),
        list(groups),
        event.us_killed,
        event.us_injured,
        event.killed,
        list(event.at_least),
        event_kind(event, chronology),
        event_where(event, chronology),
    ]


def _index_tables(chronology: Chronology) -> dict[str, Any]:
    return {"fields": list(INDEX_FIELDS)}
