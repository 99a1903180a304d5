"""Fold mentions into events: one incident per (date, site), one strike per (date, country).

Order of trust: mentions dated by an event date make the events; vague sites ("a base in Iraq")
fold into named ones of the same day and country; mentions dated only by when something was said
join an event up to three days earlier; undated mentions only add detail to events already found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.ingest.rules import cues
from generator.ingest.rules.mentions import Mention

SOFT_WINDOW = dt.timedelta(days=3)


@dataclass
class Event:
    kind: str
    date: dt.date
    country: str
    site: str  # base | place | vague | none
    base: str | None = None
    place: str | None = None
    weapons: set[str] = field(default_factory=set)
    weapons_shared: bool = False  # as Mention.weapons_shared
    sides: frozenset[str] = frozenset()  # as Mention.sides
    named_from: str | None = None  # the unnamed site's words, when a base named elsewhere in the report was taken
    claimed: list[str] = field(default_factory=list)
    us_killed: int | None = None
    us_injured: int | None = None
    hit: bool = False
    intercepted: bool = False
    targets: list[str] = field(default_factory=list)
    killed: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    evidence: dict[str, set[int]] = field(default_factory=dict)  # field -> sentences telling it

    @property
    def named(self) -> bool:
        return self.site in {"base", "place"}

    def same_site(self, mention: Mention) -> bool:
        if mention.site == "base":
            return self.base == mention.base
        if mention.site == "place":
            return self.site == "place" and (self.place or "").lower() == (mention.place or "").lower()
        return False


def _new(mention: Mention, date: dt.date) -> Event:
    site = mention.site if mention.site in {"base", "place"} else ("vague" if mention.kind == "attack" else "none")
    event = Event(mention.kind, date, mention.country or "", site, mention.base, mention.place, sides=mention.sides)
    absorb(event, mention, fill_only=False)
    return event


_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}


def _may_be(unnamed: Event | Mention, named: Event | Mention) -> bool:
    """Whether an unnamed site ("a base in southern Syria") may be a named one: not on the other side of its
    country."""
    return not any(_OPPOSITE[side] in named.sides for side in unnamed.sides)


def absorb(event: Event, mention: Mention, fill_only: bool) -> None:
    """Add what a mention says to an event; a vaguer mention only fills gaps."""
    event.mentions.append(mention)
    for name, lines in mention.evidence.items():
        event.evidence.setdefault(name, set()).update(lines)
    _absorb_weapons(event, mention, fill_only)
    for actor in mention.claimed:
        if actor not in event.claimed:
            event.claimed.append(actor)
    for actor in mention.targets:
        if actor not in event.targets:
            event.targets.append(actor)
    event.us_killed = _combine(event.us_killed, mention.us_killed, fill_only)
    event.us_injured = _combine(event.us_injured, mention.us_injured, fill_only)
    event.killed = event.killed if event.killed is not None else mention.killed
    if not fill_only or not (event.hit or event.intercepted):
        event.hit = event.hit or mention.hit
        event.intercepted = event.intercepted or mention.intercepted
    if event.place is None and mention.place:
        event.place = mention.place


def _absorb_weapons(event: Event, mention: Mention, fill_only: bool) -> None:
    """Weapons told of this site alone replace those told of several sites together, and are not widened by them."""
    if not mention.weapons:
        return
    if not event.weapons or (event.weapons_shared and not mention.weapons_shared):
        event.weapons, event.weapons_shared = set(mention.weapons), mention.weapons_shared
    elif not fill_only and event.weapons_shared == mention.weapons_shared:
        event.weapons |= mention.weapons


def _combine(current: int | None, new: int | None, fill_only: bool) -> int | None:
    if new is None:
        return current
    if current is None:
        return new
    return current if fill_only else max(current, new)


LEAD_SENTENCES = 1  # the lead


def group_attacks(mentions: list[Mention], published: dt.date | None = None) -> list[Event]:
    """Events from mentions. With `published`, a named site whose attack the report's lead tells without any day is
    dated by the report: news of the day ("Rockets targeted the Ain al-Asad air base, two sources said")."""
    events: list[Event] = []
    dated = [m for m in mentions if m.date is not None and not m.soft]
    for mention in dated:
        if mention.site in {"base", "place"}:
            _add_named(events, mention, mention.date)  # type: ignore[arg-type]
    vague: dict[tuple[dt.date, str, int], Event] = {}
    for mention in dated:
        if mention.site not in {"base", "place"} and mention.date is not None:
            key = (mention.date, mention.country or "", mention.slot)
            if key in vague:
                absorb(vague[key], mention, fill_only=False)
            else:
                vague[key] = _new(mention, mention.date)
    events.extend(_fold_vague(events, list(vague.values())))
    # a report that dates an attack dates its news; one dated only by when something was said may not
    lead = _lead_sentences(mentions) if not events else set()
    for mention in (m for m in mentions if m.soft and m.date is not None):
        _place_soft(events, mention)
    undated = [m for m in mentions if m.date is None]
    for mention in undated:
        if not _place_undated(events, mention) and published is not None and _news_of_the_day(mention, lead):
            mention.date, mention.basis = published, "published"
            if mention.site in {"base", "place"}:
                _add_named(events, mention, published)
            else:
                events.append(_new(mention, published))
    return sorted(events, key=lambda e: (min(m.sentence for m in e.mentions), e.date))


def _add_named(events: list[Event], mention: Mention, date: dt.date) -> None:
    for event in events:
        if event.date == date and event.same_site(mention):
            absorb(event, mention, fill_only=False)
            return
    events.append(_new(mention, date))


def _fold_vague(named: list[Event], vague: list[Event]) -> list[Event]:
    """Unnamed sites fold into the named sites of the same day and country; extra unnamed sites stay."""
    keep: list[Event] = []
    by_day: dict[tuple[dt.date, str], list[Event]] = {}
    for event in vague:
        by_day.setdefault((event.date, event.country), []).append(event)
    for (date, country), group in by_day.items():
        targets = [e for e in named if e.date == date and e.country == country]
        elsewhere = [e for e in group if not any(_may_be(e, t) for t in targets)]
        group = [e for e in group if e not in elsewhere]
        for event in group:
            for target in targets:
                if _may_be(event, target):
                    for mention in event.mentions:
                        absorb(target, mention, fill_only=True)
        keep.extend(elsewhere + group[len(targets) :])
    return keep


def _place_soft(events: list[Event], mention: Mention) -> None:
    assert mention.date is not None
    window = [e for e in events if mention.date - SOFT_WINDOW <= e.date <= mention.date]
    window.sort(key=lambda e: mention.date - e.date)  # type: ignore[operator]
    if mention.site in {"base", "place"}:
        same = [e for e in window if e.same_site(mention)]
        if same:
            absorb(same[0], mention, fill_only=False)
            return
        unnamed = [e for e in window if e.site == "vague" and e.country == mention.country and _may_be(e, mention)]
        if unnamed:
            _name(unnamed[0], mention)
            return
        _add_named(events, mention, mention.date)
        return
    country = [e for e in window if e.country == mention.country]
    if country:
        absorb(country[0], mention, fill_only=True)
    else:
        events.append(_new(mention, mention.date))


def _name(event: Event, mention: Mention) -> None:
    event.site, event.base, event.place = mention.site, mention.base, mention.place
    absorb(event, mention, fill_only=False)


def _slots_of_one_phrase(events: list[Event]) -> bool:
    """Unnamed sites that one phrase of one sentence counted ("two US bases"): named in the order told."""
    return len(events) > 1 and len({(e.date, e.mentions[0].sentence, e.mentions[0].count) for e in events}) == 1


def _other_slot(event: Event, mention: Mention) -> bool:
    return any(m.sentence == mention.sentence and m.slot != mention.slot for m in event.mentions)


def _place_undated(events: list[Event], mention: Mention) -> bool:
    """Add an undated mention's details to the event it belongs to; False when there is none."""
    if mention.site in {"base", "place"}:
        same = [e for e in events if e.same_site(mention)]
        if same:
            absorb(same[0], mention, fill_only=False)
            return True
        unnamed = [e for e in events if e.site == "vague" and e.country == mention.country and _may_be(e, mention)]
        if len(unnamed) == 1 or _slots_of_one_phrase(unnamed):
            _name(unnamed[0], mention)  # "two US bases in Syria ... the Conoco gas field and the al-Omar oil field"
            return True
        return False
    # another slot of the same phrase ("two US bases") is another site, not more about this one
    country = [e for e in events if e.country == mention.country and not _other_slot(e, mention)]
    country.sort(key=lambda e: not e.named)
    if country:
        absorb(country[0], mention, fill_only=True)
        return True
    return False


def _lead_sentences(mentions: list[Mention]) -> set[int]:
    """The first sentences that tell of an attack: a report's lead."""
    return set(sorted({m.sentence for m in mentions})[:LEAD_SENTENCES])


def _news_of_the_day(mention: Mention, lead: set[int]) -> bool:
    """An attack on a named or described site told in the headline or lead of a report that dates no attack at all:
    the report's own news, unless told as background ("retaliation for an earlier attack on", "the latest attacks")."""
    if mention.site not in {"base", "place", "vague"} or mention.sentence not in lead or mention.vague_date:
        return False  # "In August, eight troops were hurt in an attack on a base in Syria": not the day's news
    return not cues.BACKGROUND.search(mention.quote_source)


def group_strikes(mentions: list[Mention]) -> list[Event]:
    events: list[Event] = []
    for mention in mentions:
        if mention.date is not None and not mention.soft and mention.country:
            _add_strike(events, mention, mention.date)
    hints: list[Mention] = []
    for mention in mentions:
        if mention.date is None or (mention.country and not mention.soft):
            continue
        window = [
            e
            for e in events
            if mention.date - SOFT_WINDOW <= e.date <= mention.date
            and e.country in {mention.country, ""} | {e.country}
            and (not mention.country or e.country == mention.country)
        ]
        if window:
            window.sort(key=lambda e: mention.date - e.date)  # type: ignore[operator]
            absorb(window[0], mention, fill_only=True)
        elif mention.country:
            _add_strike(events, mention, mention.date)
        else:
            hints.append(mention)
    for mention in mentions:
        if mention.date is not None:
            continue
        same = [e for e in events if e.country == mention.country] if mention.country else []
        if same and mention.separate_place:
            _place_separately(events, _nearest(same, mention), mention)
        elif same:
            absorb(_nearest(same, mention), mention, fill_only=True)
        elif mention.country and hints:
            _add_strike(events, mention, hints[0].date)  # type: ignore[arg-type]
        elif mention.country and mention.own_day is not None and not events:
            _add_strike(events, mention, mention.own_day)  # "The airstrikes Tuesday in Syria came ...", told first
        elif not mention.country and events:
            absorb(_nearest(events, mention), mention, fill_only=True)
    return sorted(events, key=lambda e: (min(m.sentence for m in e.mentions), e.date, e.country))


def _add_strike(events: list[Event], mention: Mention, date: dt.date) -> None:
    for event in events:
        if event.date == date and event.country == mention.country and not _other_place(event, mention):
            absorb(event, mention, fill_only=False)
            return
    events.append(_new(mention, date))


def _place_separately(events: list[Event], nearest: Event, mention: Mention) -> None:
    """An undated strike at one of several places named together: the first names the strike told before, each
    other one is a strike of its own on that day."""
    if any(m.separate_place for m in nearest.mentions):
        if not _other_place(nearest, mention):
            absorb(nearest, mention, fill_only=True)
            return
        twin = _new(mention, nearest.date)
        events.append(twin)
        return
    absorb(nearest, mention, fill_only=True)
    nearest.place = mention.place


def _other_place(event: Event, mention: Mention) -> bool:
    """Two strikes one clause told at separate places ("near Abu Kamal and Mayadin") stay two entries."""
    return mention.separate_place and any(
        m.separate_place and m.sentence == mention.sentence and m.place != mention.place for m in event.mentions
    )


def _nearest(events: list[Event], mention: Mention) -> Event:
    """The event mentioned last before this mention, else the first one."""
    before = [e for e in events if min(m.sentence for m in e.mentions) <= mention.sentence]
    if before:
        return max(before, key=lambda e: max(m.sentence for m in e.mentions if m.sentence <= mention.sentence))
    return events[0]


def name_by_direction(events: list[Event], named_bases: list[tuple[str, str, str, frozenset[str]]]) -> None:
    """'A military base in southern Syria was attacked' in a report that names one base in southern Syria (though
    not as attacked, "The al-Tanf garrison in southeastern Syria is ..."): the site is that base. `named_bases`
    holds (id, display name, country, sides) of each base the report names."""
    for event in events:
        if event.site != "vague" or not event.sides:
            continue
        taken = {e.base for e in events if e.date == event.date and e.site == "base"}
        fits = {
            (base, name)
            for base, name, country, sides in named_bases
            if country == event.country and base not in taken and event.sides <= sides
        }
        if len(fits) == 1:
            (base, name), words = fits.pop(), event.place
            event.site, event.base, event.place, event.named_from = "base", base, name, words
