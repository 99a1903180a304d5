"""Synthetic chronologies for benchmarks and load tests: realistic records, valid by construction.

`synthesize(count, seed, reference)` returns records shaped like the curated ones: bases, actors and
weapons from the reference data, dates spread from the campaign start with bursts of activity,
several sources per event, about 85% attacks and 15% strikes, and an official tally every ~50 events
that only ever grows. Nothing here reads the clock or the file system: the same count, seed and
reference data always give the same records, so `python -m generator synth` writes the same bytes.

Valid by construction means: no two events share type, date and site (the validator would warn of
a possible duplicate), sources are cited by URL and title, published on or after the
event and never after END, the fixed last day, so output does not depend on today.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.config import DEFAULT_CAMPAIGN_START
from generator.dataset.ids import make_event_id, make_tally_id
from generator.dataset.load import Dataset
from generator.dataset.reference import Reference
from generator.dataset.rules import MAX_QUOTE_WORDS
from generator.dataset.write import record_path, render_record

END = dt.date(2026, 10, 31)  # the last day any synthetic record may carry
STRIKE_SHARE = 0.15
EVENTS_PER_TALLY = 50
MAX_SOURCES = 4

# Outlets with the host their (made-up) article URLs live on.
OUTLETS = (
    ("AFP", "www.afp.com"),
    ("Reuters", "www.reuters.com"),
    ("Associated Press", "apnews.com"),
    ("Al-Monitor", "www.al-monitor.com"),
    ("Rudaw", "www.rudaw.net"),
    ("Kurdistan24", "www.kurdistan24.net"),
    ("Shafaq News", "shafaq.com"),
    ("The National", "www.thenationalnews.com"),
    ("Military Times", "www.militarytimes.com"),
    ("CENTCOM", "www.centcom.mil"),
    ("U.S. Department of Defense", "www.defense.gov"),
    ("Al Jazeera", "www.aljazeera.com"),
)
OFFICIAL_OUTLETS = ("CENTCOM", "U.S. Department of Defense")
TOWNS = {
    "IQ": (
        "Kirkuk",
        "Jurf al-Sakhar",
        "al-Qaim",
        "Mosul",
        "Baiji",
        "Samarra",
        "Tikrit",
        "Fallujah",
        "Ramadi",
        "Hillah",
    ),
    "SY": ("Deir ez-Zor", "al-Mayadin", "Albu Kamal", "Hasakah", "Raqqa", "al-Hol", "Tabqa", "Manbij", "Qamishli"),
    "JO": ("Rukban", "Ruwaished", "Mafraq"),
}
UNNAMED_SHARE = {"IQ": 0.5, "SY": 0.4, "JO": 0.1}
QUARTERS = ("", "near ", "outside ", "east of ", "west of ", "north of ", "south of ")
ARMED_GROUPS = ("kataib-hezbollah", "harakat-al-nujaba", "kataib-sayyid-al-shuhada")
UMBRELLA = "islamic-resistance-in-iraq"
WEAPON_WEIGHTS = {"drone": 55, "rocket": 25, "missile": 6, "mortar": 5, "ied": 3, "small-arms": 2}

SUMMARY_ATTACK = (
    "{Weapons} targeted U.S. and coalition forces at {site}; {outcome}.",
    "U.S. and coalition forces at {site} came under attack by {weapons}; {outcome}.",
    "An attack by {weapons} on {site} was reported by U.S. officials; {outcome}.",
)
SUMMARY_STRIKE = (
    "U.S. forces struck {targets} {place}; {outcome}.",
    "A coalition air strike {place} hit {targets}, U.S. Central Command said; {outcome}.",
)
QUOTE_ATTACK = (
    "{weapons} targeted American forces at {site} on {weekday}, a U.S. defense official said",
    "the base came under attack by {weapons} early on {weekday}, according to two security sources",
    "U.S. and coalition forces were attacked with {weapons} at {site}, {outcome_short}",
    "{claim} said in a statement that its fighters launched {weapons} at {site}",
)
QUOTE_STRIKE = (
    "U.S. forces conducted precision strikes on {weekday} against facilities used by {targets}",
    "the strikes {place} were in response to attacks on U.S. personnel, a defense official said",
    "CENTCOM said the self-defense strike {place} targeted {targets} and killed {killed}",
)
NOTES = (
    "Outlets disagree on the number of {weapons}; the record follows the official account.",
    "The claim was posted on the group's channel hours after the first reports.",
    "Later reports moved the date by one day; the earliest source's date is kept.",
    "Casualty figures were not stated by officials at the time of the first reports.",
)


@dataclass(frozen=True)
class SynthRecord:
    kind: str  # "event" or "tally"
    data: dict[str, Any]


@dataclass(frozen=True)
class SynthInputs:
    """What synthesis needs from the reference data: bases, actors and weapons by id, and the campaign start."""

    bases: dict[str, dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    weapons: dict[str, dict[str, Any]]
    campaign_start: dt.date = DEFAULT_CAMPAIGN_START

    @classmethod
    def from_reference(cls, reference: Reference, campaign_start: dt.date = DEFAULT_CAMPAIGN_START) -> SynthInputs:
        entries = reference.entries
        return cls(entries.get("bases", {}), entries.get("actors", {}), entries.get("weapons", {}), campaign_start)


def synthesize(count: int, seed: int, reference: SynthInputs) -> list[SynthRecord]:
    """`count` events and their tallies, newest last. Deterministic for the same arguments."""
    if count < 0:
        raise ValueError("count must not be negative")
    rng = random.Random(f"synth-{seed}")
    start = reference.campaign_start
    span = span_days(count, start)
    days = _day_weights(rng, span)
    taken_slots: set[tuple[str, str, str]] = set()
    taken_ids: set[str] = set()
    events: list[dict[str, Any]] = []
    cumulative = list(_accumulate(days))
    for _ in range(count):
        kind = "strike" if rng.random() < STRIKE_SHARE else "attack"
        day_index = _pick_day(rng, cumulative)
        event = _event(rng, reference, kind, start, span, day_index, taken_slots)
        event["id"] = make_event_id(event, taken_ids)
        taken_ids.add(event["id"])
        events.append(event)
    events.sort(key=lambda e: (e["date"], e["id"]))
    records = [SynthRecord("event", e) for e in events]
    records.extend(SynthRecord("tally", t) for t in _tallies(rng, events, start, count))
    return records


def span_days(count: int, start: dt.date) -> int:
    """Days covered: grows with the number of events (a few a day), never past END."""
    wanted = 60 + count // 8
    return max(1, min(wanted, (END - start).days + 1))


def _accumulate(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _day_weights(rng: random.Random, span: int) -> list[float]:
    """Relative activity per day: a slow baseline, weekly rhythm and a few sharp bursts."""
    bursts = [(rng.uniform(0, span), rng.uniform(3, 20), rng.uniform(2, 6)) for _ in range(max(2, span // 60))]
    weights = []
    for day in range(span):
        weight = 1.0 + 0.5 * math.sin(day / 37.0) + (0.2 if day % 7 in (3, 4) else 0.0)
        for center, width, height in bursts:
            weight += height * math.exp(-(((day - center) / width) ** 2))
        weights.append(max(weight, 0.05))
    return weights


def _pick_day(rng: random.Random, cumulative: list[float]) -> int:
    target = rng.random() * cumulative[-1]
    low, high = 0, len(cumulative) - 1
    while low < high:
        middle = (low + high) // 2
        if cumulative[middle] < target:
            low = middle + 1
        else:
            high = middle
    return low


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _event(
    rng: random.Random,
    reference: SynthInputs,
    kind: str,
    start: dt.date,
    span: int,
    day_index: int,
    taken: set[tuple[str, str, str]],
) -> dict[str, Any]:
    """One event on a free (type, date, site) slot, on the chosen day or the nearest free one."""
    for offset in _offsets(span, day_index):
        date = (start + dt.timedelta(days=day_index + offset)).isoformat()
        site = _free_site(rng, reference, kind, date, taken)
        if site is not None:
            break
    else:  # pragma: no cover - only with more events than slots, far beyond any benchmark size
        raise ValueError("too many events for the span: no free site left")
    base, country, place = site
    taken.add((kind, date, base or f"{country}:{place.lower()}"))
    if kind == "attack":
        return _attack(rng, reference, date, base, country, place)
    return _strike(rng, reference, date, country, place)


def _offsets(span: int, day_index: int) -> Iterator[int]:
    yield 0
    for distance in range(1, span):
        for offset in (-distance, distance):
            if 0 <= day_index + offset < span:
                yield offset


def _free_site(
    rng: random.Random, reference: SynthInputs, kind: str, date: str, taken: set[tuple[str, str, str]]
) -> tuple[str | None, str, str] | None:
    """A known base (most attacks) or a town (strikes, and some attacks) with no event of this kind yet."""
    bases: list[tuple[str | None, str, str]] = []
    if kind == "attack":
        ids = sorted(reference.bases)
        rng.shuffle(ids)
        bases = [(b, str(reference.bases[b].get("country", "IQ")), _base_place(rng, reference, b)) for b in ids]
    countries = list(UNNAMED_SHARE)
    country = rng.choices(countries, weights=[UNNAMED_SHARE[c] for c in countries])[0]
    towns = list(TOWNS[country])
    rng.shuffle(towns)
    unnamed: list[tuple[str | None, str, str]] = [(None, country, f"{rng.choice(QUARTERS)}{town}") for town in towns]
    candidates = bases + unnamed if kind == "attack" and rng.random() < 0.8 else unnamed + bases
    for base, country_code, place in candidates:
        if (kind, date, base or f"{country_code}:{place.lower()}") not in taken:
            return base, country_code, place
    return None


def _base_place(rng: random.Random, reference: SynthInputs, base_id: str) -> str:
    base = reference.bases[base_id]
    aliases = [a for a in base.get("aliases") or [] if isinstance(a, str)]
    return rng.choice([str(base.get("name", base_id)), *aliases])


def _weapons(rng: random.Random, reference: SynthInputs) -> list[str]:
    known = {w: n for w, n in WEAPON_WEIGHTS.items() if w in reference.weapons}
    roll = rng.random()
    if roll < 0.05 or not known:
        return []
    first = _weighted(rng, known)
    if roll > 0.9:
        second = _weighted(rng, {w: n for w, n in known.items() if w != first} or known)
        return sorted({first, second})
    return [first]


def _claim(rng: random.Random, reference: SynthInputs) -> list[str]:
    roll = rng.random()
    if roll < 0.25 or UMBRELLA not in reference.actors:
        return []
    if roll < 0.9:
        return [UMBRELLA]
    groups = [g for g in ARMED_GROUPS if g in reference.actors]
    return [rng.choice(groups)] if groups else [UMBRELLA]


def _words(weapons: list[str], reference: SynthInputs) -> str:
    names = [str(reference.weapons[w].get("name", w)).lower() for w in weapons]
    if not names:
        return "an unidentified weapon"
    plural = [n if n.endswith("s") else f"{n}s" for n in names]
    return " and ".join(plural)


def _sources(rng: random.Random, date: str, quotes: list[str], official: bool) -> list[dict[str, Any]]:
    count = min(MAX_SOURCES, 1 + int(rng.expovariate(1.2)))
    outlets = list(OUTLETS)
    rng.shuffle(outlets)
    if official:
        outlets.sort(key=lambda o: o[0] not in OFFICIAL_OUTLETS)
    day = dt.date.fromisoformat(date)
    sources = []
    for outlet, host in outlets[:count]:
        published = min(END, day + dt.timedelta(days=int(rng.expovariate(1.5))))
        quote = _trim(rng.choice(quotes))
        slug = "-".join(quote.lower().replace(",", "").replace(".", "").split()[:8])
        slug = "".join(ch for ch in slug if ch.isalnum() or ch == "-")
        sources.append(
            {
                "outlet": outlet,
                "url": f"https://{host}/{published.year}/{published.month:02d}/{published.day:02d}/{slug}-{rng.randrange(10**6):06d}",
                "published": published.isoformat(),
                "title": _trim(quote[:1].upper() + quote[1:], 14),
            }
        )
    sources.sort(key=lambda s: (s["published"], s["outlet"]))
    return sources


def _trim(text: str, words: int = MAX_QUOTE_WORDS) -> str:
    return " ".join(text.split()[:words])


def _attack(
    rng: random.Random, reference: SynthInputs, date: str, base: str | None, country: str, place: str
) -> dict[str, Any]:
    weapons = _weapons(rng, reference)
    claim = _claim(rng, reference)
    injured = rng.choice([0] * 12 + [None] * 3 + [1, 2, 3, 5, 8])
    killed = 0 if injured is not None and rng.random() > 0.004 else (None if injured is None else rng.randint(1, 3))
    intercepted = rng.choice([True, False, None, None])
    site = str(reference.bases[base]["name"]) if base else place
    if killed:
        outcome = f"{killed} U.S. service members were killed and {injured} injured"
    elif injured:
        outcome = f"{injured} U.S. personnel suffered minor injuries"
    elif intercepted:
        outcome = "air defenses intercepted it and there were no casualties"
    else:
        outcome = "officials reported no casualties or damage"
    claim_name = str(reference.actors[claim[0]]["name"]) if claim else "A group"
    words = _words(weapons, reference)
    values = {
        "Weapons": words[:1].upper() + words[1:],
        "weapons": words,
        "site": site,
        "outcome": outcome,
        "outcome_short": outcome.split(" and ")[0],
        "claim": claim_name,
        "weekday": dt.date.fromisoformat(date).strftime("%A"),
    }
    data: dict[str, Any] = {
        "type": "attack",
        "date": date,
        "date_precision": _precision(rng),
        "location": {"base": base, "country": country, "place": place},
        "weapons": weapons,
        "claimed_by": claim,
        "targets": [],
        "casualties": {"us_killed": killed, "us_injured": injured, "killed": None},
        "intercepted": intercepted,
        "summary": rng.choice(SUMMARY_ATTACK).format(**values),
        "sources": _sources(
            rng, date, [q.format(**values) for q in QUOTE_ATTACK if claim or "{claim}" not in q], False
        ),
        "review": "reviewed" if rng.random() < 0.9 else "draft",
    }
    if rng.random() < 0.15:
        data["notes"] = rng.choice(NOTES).format(**values)
    return data


def _strike(rng: random.Random, reference: SynthInputs, date: str, country: str, place: str) -> dict[str, Any]:
    groups = [g for g in ARMED_GROUPS if g in reference.actors]
    targets = sorted(rng.sample(groups, k=min(len(groups), rng.choice([0, 1, 1, 1, 2])))) if groups else []
    if targets and "irgc" in reference.actors and rng.random() < 0.2:
        targets = sorted([*targets, "irgc"])
    killed = rng.choice([None, None, 0, 1, 2, 3, 5, 7, 12])
    target_names = " and ".join(str(reference.actors[t]["name"]) for t in targets) or "militant facilities"
    where = place if place.startswith(QUARTERS[1:]) else f"in {place}"
    outcome = "casualties were not reported" if killed is None else f"{killed} people were reported killed"
    values = {
        "targets": target_names,
        "place": where,
        "outcome": outcome,
        "killed": "no one" if not killed else f"{killed} fighters",
        "weekday": dt.date.fromisoformat(date).strftime("%A"),
    }
    data: dict[str, Any] = {
        "type": "strike",
        "date": date,
        "date_precision": _precision(rng),
        "location": {"base": None, "country": country, "place": place},
        "weapons": [],
        "claimed_by": [],
        "targets": targets,
        "casualties": {"us_killed": None, "us_injured": None, "killed": killed},
        "intercepted": None,
        "summary": rng.choice(SUMMARY_STRIKE).format(**values),
        "sources": _sources(rng, date, [q.format(**values) for q in QUOTE_STRIKE], official=True),
        "review": "reviewed" if rng.random() < 0.9 else "draft",
    }
    return data


def _precision(rng: random.Random) -> str:
    roll = rng.random()
    return "day" if roll < 0.95 else "week" if roll < 0.99 else "month"


def _tallies(rng: random.Random, events: list[dict[str, Any]], start: dt.date, count: int) -> list[dict[str, Any]]:
    """One official count every EVENTS_PER_TALLY events: a little above ours, never decreasing."""
    attacks = [e for e in events if e["type"] == "attack"]
    since = f"{start:%B} {start.day}"
    tallies: list[dict[str, Any]] = []
    last = 0
    for number in range(1, count // EVENTS_PER_TALLY + 1):
        position = min(len(events) - 1, number * EVENTS_PER_TALLY - 1)
        as_of = events[position]["date"]
        ours = sum(1 for e in attacks if e["date"] <= as_of)
        stated = max(last + 1, math.ceil(ours * rng.uniform(1.0, 1.08)))
        if tallies and tallies[-1]["as_of"] == as_of:
            continue  # one count a day is enough
        last = stated
        iraq = rng.randint(stated // 3, stated // 2) if rng.random() < 0.5 else None
        published = min(END, dt.date.fromisoformat(as_of) + dt.timedelta(days=rng.randint(0, 1))).isoformat()
        tally: dict[str, Any] = {
            "as_of": as_of,
            "attacks": stated,
            "since": start.isoformat(),
            "iraq": iraq,
            "syria": stated - iraq if iraq is not None else None,
            "injured": None,
            "stated_by": rng.choice(["a U.S. military official", "the Pentagon", "a U.S. defense official"]),
            "sources": [
                {
                    "outlet": outlet,
                    "url": f"https://{host}/{published[:4]}/{published[5:7]}/{published[8:]}/tally-{stated}",
                    "published": published,
                    "title": f"{stated} attacks on U.S. forces in Iraq and Syria since {since}, officials say",
                }
                for outlet, host in rng.sample(OUTLETS[:3], k=rng.randint(1, 2))
            ],
            "review": "reviewed",
        }
        tally["id"] = make_tally_id(tally)
        tallies.append(tally)
    return tallies


def write_synthetic(dataset: Dataset, records: list[SynthRecord], out: Path) -> None:
    """A data folder: the dataset's reference data, map and config (their text as the reader read it), and
    the synthetic records."""
    out.mkdir(parents=True, exist_ok=True)
    kept = [*dataset.reference_files.values(), dataset.region, dataset.config]
    for kept_file in (r for r in kept if r is not None and r.parsed.source is not None):
        path = out / Path(kept_file.file).relative_to(dataset.root)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(kept_file.parsed.source or "", encoding="utf-8")
    (out / "events").mkdir(exist_ok=True)
    (out / "tallies").mkdir(exist_ok=True)
    for record in records:
        path = record_path(out, record.kind, record.data)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_record(record.kind, record.data).encode("utf-8"))
