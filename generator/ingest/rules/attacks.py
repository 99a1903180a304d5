"""Attacks on U.S. and coalition forces: an attack word and a site that is theirs, in a campaign country.

Sites come in four strengths, strongest first: a base from data/lexicon ("Ain al-Asad"), a
named installation the lexicon lacks ("Mission Support Site Green Village"), an unnamed site
marked as American ("a US base in eastern Syria", "two sites"), and U.S. forces as the target
with no site at all ("attacks on US troops in Iraq"). group.py folds the weaker into the stronger.
"""

from __future__ import annotations

import re

from generator.ingest.rules import cues
from generator.ingest.rules.clause_dates import Told
from generator.ingest.rules.mentions import US_SIDE_ACTORS, Mention
from generator.ingest.rules.names import Lexicon
from generator.ingest.rules.places import REGION_AFTER, bases_of_town, country_near, sole_country
from generator.ingest.rules.text import NUM, QUALIFIER, Cue, parse_number
from generator.ingest.rules.words import fill

# kind (base | place | vague | weak), base id, place name, country, how many sites, offset in the clause
Site = tuple[str, str | None, str | None, str, int, int]
Span = tuple[int, int]

MAX_UNNAMED_SITES = 10  # "two sites", "three bases"; larger counts are tallies of attacks, not sites hit at once
_COUNTED_ATTACKS = Cue(r"\b(?:attacks|times|operations|strikes)\b")
# What follows "a base" to say where it is: "a base near the town of Shaddadi".
_WHERE_TAIL = re.compile(r"[^,;]{0,60}?\b(?:in|near|outside)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?[A-Z][\w'-]+")
_OWNER = re.compile(fill(r"\s+@site_owned_by\b"))


def find_attacks(told: Told, lexicon: Lexicon, is_strike: bool) -> list[Mention]:
    """Attack mentions in a clause: one per site, day and (for "two sites") slot."""
    text = told.clause.text
    explosion_only = False
    if not (
        cues.ATTACK.search(text)
        or cues.STRIKE_ON.search(text)
        or cues.STRIKE_ON_US.search(text)
        or _weapon_came_down(text, lexicon)
        or _KILLED_US.search(text)
    ):
        # "Explosions were heard on Tuesday evening at the Conoco gas field": how a local report tells an attack on
        # a named base; counted only at a base the reference data names
        if is_strike or not _EXPLOSION.search(text):
            return []
        explosion_only = True
    if cues.IRREALIS.search(text) or cues.SERIES.search(cues.SINCE_PHRASE.sub(" ", text)):
        return []  # a threat, a denial, or a run of attacks ("a string of attacks since October")
    if told.basis == "context" and cues.PERFECT_CLAIMS.search(text):
        return []  # "The group has also claimed attacks on al-Tanf and Tower 22", dated only by the report's context
    if cues.TIMES_COUNT.search(text) and (cues.SINCE_PHRASE.search(text) or cues.PERFECT_COUNT.search(text)):
        return []  # a running count: "Harir has been targeted multiple times since October 17", "has been attacked
        # more than a dozen times"
    if cues.FOREIGN_STRIKER.search(text) and not cues.US_MARK.search(text):
        return []  # "Turkish drones struck a checkpoint near Qamishli": another state's attack, not on U.S. forces
    sites = _sites(text, told.sentence.text, lexicon, is_strike)
    if explosion_only:
        sites = [site for site in sites if site[0] == "base"]
    if not sites:
        return []
    sentence = told.sentence
    told_here = {m.id for m in lexicon.weapons.find(text)}
    weapons = told_here or {m.id for m in lexicon.weapons.find(sentence.text)}
    shared = not told_here or len({(base, place) for _, base, place, *_ in sites}) > 1
    out = []
    for kind, base, place, country, count, focus in sites:
        for day in told.days:
            for slot in range(count):
                mention = Mention("attack", sentence.index, sentence.text, told.clause.start + focus, day, told.soft)
                mention.site, mention.base, mention.place, mention.country = kind, base, place, country
                mention.sides = lexicon.base_sides.get(base or "", frozenset()) if base else compass_sides(place)
                mention.weapons, mention.weapons_shared = set(weapons), shared
                mention.slot, mention.count = slot, count
                mention.basis = told.basis
                mention.vague_date = told.vague
                for name in ("date", "site", *(("weapons",) if weapons else ())):
                    mention.cite(name, sentence.index)
                out.append(mention)
    return out


def other_state_attack(text: str, lexicon: Lexicon) -> bool:
    """'Iranian ballistic missiles struck Erbil', 'Iran's Revolutionary Guards fired missiles at ...': another state's
    own attack, whose outcome, toll and claims say nothing about attacks on U.S. forces."""
    if cues.FOREIGN_STRIKER.search(text):
        return True
    if cues.CLAIM.search(text):
        return False  # "the group, affiliated with Iran's Revolutionary Guards, claimed the attack": a group's claim
    verb = cues.ATTACK.search(text)
    if verb is None:
        return False
    return any(
        a.id in lexicon.state_forces and a.id not in US_SIDE_ACTORS and a.start < verb.start()
        for a in lexicon.actors.find(text)
    )


_PROJECTILES = Cue(r"\bprojectiles?\b")


def _weapon_came_down(text: str, lexicon: Lexicon) -> bool:
    """'mortar rounds landed near the base', 'defence systems downed three drones near the base': a named weapon that
    came down or was brought down somewhere is an attack word."""
    if not (cues.IMPACT.search(text) or cues.INTERCEPT.search(text)):
        return False
    return bool(lexicon.weapons.find(text)) or bool(_PROJECTILES.search(text))  # "unidentified projectiles"


def _sites(text: str, sentence: str, lexicon: Lexicon, is_strike: bool) -> list[Site]:
    taken: list[Span] = []  # a weaker site phrase inside a stronger one is the same site
    sites = _named_bases(text, lexicon, taken)
    sites += _named_installations(text, sentence, lexicon, taken)
    sites += _bases_by_town(text, sentence, lexicon, taken)
    if is_strike:
        # in a strike clause only a named U.S. site told of with an attack word makes an attack ("after the attack on
        # Tower 22"); "US forces struck two facilities ... at Al-Asad" is the strike itself
        return sites if cues.ATTACK_WORD.search(text) or cues.STRIKE_ON.search(text) else []
    sites += _unnamed_sites(text, lexicon, taken)
    if not sites and not is_strike and not cues.AGGREGATE.search(text):
        sites += _weak_sites(text, lexicon)
    return sites


def _overlaps(start: int, end: int, taken: list[Span]) -> bool:
    return any(s < end and start < e for s, e in taken)


# "the militia killing three US servicemen in a Jordan outpost": an attack told by its toll
_KILLED_US = Cue(
    rf"\bkill(?:ed|ing)\s+(?:{QUALIFIER}{NUM}\s+)?(?:u\.s\.|us|american)\s+(?:servicemen|service\s+members|soldiers|troops)\b"
)
_EXPLOSION = Cue(r"\b(?:explosions?|blasts?)\b")
# Between two base names: the second only says where the first is.
_LOCATOR = re.compile(
    r"[\s,]*(?:(?!(?:and|or)\b)[\w-]+\s+){0,2}?(?:near|close\s+to|next\s+to|adjacent\s+to|outside)\s+(?:the\s+)?"
    r"|\s+at\s+(?:the\s+)?"  # "Harir Base at Erbil International Airport"
)


def _named_bases(text: str, lexicon: Lexicon, taken: list[Span]) -> list[Site]:
    sites: list[Site] = []
    named = lexicon.bases.find(text)
    for before, match in zip([None, *named], named, strict=False):
        if before is not None and _LOCATOR.fullmatch(text, before.end, match.start):
            continue  # "the Harir base near Erbil Airport": where the base is, not a second site
        country = lexicon.base_country.get(match.id, "")
        if country and not any(s[1] == match.id for s in sites):
            sites.append(("base", match.id, lexicon.names["bases"].get(match.id), country, 1, match.start))
    taken.extend((m.start, m.end) for m in named)
    return sites


def _named_installations(text: str, sentence: str, lexicon: Lexicon, taken: list[Span]) -> list[Site]:
    """Capitalised site names the lexicon lacks ("Patrol Base Shaddadi", "Rumalyn Landing Zone")."""
    sites: list[Site] = []
    for m in cues.SPECIFIC_SITE.finditer(text):
        start = m.start("owned") if m.group("owned") else m.start()  # "the coalition's Qasrak base": the name only
        if _overlaps(start, m.end(), taken):
            continue
        country = (country_near(text, m.end(), lexicon) or country_near(sentence, 0, lexicon) or [""])[0]
        if country:
            sites.append(("place", None, text[start : m.end()], country, 1, start))
            taken.append((start, m.end()))
    return sites


# "the U.S. base in Erbil", "the American military base near Harir": a base told by the town it is in
_BASE_IN_TOWN = Cue(
    fill(
        r"\b(?P<det>the|an?)\s+(?P<us>(?:@us_marks)(?:-led)?\s+)?(?:(?:military|air|main)\s+)?(?:air\s+)?base\s+"
        r"(?:in|at|near|outside|of)\s+(?:the\s+)?(?:(?:town|city|area)\s+of\s+)?$"
    )
)
_BASE_NOUN = Cue(r"\bbase\s+(?:in|at|near|outside|of)\s")


def _bases_by_town(text: str, sentence: str, lexicon: Lexicon, taken: list[Span]) -> list[Site]:
    """'the U.S. base in Erbil': the one reference base whose name holds the town ("Erbil Air Base"), or, when none
    or several do, an unnamed site in the town's country, if the clause says the base is American. "A base in
    Erbil" is that base only in a sentence about U.S. forces."""
    if not _BASE_NOUN.search(text):
        return []
    sites: list[Site] = []
    american = bool(cues.US_MARK.search(text))
    for town in lexicon.countries.find(text):
        phrase = _BASE_IN_TOWN.search(text, max(0, town.start - 60), town.start)
        if phrase is None or _overlaps(phrase.start(), town.end, taken) or not town.text[:1].isupper():
            continue
        if REGION_AFTER.match(text, town.end):
            continue  # "a base in Erbil province" may be Harir
        if phrase.group("det") != "the" and not (phrase.group("us") or american or cues.US_MARK.search(sentence)):
            continue
        bases = bases_of_town(town.text, lexicon)
        if len(bases) == 1:
            base = bases[0]
            sites.append(
                ("base", base, lexicon.names["bases"][base], lexicon.base_country.get(base, town.id), 1, phrase.start())
            )
        elif phrase.group("det") == "the" and (phrase.group("us") or american):  # "a US base in Suriah": a country
            sites.append(("vague", None, text[phrase.start() : town.end], town.id, 1, phrase.start()))
        else:
            continue
        taken.append((phrase.start(), town.end))
    return sites


def _unnamed_sites(text: str, lexicon: Lexicon, taken: list[Span]) -> list[Site]:
    """'a base in eastern Syria', 'two sites in Iraq and Syria': only in a clause that says they are American."""
    if not cues.US_MARK.search(text):
        return []
    sites: list[Site] = []
    for m in cues.VAGUE_SITE.finditer(text):
        if _overlaps(m.start(), m.end(), taken) or _owned_by_enemy(text, m.end(), lexicon):
            continue
        countries = country_near(text, m.end(), lexicon)
        if not countries:
            continue
        count = parse_number(m.group("det")) or 1
        if count > MAX_UNNAMED_SITES or _COUNTED_ATTACKS.search(text[m.start() : m.end()]):
            continue  # "46 attacks on US bases": a count of attacks, not of sites
        if len(countries) > 1 and count == len(countries):  # "two bases in Iraq and Syria": one in each
            sites.extend(("vague", None, text[m.start() : m.end()], c, 1, m.start()) for c in countries)
        elif len(countries) == 1:
            sites.append(("vague", None, _vague_place(text, m), countries[0], count, m.start()))
    return sites


_COMPASS = re.compile(r"\b(north|south)?-?(east|west)?(?:ern|ward)?\b", re.IGNORECASE)


def compass_sides(place: str | None) -> frozenset[str]:
    """'a base in north-eastern Syria' -> {"north", "east"}; nothing when the place says no direction."""
    found: set[str] = set()
    for m in _COMPASS.finditer(place or ""):
        found |= {side.lower() for side in m.groups() if side}
    return frozenset(found)


def _vague_place(text: str, match: re.Match[str]) -> str:
    tail = _WHERE_TAIL.match(text, match.end())
    return text[match.start() : tail.end() if tail else match.end()]


def _owned_by_enemy(text: str, end: int, lexicon: Lexicon) -> bool:
    """'a base of the Popular Mobilization Forces' is not an American site."""
    tail = text[end : end + 40]
    if _OWNER.match(tail):
        return any(a.id not in US_SIDE_ACTORS for a in lexicon.actors.find(tail))
    return False


def _weak_sites(text: str, lexicon: Lexicon) -> list[Site]:
    """'fired at US forces in Syria', 'US troops were attacked': U.S. forces as the target, in one country; 'the latest
    of the attacks took place in northern Iraq': the last of the attacks on them the report counts."""
    latest = cues.LATEST_ATTACK.search(text)
    if latest:
        country = sole_country(text, lexicon)
        if country:
            return [("weak", None, None, country, 1, latest.start())]
    for m in cues.WEAK_SITE.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        if not (cues.WEAK_TARGET_BEFORE.search(before) or cues.WEAK_TARGET_AFTER.match(after)):
            continue
        country = sole_country(text, lexicon)
        if country:
            return [("weak", None, None, country, 1, m.start())]
    return []
