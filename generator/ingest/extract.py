"""Draft records from one article: attacks, strikes and official tallies, each with its source.

Pure: takes an Article and the lexicon matchers, returns record dicts (no ids, review: draft).
The rules live in generator/ingest/rules/: sentences, clauses and fast cue matching (text), dates,
cue words (cues), the sentence scanner (events) and what it asks of each clause: its date
(clause_dates), strikes (strikes), attacks and their sites (attacks), places (places), and
casualties, outcome and claims (outcomes); then folding mentions into events (group) and tallies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from generator.dataset.ids import article_id
from generator.ingest.articles import Article
from generator.ingest.explain import event_notes, tally_notes
from generator.ingest.rules.dates import clear_cache
from generator.ingest.rules.events import scan
from generator.ingest.rules.group import Event, group_attacks, group_strikes, name_by_direction
from generator.ingest.rules.languages import gloss_sentences, language_of
from generator.ingest.rules.mentions import Mention
from generator.ingest.rules.names import Lexicon
from generator.ingest.rules.tallies import Tally, find_tallies
from generator.ingest.rules.text import Sentence, clean, quote_of, sentences


def extract_drafts(article: Article, lexicon: Lexicon, campaign_start: dt.date) -> list[dict[str, Any]]:
    """Event and tally drafts found in the article, in the order the article tells them."""
    if article.published is None:
        return []
    published = article.published
    clear_cache()
    lexicon.forget()
    units = sentences(clean(article.text))
    originals: list[str] | None = None
    language = language_of(article.text)
    if language is not None:  # another language: the rules read a gloss in English cue words, drafts quote the text
        originals = [u.text for u in units]
        units = gloss_sentences(units, language, lexicon.spellings)
    official = _government_site(article.url)
    tallies, tally_sentences = find_tallies(units, lexicon, published, campaign_start, official)
    state = scan(units, lexicon, published, campaign_start, tally_sentences)
    drafts: list[dict[str, Any]] = []
    attacks = group_attacks(state.attacks, published)
    name_by_direction(attacks, _named_bases(units, lexicon))
    for event in attacks:
        if campaign_start <= event.date <= published:
            record = _attack_record(event, article, lexicon, state.zero_days, originals)
            zero_day = event.date in state.zero_days
            record["notes"] = event_notes(event, _best_mention(event), record, units, article, zero_day)
            drafts.append(record)
    for event in group_strikes(state.strikes):
        if campaign_start <= event.date <= published and event.country:
            record = _strike_record(event, article, lexicon, originals)
            record["notes"] = event_notes(event, _best_mention(event), record, units, article, False)
            drafts.append(record)
    # The same count told twice in a report is one tally, dated where it is first told; a split or injured figure
    # only the second telling gives is kept.
    seen: dict[int, dict[str, Any]] = {}
    for tally in tallies:
        record = _tally_record(tally, article, campaign_start, state.attacks, state.strikes, originals)
        if not campaign_start <= dt.date.fromisoformat(record["as_of"]) <= published:
            continue
        first = seen.get(record["attacks"])
        if first is not None:
            _fill_missing(first, record)
            continue
        seen[record["attacks"]] = record
        record["notes"] = tally_notes(tally, record, units, article)
        drafts.append(record)
    return drafts


__all__ = ["Sentence", "extract_drafts", "source"]


def _government_site(url: str | None) -> bool:
    """A U.S. government publication (an inspector general's report, a CENTCOM release): its own counts are
    official."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.endswith((".gov", ".mil"))


def _fill_missing(first: dict[str, Any], again: dict[str, Any]) -> None:
    if first["iraq"] is None and first["syria"] is None and again["iraq"] is not None:
        first["iraq"], first["syria"] = again["iraq"], again["syria"]
    if first["injured"] is None and again["injured"] is not None:
        first["injured"] = again["injured"]


def source(article: Article, quote: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "article": article_id(article.id),
        "outlet": article.outlet or "unknown",
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
    }
    if article.published_inferred:
        entry["published_inferred"] = True
    if article.title:
        entry["title"] = article.title
    entry["quote"] = quote
    return entry


def _quote(source: str, focus: int, sentence: int, originals: list[str] | None) -> str:
    """The words a draft quotes: around the focus, or from the original sentence of a glossed report."""
    if originals is not None and 0 <= sentence < len(originals):
        return quote_of(originals[sentence])
    return quote_of(source, focus)


def _best_mention(event: Event) -> Mention:
    dated = [m for m in event.mentions if m.date == event.date and not m.soft]
    named = [m for m in dated if m.site in {"base", "place"}]
    return (named or dated or event.mentions)[0]


def _named_bases(units: list[Sentence], lexicon: Lexicon) -> list[tuple[str, str, str, frozenset[str]]]:
    """Every base the report names, attacked or not, with its country and the sides of it it lies on."""
    found = dict.fromkeys(m.id for unit in units for m in lexicon.bases.find(unit.text))
    return [
        (base, lexicon.names["bases"].get(base, base), lexicon.base_country.get(base, ""), lexicon.base_sides[base])
        for base in found
        if lexicon.base_sides.get(base)
    ]


def _attack_record(
    event: Event, article: Article, lexicon: Lexicon, zero_days: set[dt.date], originals: list[str] | None
) -> dict[str, Any]:
    killed, injured = event.us_killed, event.us_injured
    if killed is None and injured is None and event.date in zero_days:
        killed = injured = 0
    if injured is not None and killed is None:
        killed = 0  # a report that counts the wounded and no dead says no one died
    intercepted = False if event.hit else (True if event.intercepted else None)
    if intercepted is None and ((killed or 0) > 0 or (injured or 0) > 0):
        intercepted = False  # someone was hurt, so something got through (unless the report says it was downed)
    order = lexicon.weapon_order
    weapons = sorted(event.weapons, key=lambda w: order.index(w) if w in order else len(order)) or ["unknown"]
    mention = _best_mention(event)
    base = event.base if event.site == "base" else None
    record: dict[str, Any] = {
        "type": "attack",
        "date": event.date.isoformat(),
        "date_precision": "day",
        "location": {"base": base, "country": event.country, "place": _attack_place(event, lexicon)},
        "weapons": weapons,
        "claimed_by": list(event.claimed),
        "targets": [],
        "casualties": {"us_killed": killed, "us_injured": injured, "killed": None},
        "intercepted": intercepted,
        "summary": _attack_summary(event, weapons, lexicon, killed, injured, intercepted),
        "sources": [source(article, _quote(mention.quote_source, mention.focus, mention.sentence, originals))],
        "review": "draft",
    }
    return record


def _attack_place(event: Event, lexicon: Lexicon) -> str | None:
    if event.site == "base" and event.base:
        return lexicon.names["bases"].get(event.base)
    counted = [m for m in event.mentions if m.site == "vague" and m.count > 1]
    if event.site == "vague" and counted and event.place:
        return f"{event.place} (site {counted[0].slot + 1} of {counted[0].count})"
    return event.place


def _attack_summary(
    event: Event,
    weapons: list[str],
    lexicon: Lexicon,
    killed: int | None,
    injured: int | None,
    intercepted: bool | None,
) -> str:
    names = [lexicon.names["weapons"].get(w, w).lower() for w in weapons if w != "unknown"]
    what = (" and ".join(names) + " attack").capitalize() if names else "Attack"
    country = lexicon.names["countries"].get(event.country, event.country)
    site = _attack_place(event, lexicon) or f"a site in {country}"
    text = f"{what} on U.S. or coalition forces at {site}, {country}"
    if intercepted is True:
        text += "; intercepted"
    elif intercepted is False:
        text += "; it hit its target"
    text += "."
    if killed == 0 and injured == 0:
        text += " No U.S. casualties were reported."
    elif killed or injured:
        parts = [f"{killed} U.S. personnel killed" if killed else "", f"{injured} injured" if injured else ""]
        text += " " + ", ".join(p for p in parts if p) + "."
    if event.claimed:
        text += " Claimed by " + ", ".join(lexicon.names["actors"].get(a, a) for a in event.claimed) + "."
    return text


def _strike_record(event: Event, article: Article, lexicon: Lexicon, originals: list[str] | None) -> dict[str, Any]:
    mention = _best_mention(event)
    country = lexicon.names["countries"].get(event.country, event.country)
    place = event.place or country
    summary = f"U.S. or coalition strike in {place}" + (f", {country}" if place != country else "")
    if event.targets:
        summary += " on " + ", ".join(lexicon.names["actors"].get(a, a) for a in event.targets)
    summary += "." + (f" {event.killed} people were reported killed." if event.killed else "")
    return {
        "type": "strike",
        "date": event.date.isoformat(),
        "date_precision": "day",
        "location": {"base": None, "country": event.country, "place": place},
        "weapons": [],
        "claimed_by": [],
        "targets": list(event.targets),
        "casualties": {"us_killed": None, "us_injured": None, "killed": event.killed},
        "intercepted": None,
        "summary": summary,
        "sources": [source(article, _quote(mention.quote_source, mention.focus, mention.sentence, originals))],
        "review": "draft",
    }


def _last_date_before(mentions: list[Mention], sentence: int) -> dt.date | None:
    earlier = [m.date for m in mentions if m.sentence < sentence and m.date is not None and not m.soft]
    return earlier[-1] if earlier else None


def _tally_record(
    tally: Tally,
    article: Article,
    campaign_start: dt.date,
    attacks: list[Mention],
    strikes: list[Mention],
    originals: list[str] | None,
) -> dict[str, Any]:
    as_of = tally.as_of
    if tally.brought:
        as_of = _last_date_before(attacks, tally.sentence) or as_of
    elif tally.eve_of:
        told = _last_date_before(strikes if tally.eve_of == "strike" else attacks, tally.sentence)
        as_of = told - dt.timedelta(days=1) if told else as_of
    as_of = as_of or article.published
    assert as_of is not None
    return {
        "as_of": as_of.isoformat(),
        "attacks": tally.attacks,
        "since": campaign_start.isoformat(),
        "iraq": tally.iraq,
        "syria": tally.syria,
        "injured": tally.injured,
        "sources": [source(article, _quote(tally.quote_source, 0, tally.sentence, originals))],
        "review": "draft",
    }
