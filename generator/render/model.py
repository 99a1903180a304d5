"""The validated chronology as plain values: what the pages, charts and exports are made from.

Only records that passed validation reach this module, so it trusts field shapes and ids.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from generator.core.files import read_yaml_file
from generator.dataset.history import FileDates
from generator.dataset.load import Dataset

ATTACK = "attack"
STRIKE = "strike"
# Every strike recorded is by U.S./coalition forces (the schema's definition of a strike): a strike
# whose record names no one in claimed_by is credited to this actor, so its page counts them.
STRIKER = "united-states"
DEFAULT_SITE_URL = "https://example.invalid/chronology/"
REVIEW_FILE = "extraction-review.yaml"


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    date: str
    date_precision: str
    base: str | None
    country: str
    place: str
    weapons: tuple[str, ...]
    claimed_by: tuple[str, ...]
    targets: tuple[str, ...]
    us_killed: int | None
    us_injured: int | None
    killed: int | None
    intercepted: bool | None
    at_least: tuple[str, ...]  # casualty figures given as lower bounds ("at least 34 injured")
    summary: str
    sources: tuple[dict[str, Any], ...]
    review: str
    notes: str
    path: str  # the record file, relative to the repository root
    added: str = ""
    # A digest of the record file's bytes ("" when unknown): with the path, it stands for every field
    # above, so caches of what an event renders to key on it.
    digest: str = field(default="", compare=False, repr=False)

    @property
    def site(self) -> str:
        """Where the event sits for comparisons: the base id, or the country for unnamed sites."""
        return self.base or f"unnamed-{self.country.lower()}"

    @property
    def month(self) -> str:
        return self.date[:7]


@dataclass(frozen=True)
class Tally:
    id: str
    as_of: str
    attacks: int
    since: str
    iraq: int | None
    syria: int | None
    injured: int | None
    stated_by: str
    sources: tuple[dict[str, Any], ...]
    path: str
    jordan: int | None = None
    qualifier: str | None = None  # "at least", "more than", "about", "nearly": attacks is not an exact count
    killed: int | None = None  # cumulative U.S. personnel killed, when the statement gives it

    @property
    def attacks_text(self) -> str:
        """'92', or 'more than 180' when the count was not given as an exact number."""
        return f"{self.qualifier} {self.attacks}" if self.qualifier else str(self.attacks)


@dataclass
class Chronology:
    events: list[Event]  # newest first, then by id
    tallies: list[Tally]  # oldest first
    bases: dict[str, dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    weapons: dict[str, dict[str, Any]]
    countries: dict[str, dict[str, Any]]
    campaign_start: str
    title: str
    by_site: dict[str, list[Event]] = field(default_factory=dict)
    by_actor: dict[str, list[Event]] = field(default_factory=dict)
    history: dict[str, FileDates] = field(default_factory=dict)
    site_url: str = DEFAULT_SITE_URL  # the public address (mkdocs.yml site_url), ending in "/"
    region: dict[str, Any] = field(default_factory=dict)  # the map's land: a GeoJSON FeatureCollection
    review: Any = None  # data/extraction-review.yaml as parsed (None when there is none); checked where rendered
    titles: dict[str, str] = field(default_factory=dict)  # event id -> page title, unique (see event_titles)

    def added(self, event: Event) -> str:
        """Date the record was added: from git, else its `added` field, else its earliest source."""
        dates = self.history.get(event.path)
        return dates.added if dates else event.added or min(str(s.get("published")) for s in event.sources)

    def changed(self, event: Event) -> str:
        dates = self.history.get(event.path)
        return dates.changed if dates else self.added(event)

    @cached_property  # asked for by many pages and charts; the events do not change once built
    def attacks(self) -> list[Event]:
        return [e for e in self.events if e.type == ATTACK]

    @cached_property
    def strikes(self) -> list[Event]:
        return [e for e in self.events if e.type == STRIKE]

    def base_name(self, base_id: str | None) -> str:
        return str(self.bases[base_id]["name"]) if base_id in self.bases else ""

    def country_name(self, code: str) -> str:
        return str(self.countries.get(code, {}).get("name", code))

    def site_name(self, event: Event) -> str:
        if event.base:
            return self.base_name(event.base)
        return f"an unnamed site in {self.country_name(event.country)}"

    def strikers(self, event: Event) -> tuple[str, ...]:
        """Who carried out a strike: the actors its record names, else U.S. forces (every strike here is one)."""
        if event.type != STRIKE:
            return ()
        if event.claimed_by:
            return event.claimed_by
        return (STRIKER,) if STRIKER in self.actors else ()

    def actors_of(self, event: Event) -> tuple[str, ...]:
        """Every actor an event involves: who claimed or carried it out, then who was targeted."""
        own = event.claimed_by if event.type == ATTACK else self.strikers(event)
        return own + tuple(a for a in event.targets if a not in own)

    def permalink(self, event: Event) -> str:
        return f"{self.site_url}events/{event.id}/"

    @property
    def last_updated(self) -> str:
        """The last day a record file changed, from git; "" when the site was not built from a git checkout."""
        return max((dates.changed for dates in self.history.values()), default="")

    @property
    def first_date(self) -> str:
        return min((e.date for e in self.events), default="")

    @property
    def last_date(self) -> str:
        return max((e.date for e in self.events), default="")


def build_chronology(
    dataset: Dataset, history: dict[str, FileDates] | None = None, site_url: str = DEFAULT_SITE_URL
) -> Chronology:
    """Turn a validated dataset into the chronology model."""
    events = [_event(r.data, r.path, r.digest) for r in dataset.events]
    events.sort(key=lambda e: (e.date, e.id), reverse=True)
    tallies = sorted((_tally(r.data, r.path) for r in dataset.tallies), key=lambda t: (t.as_of, t.attacks, t.id))
    chronology = Chronology(
        events=events,
        tallies=tallies,
        bases=dict(dataset.reference.entries.get("bases", {})),
        actors=dict(dataset.reference.entries.get("actors", {})),
        weapons=dict(dataset.reference.entries.get("weapons", {})),
        countries=dict(dataset.reference.entries.get("countries", {})),
        campaign_start=dataset.settings.campaign_start.isoformat(),
        title=dataset.settings.title,
        history=history or {},
        site_url=site_url.rstrip("/") + "/",
        region=_region(dataset),
        review=_review(dataset),
    )
    by_site: dict[str, list[Event]] = defaultdict(list)
    by_actor: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_site[event.site].append(event)
        for actor in chronology.actors_of(event):
            by_actor[actor].append(event)
    chronology.by_site = dict(by_site)
    chronology.by_actor = dict(by_actor)
    chronology.titles = event_titles(chronology)
    return chronology


def _region(dataset: Dataset) -> dict[str, Any]:
    region = dataset.region.data if dataset.region is not None else None
    return region if isinstance(region, dict) else {"type": "FeatureCollection", "features": []}


def _review(dataset: Dataset) -> Any:
    """The extraction review log: from the dataset once the loader reads it, else read here, through the one reader."""
    loaded = getattr(dataset, "extraction_review", None)
    if loaded is not None:
        return loaded.data if hasattr(loaded, "data") else loaded
    path = dataset.root / REVIEW_FILE
    if not path.is_file():
        return None
    parsed = read_yaml_file(path, f"data/{REVIEW_FILE}")
    return None if parsed.problems else parsed.data


def event_kind(event: Event, chronology: Chronology) -> str:
    """'Rocket and drone attack', 'Attack' (weapon not reported) or 'U.S. strike'."""
    if event.type == STRIKE:
        return "U.S. strike"
    if not event.weapons:
        return "Attack"
    names = [str(chronology.weapons.get(w, {}).get("name", w)).lower() for w in event.weapons]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed[:1].upper()}{listed[1:]} attack"


def event_where(event: Event, chronology: Chronology) -> str:
    """'Al-Tanf Garrison', 'an unnamed site in Syria', or for a strike without a base, 'Iraq'."""
    if event.type == STRIKE and not event.base:
        return chronology.country_name(event.country)
    return chronology.site_name(event)


def event_titles(chronology: Chronology) -> dict[str, str]:
    """A title per event, unique across the site: '2023-11-23: Drone attack on Tower 22'.

    Two events that would share a title are told apart by the place as reported when that differs,
    else numbered in id order: '(1 of 2)', '(2 of 2)'.
    """
    plain: dict[str, str] = {}
    for event in chronology.events:
        where = event_where(event, chronology)
        joint = " in " if event.type == STRIKE else " on "
        plain[event.id] = f"{event.date}: {event_kind(event, chronology)}{joint}{where}"
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in chronology.events:
        groups[plain[event.id]].append(event)
    titles = dict(plain)
    for title, events in groups.items():
        if len(events) == 1:
            continue
        events = sorted(events, key=lambda e: e.id)
        places = [e.place.strip() for e in events]
        if all(places) and len(set(places)) == len(places):
            titles.update((e.id, f"{title} ({place})") for e, place in zip(events, places, strict=True))
        else:
            titles.update((e.id, f"{title} ({n} of {len(events)})") for n, e in enumerate(events, start=1))
    return titles


def _event(data: dict[str, Any], path: str, digest: str = "") -> Event:
    location = data["location"]
    casualties = data.get("casualties") or {}
    return Event(
        id=data["id"],
        type=data["type"],
        date=data["date"],
        date_precision=data["date_precision"],
        base=location.get("base"),
        country=location["country"],
        place=location.get("place") or "",
        weapons=tuple(data["weapons"]),
        claimed_by=tuple(data["claimed_by"]),
        targets=tuple(data["targets"]),
        us_killed=casualties.get("us_killed"),
        us_injured=casualties.get("us_injured"),
        killed=casualties.get("killed"),
        intercepted=data["intercepted"],
        at_least=tuple(casualties.get("at_least") or ()),
        summary=data["summary"],
        sources=tuple(data["sources"]),
        review=data["review"],
        notes=data.get("notes") or "",
        path=path,
        added=data.get("added") or "",
        digest=digest,
    )


def _tally(data: dict[str, Any], path: str) -> Tally:
    return Tally(
        id=data["id"],
        as_of=data["as_of"],
        attacks=data["attacks"],
        since=data["since"],
        iraq=data.get("iraq"),
        syria=data.get("syria"),
        injured=data.get("injured"),
        stated_by=data.get("stated_by") or "",
        sources=tuple(data["sources"]),
        path=path,
        jordan=data.get("jordan"),
        qualifier=data.get("qualifier"),
        killed=data.get("killed"),
    )


@cache  # charts and pages ask again for the same few hundred dates, for every event
def week_start(date: str) -> str:
    """Monday of the ISO week containing date (YYYY-MM-DD)."""
    day = dt.date.fromisoformat(date)
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def date_span(date: str, precision: str) -> tuple[str, str]:
    """The first and last day an event may have happened: the day, its ISO week (Monday to Sunday) or its month."""
    day = dt.date.fromisoformat(date)
    if precision == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1).isoformat(), day.replace(day=last).isoformat()
    return date, date


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 strike', '2 strikes', '0 attacks' ('1 person', '3 people' with many='people')."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
