"""Find attacks and strikes sentence by sentence, then fold the mentions of one event together.

A report names one incident several times ("a base in western Iraq", then "Ain al-Asad"), tells
its outcome in the next sentence ("There were no injuries"), and dates it relative to the day
of publication. The scanner keeps that context: the last date used, the mentions of the last
sentence (what "the attack" refers to), and the incidents seen so far.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.extraction import cues
from generator.extraction.dates import DateMention, find_dates, pre_campaign
from generator.extraction.reference import Match, Reference
from generator.extraction.text import Clause, Sentence, clauses, parse_number

CAMPAIGN_COUNTRIES = ("IQ", "SY", "JO")
US_SIDE_ACTORS = {"united-states", "global-coalition"}


@dataclass
class Mention:
    kind: str  # attack | strike
    sentence: int
    quote_source: str
    focus: int
    date: dt.date | None = None
    soft: bool = False  # dated only by when it was said
    site: str = "none"  # base | place | vague | weak | none
    base: str | None = None
    place: str | None = None
    country: str | None = None
    weapons: set[str] = field(default_factory=set)
    claimed: list[str] = field(default_factory=list)
    us_killed: int | None = None
    us_injured: int | None = None
    hit: bool = False
    intercepted: bool = False
    targets: list[str] = field(default_factory=list)
    killed: int | None = None
    slot: int = 0  # which of several unnamed sites ("two sites") this is
    count: int = 1


@dataclass
class Scan:
    """What the scanner remembers between sentences."""

    context_date: dt.date | None = None
    attacks: list[Mention] = field(default_factory=list)
    strikes: list[Mention] = field(default_factory=list)
    current_attacks: list[Mention] = field(default_factory=list)
    current_strikes: list[Mention] = field(default_factory=list)
    zero_days: set[dt.date] = field(default_factory=set)
    last_country: str | None = None
    sentence: int = 0


def scan(
    sentences: list[Sentence],
    reference: Reference,
    published: dt.date,
    campaign_start: dt.date,
    skip: set[int],
) -> Scan:
    state = Scan()
    for sentence in sentences:
        if sentence.index in skip:
            continue
        _scan_sentence(sentence, reference, published, campaign_start, state)
    return state


def _scan_sentence(sentence: Sentence, reference: Reference, published: dt.date, start: dt.date, state: Scan) -> None:
    text = sentence.text
    state.sentence = sentence.index
    lower = text.lower()
    if not any(word in lower for word in _RELEVANT):
        countries = {c for _, c in _countries(text, reference)}
        if countries:
            state.last_country = countries.pop() if len(countries) == 1 else None
        return  # background: no attack, strike, claim, outcome or casualty word
    dates = find_dates(text, published, start)
    dated = [d for d in dates if d.kind != "since" and (d.date is not None)]
    if dated and pre_campaign(dated[:1], start):
        return  # a history sentence: "In January 2020, Iran fired ..."
    new_attacks: list[Mention] = []
    new_strikes: list[Mention] = []
    previous_date: dt.date | None = None
    attack_clause_texts: list[str] = []
    for clause in clauses(text):
        clause_dates = [d for d in dates if clause.start <= d.start < clause.start + len(clause.text)]
        if pre_campaign([d for d in clause_dates if d.kind != "since"], start):
            continue
        date, soft, vague = _clause_date(clause, clause_dates, dates, state, previous_date, published)
        previous_date = (date[0] if isinstance(date, list) else date) or previous_date
        inherited = date is not None and not clause_dates and not any(d.kind != "since" for d in dates)
        # Strikes are dated where they are told; a date carried over from earlier sentences is a guess.
        strike = _strike(
            clause, text, reference, sentence, None if inherited else date, soft, vague, state, clause_dates
        )
        if strike is not None:
            new_strikes.extend(strike)
        found = _attacks(clause, text, reference, sentence, date, soft, vague, strike is not None)
        new_attacks.extend(found)
        if strike is None:
            attack_clause_texts.append(clause.text)
    outcome_text = " ; ".join(attack_clause_texts)
    has_cue = bool(cues.ATTACK.search(text) or cues.STRIKE_NOUN.search(text))
    event_dates = [d.date for d in dated if d.kind == "event" and d.precision == "day" and d.date]
    if has_cue and event_dates and not (new_attacks or new_strikes) and not _all_since(dates):
        state.context_date = event_dates[0]
    for mention in new_attacks + new_strikes:
        if mention.date is not None and not mention.soft:
            state.context_date = mention.date
    _apply_attack_facts(outcome_text, new_attacks, state, reference, event_dates, has_cue)
    _apply_strike_facts(text, new_strikes, state, reference)
    if new_attacks:
        state.attacks.extend(new_attacks)
        state.current_attacks = new_attacks
    if new_strikes:
        state.strikes.extend(new_strikes)
        state.current_strikes = new_strikes
    if new_attacks and not new_strikes:
        state.current_strikes = []
    if new_strikes and not new_attacks:
        state.current_attacks = []
    countries = {c for _, c in _countries(text, reference)}
    if countries:
        state.last_country = countries.pop() if len(countries) == 1 else None


# Substrings (tested on lower-cased text, far faster than a regex) of every cue the scanner uses.
_RELEVANT = (
    "attack", "target", "struck", "strike", " hit", "fired", "launch", "shot", "shoot", "intercept", "engag",
    "slamm", "crash", "flown", "sent toward", "headed for", "flying toward", "barrage", "salvo", " under",
    "impact", "volley", "took place", "raid", "bomb", "retaliat", "kill", "claim", "responsib", "injur", "wound",
    "hurt", "casualt", "dead", "death", "incident", " down", "destroy", "got through", "penetrat", "landed", "explod",
    " it had", " it carried", " it sent", " it launched", " it fired",
)  # fmt: skip


def _all_since(dates: list[DateMention]) -> bool:
    return all(d.kind == "since" for d in dates)


# --- dates ---------------------------------------------------------------------------------------


def _clause_date(
    clause: Clause,
    clause_dates: list[DateMention],
    sentence_dates: list[DateMention],
    state: Scan,
    previous: dt.date | None,
    published: dt.date,
) -> tuple[list[dt.date] | dt.date | None, bool, bool]:
    """The clause's date(s), whether it is only a statement date, and whether the clause dates itself vaguely."""
    events = _day_dates(clause, clause_dates, "event", sentence_dates, state)
    if events:
        return (events if len(events) > 1 else events[0]), False, False
    vague = any(d.kind == "event" and d.precision in {"week", "month"} for d in clause_dates)
    said = _day_dates(clause, clause_dates, "statement", sentence_dates, state)
    if said:
        return said[0], True, vague
    if vague:
        return None, False, True
    if clause.same_moment and previous is not None:
        return previous, False, False
    if not clause.temporal:
        others = [d for d in sentence_dates if d not in clause_dates and d.kind != "since"]
        if any(d.precision in {"week", "month"} for d in others):
            return None, False, True
        rest = _day_dates(clause, others, "event", sentence_dates, state)
        if rest:
            return rest[0], False, False
        rest = _day_dates(clause, others, "statement", sentence_dates, state)
        if rest:
            return rest[0], True, False
        if not others:
            return state.context_date, False, False
    return None, False, False


def _day_dates(
    clause: Clause, mentions: list[DateMention], kind: str, sentence_dates: list[DateMention], state: Scan
) -> list[dt.date]:
    found: list[dt.date] = []
    for mention in mentions:
        if mention.kind == "relative" and kind == "event":
            value = _relative(mention, sentence_dates, state)
            if value is not None:
                found.append(value)
        elif mention.kind == kind and mention.precision == "day" and mention.date is not None:
            found.append(mention.date)
    unique = list(dict.fromkeys(found))
    if len(unique) > 1 and not _joined_by_and(clause, mentions):
        return unique[:1]
    return unique


def _joined_by_and(clause: Clause, mentions: list[DateMention]) -> bool:
    days = [m for m in mentions if m.precision == "day" and m.kind == "event"]
    if len(days) < 2:
        return False
    between = clause.text[days[0].end - clause.start : days[1].start - clause.start]
    return bool(re.fullmatch(r"\s*(?:and|or|,)\s*(?:on\s+)?", between))


def _relative(mention: DateMention, sentence_dates: list[DateMention], state: Scan) -> dt.date | None:
    if mention.relative == "same":
        return state.context_date
    anchors = [d.date for d in sentence_dates if d.date is not None and d.precision == "day" and d.kind != "since"]
    if anchors:
        return anchors[0] - dt.timedelta(days=1)
    last = _last_incident_date(state)
    anchor = last or state.context_date
    return anchor - dt.timedelta(days=1) if anchor else None


def _last_incident_date(state: Scan) -> dt.date | None:
    for mention in reversed(state.attacks):
        if mention.date is not None and not mention.soft:
            return mention.date
    return None


# --- places --------------------------------------------------------------------------------------


def _countries(text: str, reference: Reference) -> list[tuple[int, str]]:
    out = []
    for match in reference.countries.find(text):
        if match.id in CAMPAIGN_COUNTRIES and not cues.BORDER.match(text[match.end :]):
            out.append((match.start, match.id))
    return out


def _country_near(text: str, position: int, reference: Reference) -> list[str]:
    """Countries named after a site phrase ("a base in eastern Syria"), else before it, else in the text."""
    found = _countries(text, reference)
    after = [c for p, c in found if p >= position]
    if after:
        return list(dict.fromkeys(after[:2])) if _country_pair(text, position, reference) else [after[0]]
    before = [c for p, c in found if p < position]
    return [before[-1]] if before else []


def _country_pair(text: str, position: int, reference: Reference) -> bool:
    """'in Iraq and Syria': the phrase covers both countries."""
    found = [(p, c) for p, c in _countries(text, reference) if p >= position]
    if len(found) < 2 or found[0][1] == found[1][1]:
        return False
    between = text[found[0][0] : found[1][0]]
    return bool(re.fullmatch(r"\w+(?:'s)?,?\s+(?:and\s+|or\s+)?(?:[\w-]+\s+){0,3}", between))


# --- strikes -------------------------------------------------------------------------------------


_SINCE_PHRASE = re.compile(r"\bsince\b[^,;]*", re.I)


def _strike(
    clause: Clause,
    sentence: str,
    reference: Reference,
    where: Sentence,
    date: list[dt.date] | dt.date | None,
    soft: bool,
    vague: bool,
    state: Scan,
    clause_dates: list[DateMention],
) -> list[Mention] | None:
    """Strike mentions in a clause ([] when it is about a strike but not one we can place), or None."""
    text = _SINCE_PHRASE.sub(" ", clause.text)  # "since Washington's strikes last week" is background
    if not (cues.STRIKE_NOUN.search(sentence) or cues.STRIKE_VERB.search(text)):
        return None
    if cues.FOREIGN_STRIKER.search(text) or cues.STRIKE_IRREALIS.search(text):
        return None
    actors = reference.actors.find(text)
    enemy = [a for a in actors if a.id not in US_SIDE_ACTORS]
    us_actor = bool(cues.US_ACTOR.search(text)) or any(a.id in US_SIDE_ACTORS for a in actors)
    noun = cues.STRIKE_NOUN.search(text) or (
        cues.ATTACK_ON_FACILITY.search(text) if cues.STRIKE_NOUN.search(_SINCE_PHRASE.sub(" ", sentence)) else None
    )
    target_words = bool(enemy or cues.ENEMY_TARGET.search(text))
    is_strike = bool(noun and (us_actor or target_words)) or any(
        us_actor and target_words and _us_before(text, verb.start(), reference)
        for verb in cues.STRIKE_VERB.finditer(text)
    )
    if not is_strike or _attack_on_site(text, reference):
        return None
    if cues.STRIKE_AGGREGATE.search(text) or (vague and date is None):
        return []
    if date is not None and _anaphoric(text, reference):
        date = None  # "the deterrent effect of the strikes": a strike told of before, not dated here
    countries = _strike_countries(text, reference)
    if not countries:
        countries = _strike_countries(sentence, reference)[:1] or ([state.last_country] if state.last_country else [])
        # the country of the sentence before, when that sentence named only one
    dates = date if isinstance(date, list) else [date]
    out = []
    places: list[str | None] = list(dict.fromkeys(countries)) or [None]
    for country in places:
        for day in dates:
            mention = Mention("strike", where.index, where.text, clause.start, day, soft)
            mention.country = country
            mention.place = _place(text, reference) or (reference.names["countries"].get(country or "", None))
            mention.targets = [a.id for a in enemy if not _in_according(text, a)]
            mention.killed = _strike_killed(text)
            out.append(mention)
    return out


def _strike_countries(text: str, reference: Reference) -> list[str]:
    """The first country named; both when named together ("in Iraq and Syria")."""
    found = _countries(text, reference)
    if not found:
        return []
    first = found[0]
    if _country_pair(text, first[0], reference):
        return list(dict.fromkeys([first[1], *(c for p, c in found[1:2])]))
    return [first[1]]


def _us_before(text: str, position: int, reference: Reference) -> bool:
    """A U.S./coalition actor is the subject of the verb: named at most six words before it."""
    head = " ".join(text[:position].split()[-6:])
    return bool(cues.US_ACTOR.search(head)) or any(a.id in US_SIDE_ACTORS for a in reference.actors.find(head))


def _attack_on_site(text: str, reference: Reference) -> bool:
    """'the drone attack on the Tower 22 outpost': an attack on a U.S. site is not a U.S. strike."""
    if not re.search(r"\battack", text, re.I):
        return False
    return bool(reference.bases.find(text)) or any(
        cues.US_MARK.search(text[max(0, m.start() - 30) : m.end()]) for m in cues.VAGUE_SITE.finditer(text)
    )


def _anaphoric(text: str, reference: Reference) -> bool:
    """Every strike word is 'the strikes' (told of before) and no U.S. actor strikes anything here."""
    nouns = list(cues.STRIKE_NOUN.finditer(text))
    if not nouns or not all(re.search(r"\b(?:the|those|these|such)\s+$", text[: m.start()], re.I) for m in nouns):
        return False
    return not any(_us_before(text, v.start(), reference) for v in cues.STRIKE_VERB.finditer(text))


def _in_according(text: str, actor: Match) -> bool:
    return any(m.start() <= actor.start < m.end() for m in cues.ACCORDING.finditer(text))


def _place(text: str, reference: Reference) -> str | None:
    """Towns and provinces named in the clause (country aliases that are neither the name nor a demonym)."""
    names = [m.text for m in reference.countries.find(text) if m.text[0].isupper()]
    country_names = set(reference.names["countries"].values())
    places = [n for n in names if n not in country_names and not re.search(r"(?:i|ian|ese|ish)$", n)]
    return ", ".join(dict.fromkeys(places)) or None


_DEATH = re.compile(r"kill|death", re.I)


def _strike_killed(text: str) -> int | None:
    m = cues.STRIKE_KILLED.search(text) if _DEATH.search(text) else None
    if not m:
        return None
    return parse_number(m.group("n") or m.group("n2") or m.group("n3") or "")


# --- attacks -------------------------------------------------------------------------------------


def _attacks(
    clause: Clause,
    sentence: str,
    reference: Reference,
    where: Sentence,
    date: list[dt.date] | dt.date | None,
    soft: bool,
    vague: bool,
    is_strike: bool,
) -> list[Mention]:
    text = clause.text
    if not cues.ATTACK.search(text) and not re.search(r"\bstrike\s+on\b", text, re.I):
        return []
    if cues.IRREALIS.search(text) or cues.SERIES.search(_SINCE_PHRASE.sub(" ", text)):
        return []
    sites = _sites(text, sentence, reference, is_strike)
    if not sites:
        return []
    weapons = {m.id for m in reference.weapons.find(text)} or {m.id for m in reference.weapons.find(sentence)}
    dates = date if isinstance(date, list) else [date]
    out = []
    for kind, base, place, country, count, focus in sites:
        for day in dates:
            for slot in range(count):
                mention = Mention("attack", where.index, where.text, clause.start + focus, day, soft)
                mention.site, mention.base, mention.place, mention.country = kind, base, place, country
                mention.weapons = set(weapons)
                mention.slot, mention.count = slot, count
                out.append(mention)
    return out


Site = tuple[str, str | None, str | None, str, int, int]


def _sites(text: str, sentence: str, reference: Reference, is_strike: bool) -> list[Site]:
    named = reference.bases.find(text)
    sites: list[Site] = []
    for match in named:
        country = reference.base_country.get(match.id, "")
        if country and not any(s[1] == match.id for s in sites):
            sites.append(("base", match.id, reference.names["bases"].get(match.id), country, 1, match.start))
    taken = [(m.start, m.end) for m in named]
    for m in cues.SPECIFIC_SITE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        country = (_country_near(text, m.end(), reference) or _country_near(sentence, 0, reference) or [""])[0]
        if country:
            sites.append(("place", None, m.group(0), country, 1, m.start()))
            taken.append((m.start(), m.end()))
    if is_strike and not sites:
        return []
    us_marked = bool(cues.US_MARK.search(text))
    for m in cues.VAGUE_SITE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or not us_marked:
            continue
        if _owned_by_enemy(text, m.end(), reference):
            continue
        countries = _country_near(text, m.end(), reference)
        if not countries:
            continue
        count = parse_number(m.group("det")) or 1
        if len(countries) > 1 and count == len(countries):
            sites.extend(("vague", None, m.group(0), c, 1, m.start()) for c in countries)
        elif len(countries) == 1:
            sites.append(("vague", None, _vague_place(text, m), countries[0], count, m.start()))
    if not sites and not is_strike and not cues.AGGREGATE.search(text):
        sites.extend(_weak_sites(text, reference))
    return sites


def _vague_place(text: str, match: re.Match[str]) -> str:
    tail = re.match(
        r"[^,;]{0,60}?\b(?:in|near|outside)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?[A-Z][\w'-]+", text[match.end() :]
    )
    return match.group(0) + (tail.group(0) if tail else "")


def _owned_by_enemy(text: str, end: int, reference: Reference) -> bool:
    tail = text[end : end + 40]
    if re.match(r"\s+(?:of|used\s+by|belonging\s+to|run\s+by)\b", tail):
        return any(a.id not in US_SIDE_ACTORS for a in reference.actors.find(tail))
    return False


def _weak_sites(text: str, reference: Reference) -> list[Site]:
    for m in cues.WEAK_SITE.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        if not (cues.WEAK_TARGET_BEFORE.search(before) or cues.WEAK_TARGET_AFTER.match(after)):
            continue
        countries = {c for _, c in _countries(text, reference)}
        if len(countries) == 1:
            country = countries.pop()
            return [("weak", None, None, country, 1, m.start())]
    return []


# --- facts about attacks: outcome, casualties, claims -------------------------------------------------


def _apply_attack_facts(
    text: str,
    new: list[Mention],
    state: Scan,
    reference: Reference,
    event_dates: list[dt.date],
    has_cue: bool,
) -> None:
    targets = new or state.current_attacks
    if not text:
        return
    killed, injured = us_casualties(text)
    zero_both = bool(cues.ZERO_BOTH.search(text))
    zero_killed = zero_both or bool(cues.ZERO_KILLED.search(text))
    cumulative = not new and bool(cues.CUMULATIVE.search(text)) and (killed is not None or injured is not None)
    plural = bool(cues.PLURAL_SCOPE.search(text))
    if not targets and zero_both and has_cue and event_dates:
        state.zero_days.add(event_dates[0])
    scope = targets
    if not new and plural and (zero_both or zero_killed):
        scope = [m for m in state.attacks if m.us_killed is None and m.us_injured is None] or targets
    if not cumulative:
        for mention in scope:
            if killed is not None:
                mention.us_killed = max(killed, mention.us_killed or 0)
            elif zero_killed and mention.us_killed is None:
                mention.us_killed = 0
            if injured is not None:
                mention.us_injured = max(injured, mention.us_injured or 0)
            elif zero_both and mention.us_injured is None:
                mention.us_injured = 0
    for mention in targets:
        hit, intercepted = outcome(text)
        mention.hit = mention.hit or hit
        mention.intercepted = mention.intercepted or intercepted
    _apply_claims(text, new, state, reference, event_dates)


def outcome(text: str) -> tuple[bool, bool]:
    hit = any(not cues.NEGATED.search(text[: m.start()]) for m in cues.HIT.finditer(text))
    intercepted = any(not cues.NEGATED.search(text[: m.start()]) for m in cues.INTERCEPT.finditer(text))
    return hit, intercepted


_CASUALTY_WORD = re.compile(r"injur|wound|hurt|kill|dead|\bleft\b", re.I)


def us_casualties(text: str) -> tuple[int | None, int | None]:
    """U.S./coalition killed and injured counts stated in the text (None when not stated)."""
    killed: int | None = None
    injured: int | None = None
    if not _CASUALTY_WORD.search(text):
        return killed, injured
    for m in list(cues.COUNT_THEN_WORD.finditer(text)) + list(cues.WORD_THEN_COUNT.finditer(text)):
        noun = m.group("noun")
        if cues.FOREIGN_PEOPLE.search(noun) or cues.FOREIGN_PEOPLE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        if noun.lower().split()[-1] in {"others", "more"} and not _us_noun_earlier(text, m.start()):
            continue
        gap = m.groupdict().get("gap") or ""
        if re.search(r"[,:]", gap) and m.re is cues.COUNT_THEN_WORD:
            continue
        number = parse_number(m.group("n"))
        if number is None:
            continue
        word = m.group("word").lower()
        if word.startswith(("kill", "dead")):
            killed = number if killed is None else killed
        elif word == "left":
            if re.match(r"[^.;]{0,20}\b(?:wounded|injured|hurt)", text[m.end() :]):
                injured = number if injured is None else injured
        else:
            injured = number if injured is None else injured
    return killed, injured


def _us_noun_earlier(text: str, position: int) -> bool:
    return bool(
        re.search(
            r"\b(?:American|US|U\.S\.|coalition)\s+(?:[\w-]+\s+)?(?:soldiers|troops|service|personnel)",
            text[:position],
            re.I,
        )
    )


def _apply_claims(text: str, new: list[Mention], state: Scan, reference: Reference, event_dates: list[dt.date]) -> None:
    text = cues.GENERIC_CLAIM.sub(" ", text)
    if not cues.CLAIM.search(text) or cues.NO_CLAIM.search(text):
        return
    actors = [a.id for a in reference.actors.find(text) if a.id not in US_SIDE_ACTORS]
    if not actors:
        return
    claimant = actors[0]
    named = {m.id for m in reference.bases.find(text)}
    if named:
        scope = [m for m in state.attacks + new if m.base in named]
    elif new:
        scope = new
    elif cues.PLURAL_SCOPE.search(text) and state.current_attacks:
        days = {m.date for m in state.current_attacks}
        scope = [m for m in state.attacks if m.date in days]
    elif event_dates:
        scope = [m for m in state.attacks if m.date == event_dates[0]]  # "claimed three attacks on November 23"
    else:
        scope = state.current_attacks
    for mention in scope:
        if claimant not in mention.claimed:
            mention.claimed.append(claimant)


def _apply_strike_facts(text: str, new: list[Mention], state: Scan, reference: Reference) -> None:
    if new or not state.current_strikes or cues.FOREIGN_STRIKER.search(text):
        return
    if state.current_strikes[0].sentence < state.sentence - 1:
        return  # only the sentence right after a strike says more about it
    actors = [a for a in reference.actors.find(text) if a.id not in US_SIDE_ACTORS and not _in_according(text, a)]
    if re.search(r"\b(?:used\s+by|belonging\s+to|positions|facilities|sites|targeted|aimed\s+at)\b", text, re.I):
        for mention in state.current_strikes:
            mention.targets.extend(a.id for a in actors if a.id not in mention.targets)
    killed = _strike_killed(text)
    if killed is not None:
        for mention in state.current_strikes:
            if mention.killed is None:
                mention.killed = killed
