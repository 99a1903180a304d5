"""Atom and JSON feeds of events by date added, so readers can follow new records."""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator.render.model import Chronology, Event

FEED_SIZE = 50


def render_feeds(chronology: Chronology, site_url: str) -> dict[str, str]:
    """{'feed.xml': Atom text, 'feed.json': JSON Feed text} with the most recently added events."""
    site_url = site_url.rstrip("/") + "/"
    events = sorted(chronology.events, key=lambda e: (chronology.added(e), e.date, e.id), reverse=True)[:FEED_SIZE]
    return {"feed.xml": _atom(events, chronology, site_url), "feed.json": _json_feed(events, chronology, site_url)}


def _title(event: Event, chronology: Chronology) -> str:
    what = "U.S. strike" if event.type == "strike" else "Attack"
    return f"{event.date}: {what} — {chronology.site_name(event)}"


def _atom(events: list[Event], chronology: Chronology, site_url: str) -> str:
    updated = max((chronology.added(e) for e in events), default=chronology.campaign_start)
    entries = []
    for event in events:
        url = f"{site_url}events/{event.id}/"
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(url)}</id>\n"
            f"    <title>{escape(_title(event, chronology))}</title>\n"
            f"    <link href={quoteattr(url)}/>\n"
            f"    <updated>{chronology.added(event)}T00:00:00Z</updated>\n"
            f"    <summary>{escape(event.summary)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{escape(site_url)}</id>\n"
        f"  <title>{escape(chronology.title)}</title>\n"
        f"  <link href={quoteattr(site_url)}/>\n"
        f'  <link rel="self" href={quoteattr(site_url + "feed.xml")}/>\n'
        f"  <updated>{updated}T00:00:00Z</updated>\n"
        f"  <author><name>{escape(chronology.title)}</name></author>\n" + "".join(entries) + "</feed>\n"
    )


def _json_feed(events: list[Event], chronology: Chronology, site_url: str) -> str:
    items: list[dict[str, Any]] = [
        {
            "id": f"{site_url}events/{e.id}/",
            "url": f"{site_url}events/{e.id}/",
            "title": _title(e, chronology),
            "content_text": e.summary,
            "date_published": f"{chronology.added(e)}T00:00:00Z",
            "tags": [e.type, e.country, *(e.weapons)],
        }
        for e in events
    ]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": chronology.title,
        "home_page_url": site_url,
        "feed_url": site_url + "feed.json",
        "items": items,
    }
    return json.dumps(feed, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
