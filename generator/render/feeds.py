"""Atom and JSON feeds of the records most recently added or changed, so readers can follow the chronology.

Each item is dated twice, honestly: `published` is the day the event happened (what a reader sorts a
chronology by), `updated` the day its record last changed in the repository (from git), so a
correction reaches feed readers as an update. The feed as a whole is as new as its newest change.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator.render.model import Chronology, Event

FEED_SIZE = 50


def render_feeds(chronology: Chronology, site_url: str) -> dict[str, str]:
    """{'feed.xml': Atom text, 'feed.json': JSON Feed text} with the records most recently added or changed."""
    site_url = site_url.rstrip("/") + "/"
    events = sorted(chronology.events, key=lambda e: (chronology.changed(e), e.date, e.id), reverse=True)[:FEED_SIZE]
    return {"feed.xml": _atom(events, chronology, site_url), "feed.json": _json_feed(events, chronology, site_url)}


def _title(event: Event, chronology: Chronology) -> str:
    return chronology.titles.get(event.id) or f"{event.date}: {event.type}"


def _atom(events: list[Event], chronology: Chronology, site_url: str) -> str:
    updated = max((chronology.changed(e) for e in events), default=chronology.campaign_start)
    entries = []
    for event in events:
        url = f"{site_url}events/{event.id}/"
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(url)}</id>\n"
            f"    <title>{escape(_title(event, chronology))}</title>\n"
            f"    <link href={quoteattr(url)}/>\n"
            f"    <published>{event.date}T00:00:00Z</published>\n"
            f"    <updated>{chronology.changed(event)}T00:00:00Z</updated>\n"
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
            "date_published": f"{e.date}T00:00:00Z",
            "date_modified": f"{chronology.changed(e)}T00:00:00Z",
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
