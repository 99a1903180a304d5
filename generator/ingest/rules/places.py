"""Where: the campaign countries and towns a clause names, and which of them a site phrase belongs to.

Country aliases in data/lexicon include towns and provinces ("Erbil", "Deir ez-Zor") and
demonyms ("Iraqi"), so one matcher finds all three; a country named just before "border" is a
direction ("near the Jordanian border"), not where something happened.
"""

from __future__ import annotations

import re
from itertools import pairwise

from generator.ingest.rules import cues
from generator.ingest.rules.mentions import CAMPAIGN_COUNTRIES
from generator.ingest.rules.names import Lexicon, Match
from generator.ingest.rules.text import Cue
from generator.ingest.rules.words import fill

# "Iraq and Syria", "Iraq's Anbar and Syria": words that join two countries into one phrase.
_PAIR_BETWEEN = re.compile(r"\w+(?:'s)?,?\s+(?:and\s+|or\s+)?(?:[\w-]+\s+){0,3}")
_DEMONYM = re.compile(r"(?:i|ian|ese|ish)$")


_GROUP_AFTER = Cue(fill(r"\s+(?:armed\s+)?(?:@group_nouns|groups|militias|factions|resistance)\b"))


def countries(text: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """(offset, country id) of every campaign country, town or demonym named in the text."""
    out = []
    named: list[tuple[int, int]] | None = None  # a group's name ("Islamic Resistance in Iraq") places nothing
    for match in lexicon.countries.find(text):
        if match.id not in CAMPAIGN_COUNTRIES or cues.BORDER.match(text[match.end :]):
            continue
        if _DEMONYM.search(match.text) and _GROUP_AFTER.match(text, match.end):
            continue  # "the Iraqi resistance group Kata'ib Sayyid al-Shuhada, on the Syrian side": who, not where
        if named is None:
            named = [(a.start, a.end) for a in lexicon.actors.find(text)]
        if not any(start <= match.start < end for start, end in named):
            out.append((match.start, match.id))
    return out


def sole_country(text: str, lexicon: Lexicon) -> str | None:
    """The campaign country the text names, when it names exactly one."""
    found = {c for _, c in countries(text, lexicon)}
    return found.pop() if len(found) == 1 else None


def country_near(text: str, position: int, lexicon: Lexicon) -> list[str]:
    """Countries named after a site phrase ("a base in eastern Syria"), else before it, else in the text."""
    found = countries(text, lexicon)
    after = [c for p, c in found if p >= position]
    if after:
        return list(dict.fromkeys(after[:2])) if _country_pair(text, position, lexicon) else [after[0]]
    before = [(p, c) for p, c in found if p < position]
    if len(before) > 1 and _country_pair(text, before[-2][0], lexicon):
        return list(dict.fromkeys([before[-2][1], before[-1][1]]))  # "bases in Iraq and Syria, ... three facilities"
    return [before[-1][1]] if before else []


def first_countries(text: str, lexicon: Lexicon) -> list[str]:
    """The first country named; both when named together ("in Iraq and Syria")."""
    found = countries(text, lexicon)
    if not found:
        return []
    first = found[0]
    if _country_pair(text, first[0], lexicon):
        return list(dict.fromkeys([first[1], *(c for p, c in found[1:2])]))
    return [first[1]]


def _country_pair(text: str, position: int, lexicon: Lexicon) -> bool:
    """'in Iraq and Syria': the phrase covers both countries."""
    found = [(p, c) for p, c in countries(text, lexicon) if p >= position]
    if len(found) < 2 or found[0][1] == found[1][1]:
        return False
    between = text[found[0][0] : found[1][0]]
    return bool(_PAIR_BETWEEN.fullmatch(between))


def _towns(text: str, lexicon: Lexicon) -> list[Match]:
    """Towns and provinces named in the clause: capitalised country aliases that are neither the name nor a
    demonym."""
    country_names = set(lexicon.names["countries"].values())
    return [
        m
        for m in lexicon.countries.find(text)
        if _capitalised(m.text) and m.text not in country_names and not _DEMONYM.search(m.text)
    ]


# "al-Qaim", "el-Bukamal": the article of an Arabic name is written in lower case, the name itself is not
_ARTICLE_THEN_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az)-[A-Z]")


def _capitalised(name: str) -> bool:
    return name[0].isupper() or bool(_ARTICLE_THEN_NAME.match(name))


def bases_of_town(town: str, lexicon: Lexicon) -> list[str]:
    """The reference bases whose names hold the town's ("Erbil Air Base" of Erbil). A town alone ("coalition forces
    at Erbil") names no base: the gold of the real-text corpus leaves such a site unnamed."""
    return [b for b, name in lexicon.names["bases"].items() if re.search(rf"\b{re.escape(town)}\b", name, re.I)]


def town_names(text: str, lexicon: Lexicon) -> str | None:
    """The towns and provinces the clause names, joined."""
    return ", ".join(dict.fromkeys(m.text for m in _towns(text, lexicon))) or None


_COORDINATION = re.compile(
    r"(?:\s+(?:area|district))?"
    # "Al-Qa'im near the Syrian border and Jurf al-Sakhar": a town placed by a border is still one of those listed
    r"(?:\s+(?:near|on|along|close\s+to)\s+the\s+(?:[\w-]+\s+){0,2}?border)?"
    r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:(?:town|city|area|village)\s+of\s+)?"
)
# A region word after a town's name ("the Deir ez-Zor and Hasakah provinces", "a base in Erbil province"): the name is
# the province's, not the town's
REGION_AFTER = re.compile(r"\s+(?:provinces?|governorates?)\b")


def coordinated_towns(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """Towns named together as separate places ("near Abu Kamal and Mayadin", "in Qaim, Akashat and Jurf al-Sakhar"),
    with their countries; [] when the clause names fewer than two so joined, or names provinces ("the Deir ez-Zor and
    Hasakah provinces"). A strike draft is kept per place."""
    towns = _towns(text, lexicon)
    joined = [(a, b) for a, b in pairwise(towns) if _COORDINATION.fullmatch(text, a.end, b.start)]
    if not joined or any(REGION_AFTER.match(text, b.end) for _, b in joined):
        return []
    kept = dict.fromkeys([*(a for a, _ in joined), *(b for _, b in joined)])
    return list(dict.fromkeys((m.text, m.id) for m in sorted(kept, key=lambda m: m.start)))
