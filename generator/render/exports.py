"""Downloads: all events as CSV, JSON and GeoJSON, and the tallies as CSV. Byte-identical for the same data."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.core.cache import Store
from generator.render.model import Chronology, Event

CSV_COLUMNS = (
    "id",
    "type",
    "date",
    "date_precision",
    "base",
    "base_name",
    "country",
    "place",
    "lat",
    "lon",
    "weapons",
    "claimed_by",
    "targets",
    "us_killed",
    "us_injured",
    "killed",
    "intercepted",
    "summary",
    "review",
    "source_outlets",
    "source_urls",
    "first_published",
    "record",
)
TALLY_COLUMNS = ("id", "as_of", "attacks", "since", "iraq", "syria", "injured", "stated_by", "sources")


def render_exports(chronology: Chronology, cache: Store | None = None) -> dict[str, str]:
    """{path relative to the generated folder: file text} for every download.

    Each event's CSV row, JSON item and GeoJSON feature depend only on the event and the reference
    data, so with a cache (whose fingerprint covers the reference data) an unchanged event's are
    taken from the previous build.
    """
    events = sorted(chronology.events, key=lambda e: (e.date, e.id))
    parts = [_event_parts(event, chronology, cache) for event in events]
    return {
        "downloads/events.csv": _csv_line(CSV_COLUMNS) + "".join(row for row, _item, _feature in parts),
        "downloads/events.json": _dump_list("events", [item for _row, item, _feature in parts]),
        "downloads/events.geojson": _dump_list(
            "features", [feature for _row, _item, feature in parts if feature], {"type": "FeatureCollection"}
        ),
        "downloads/tallies.csv": _tallies_csv(chronology),
    }


def _event_parts(event: Event, chronology: Chronology, cache: Store | None) -> tuple[str, str, str]:
    """The event's CSV row, its JSON item and its GeoJSON feature ("" when its site has no coordinates)."""
    key = f"{event.digest}\x00{event.path}"
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
    parts = (_csv_line([_cell(v) for v in _csv_row(event, chronology, lat, lon)]), _dump(item), feature)
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
        e.type,
        e.date,
        e.date_precision,
        e.base,
        chronology.base_name(e.base),
        e.country,
        e.place,
        lat,
        lon,
        e.weapons,
        e.claimed_by,
        e.targets,
        e.us_killed,
        e.us_injured,
        e.killed,
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
        "type": event.type,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": {"base": event.base, "country": event.country, "place": event.place, "lat": lat, "lon": lon},
        "weapons": list(event.weapons),
        "claimed_by": list(event.claimed_by),
        "targets": list(event.targets),
        "casualties": {"us_killed": event.us_killed, "us_injured": event.us_injured, "killed": event.killed},
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
        row = [t.id, t.as_of, t.attacks, t.since, t.iraq, t.syria, t.injured, t.stated_by, sources]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
