"""The validated chronology as plain values: what the pages, charts and exports are made from.

Only records that passed validation reach this module, so it trusts field shapes and ids.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.dataset.history import FileDates
from generator.dataset.load import Dataset

ATTACK = "attack"
STRIKE = "strike"


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

    @property
    def actors(self) -> tuple[str, ...]:
        return self.claimed_by + tuple(a for a in self.targets if a not in self.claimed_by)


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

    def added(self, event: Event) -> str:
        """Date the record was added: from git, else its `added` field, else its earliest source."""
        dates = self.history.get(event.path)
        return dates.added if dates else event.added or min(str(s.get("published")) for s in event.sources)

    def changed(self, event: Event) -> str:
        dates = self.history.get(event.path)
        return dates.changed if dates else self.added(event)

    @property
    def attacks(self) -> list[Event]:
        return [e for e in self.events if e.type == ATTACK]

    @property
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


def build_chronology(dataset: Dataset, history: dict[str, FileDates] | None = None) -> Chronology:
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
    )
    by_site: dict[str, list[Event]] = defaultdict(list)
    by_actor: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_site[event.site].append(event)
        for actor in event.actors:
            by_actor[actor].append(event)
    chronology.by_site = dict(by_site)
    chronology.by_actor = dict(by_actor)
    return chronology


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
    )


@cache  # charts and pages ask again for the same few hundred dates, for every event
def week_start(date: str) -> str:
    """Monday of the ISO week containing date (YYYY-MM-DD)."""
    day = dt.date.fromisoformat(date)
    return (day - dt.timedelta(days=day.weekday())).isoformat()
