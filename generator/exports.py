"""Downloads: all events as CSV, JSON and GeoJSON, and the tallies as CSV. Byte-identical for the same data."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.model import Chronology, Event

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


def render_exports(chronology: Chronology) -> dict[str, str]:
    """{path relative to the generated folder: file text} for every download."""
    events = sorted(chronology.events, key=lambda e: (e.date, e.id))
    geojson = _geojson(events, chronology)
    return {
        "downloads/events.csv": _events_csv(events, chronology),
        "downloads/events.json": _dump_list("events", [_event_json(e, chronology) for e in events]),
        "downloads/events.geojson": _dump_list("features", geojson.pop("features"), geojson),
        "downloads/tallies.csv": _tallies_csv(chronology),
    }


def _dump_list(key: str, items: list[Any], fields: dict[str, Any] | None = None) -> str:
    """{**fields, key: items} as JSON with one item per line: readable, diffable, and written by
    the C encoder (json.dumps with indent= falls back to a pure-Python encoder, ten times slower)."""
    head = "".join(f"{_dump(k)}:{_dump(v)},\n" for k, v in sorted((fields or {}).items()) if k < key)
    tail = "".join(f",\n{_dump(k)}:{_dump(v)}" for k, v in sorted((fields or {}).items()) if k > key)
    body = ",\n".join(_dump(item) for item in items)
    return f"{{\n{head}{_dump(key)}:[\n{body}\n]{tail}\n}}\n"


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


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


def _events_csv(events: list[Event], chronology: Chronology) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        lat, lon = _coordinates(e, chronology)
        row = [
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
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


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


def _geojson(events: list[Event], chronology: Chronology) -> dict[str, Any]:
    features = []
    for event in events:
        lat, lon = _coordinates(event, chronology)
        if lat is None or lon is None:
            continue
        properties = {k: v for k, v in _event_json(event, chronology).items() if k not in {"sources", "location"}}
        properties.update(base=event.base, country=event.country, place=event.place)
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _tallies_csv(chronology: Chronology) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TALLY_COLUMNS)
    for t in chronology.tallies:
        sources = [f"{s.get('outlet', '')} {s.get('published', '')}".strip() for s in t.sources]
        row = [t.id, t.as_of, t.attacks, t.since, t.iraq, t.syria, t.injured, t.stated_by, sources]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
