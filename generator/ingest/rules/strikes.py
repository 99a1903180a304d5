"""U.S. and coalition strikes: a strike word with a U.S. actor or an enemy target, in the campaign countries.

Wire reports tell of strikes the U.S. carried out ("US warplanes struck two facilities used by
Kataib Hezbollah") beside strikes by others (Israeli, Turkish) and attacks on U.S. sites ("the
drone attack on the Tower 22 outpost"), which are not U.S. strikes. A strike is dated only where
it is told: a date carried over from an earlier sentence is a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.dataset.schema import casualty_limits
from generator.ingest.rules import cues
from generator.ingest.rules.clause_dates import Told
from generator.ingest.rules.dates import DateMention
from generator.ingest.rules.mentions import US_SIDE_ACTORS, Mention, Scan
from generator.ingest.rules.names import Lexicon, Match
from generator.ingest.rules.places import coordinated_towns, first_countries, town_names
from generator.ingest.rules.text import NUM, Cue, Sentence, parse_number
from generator.ingest.rules.words import fill

STRIKE_COUNTRIES = ("IQ", "SY")  # where U.S. forces strike the groups attacking them; Jordan hosts U.S. forces
_DEFINITE_ONLY = Cue(r"\b(?:the|those|these|such)\s+$")
_DEFINITE_BEFORE = Cue(r"\b(?:the|those|these|such)\s+(?:(?:u\.s\.|us|american|coalition)\s+)?$")
_DEATH = Cue(r"kill|death")
_PASSIVE = Cue(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
_BY_AGENT = Cue(r"\s*\w*\s*by\s+((?:[\w.-]+\s+){0,4})")
# "the U.S. military assesses an Iranian-backed militia group carried out the attack": the verb has its own subject
_GROUP_SUBJECT_BEFORE = Cue(
    fill(r"\b(?:@group_nouns|militias|groups|militants|fighters|attackers)\s+(?:(?!and\b)[\w-]+\s+){0,3}$")
)
_COUNTED_STRIKES = Cue(rf"\b{NUM}\s+(?:[\w-]+\s+)?(?:air\s*)?strikes\b")
_ON_GAZA = Cue(r"\s+(?:of|on|in)\s+(?:the\s+)?gaza\b")
_LEADING_ADVERBIAL = re.compile(r"^[^,]{0,40},\s+")
_PASSIVE_STRIKE_ON = Cue(cues.PASSIVE_STRIKE_ON)
_ORDINALS = Cue(r"^\W*(?:the\s+)?first\b(?=.*\bsecond\b)")
_STRIKE_OF_A_WEEK = Cue(
    fill(r"\b@strike_nouns\b[^,;]{0,40}?\b(?:last|earlier\s+this|late\s+last|early\s+last)\s+(?:week|month)\b")
)
_TOLL_OF_STRIKE = Cue(
    fill(r"\b(?:toll|injuries|wounds)\s+(?:from|of|in|caused\s+by)\s+the\s+(?:[\w.-]+\s+){0,2}?@strike_nouns\b")
)
_ANSWERS_THE_ATTACKS = Cue(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+for|responding\s+to)\s+(?:the|these|those|this|that)\s+"
    r"(?:[\w-]+\s+)?(?:attacks?|assaults?)\b"
)
_TARGET_WORDS = Cue(fill(r"\b@strike_target_words\b"))
# "U.S. forces from the base in Koniko", "U.S. troops stationed at the base": where the U.S. strikes from
_FROM_BASE = Cue(r"\b(?:from|stationed\s+at|stationed\s+in)\s+(?:the\s+)?(?:[\w.'-]+\s+){0,3}?(?:base|garrison)\b")


def find_strikes(told: Told, lexicon: Lexicon, state: Scan) -> list[Mention] | None:
    """Strike mentions in a clause ([] when it is about a strike but not one we can place), or None."""
    text = cues.SINCE_PHRASE.sub(" ", told.clause.text)  # "since Washington's strikes last week" is background
    sentence = told.sentence.text
    if not _is_us_strike(text, sentence, lexicon):
        return None
    if text != told.clause.text and _COUNTED_STRIKES.search(text):
        # "Since the attacks began, the U.S. has retaliated with two strikes in Syria": a running count
        state.counted_strikes = (told.sentence.index, _strike_countries(text, sentence, lexicon, state)[0])
        return []
    if _STRIKE_OF_A_WEEK.search(text) or _TOLL_OF_STRIKE.search(text):
        # "died on Sunday of injuries from the US bombardment on Jurf al-Nasr last week", "announced on Sunday that
        # the death toll from the US bombing had risen": a strike told before, not one on that day
        return []
    latest = told.date is not None and not told.soft and bool(_MOST_RECENTLY.search(text))
    if (cues.STRIKE_AGGREGATE.search(text) and not isinstance(told.date, list) and not latest) or (
        told.vague and told.date is None
    ):
        return []  # "several rounds of strikes", "strikes last week": no one strike to place ("two series of strikes
        # on Tuesday and Wednesday" places one on each day)
    days = told.days
    stated = told.basis in {"stated", "relative", "said"}
    own_day = None
    if told.date is not None and (_anaphoric(text, lexicon, stated) or (told.heading and _told_before(text))):
        days = [None]  # "the deterrent effect of the strikes": a strike told of before, not dated here
        own_day = told.date if told.basis in {"stated", "relative"} and not isinstance(told.date, list) else None
    soft, basis = told.soft, told.basis
    answered = _day_answered(sentence, state) if days == [None] else None
    if answered is not None:
        days, soft, basis = [answered], True, "answered"
    enemy = [a for a in lexicon.actors.find(text) if a.id not in US_SIDE_ACTORS]
    targets = [a.id for a in enemy if not in_according(text, a)]
    out = []
    towns = coordinated_towns(text, lexicon)
    # "Sixteen people, including civilians, were killed in the U.S. strikes": the toll began a clause before
    killed = strike_killed(text)
    killed = killed if killed is not None else strike_killed(sentence)
    for country in _strike_countries(text, sentence, lexicon, state):
        # "strikes near Abu Kamal and Mayadin": one entry per place
        places: list[str | None] = [town for town, of in towns if of == country]
        places = places or [town_names(text, lexicon) or lexicon.names["countries"].get(country or "", None)]
        for day, place in ((d, p) for d in days for p in places):
            mention = Mention("strike", told.sentence.index, sentence, told.clause.start, day, soft)
            mention.country, mention.place, mention.separate_place = country, place, len(places) > 1
            mention.targets = list(targets)
            mention.killed = killed
            mention.basis = basis
            mention.own_day = own_day
            for name in ("date", "site", *(("targets",) if targets else ()), *(("killed",) if mention.killed else ())):
                mention.cite(name, told.sentence.index)
            out.append(mention)
    return out


def ordinal_strikes(sentence: Sentence, dates: list[DateMention], lexicon: Lexicon, state: Scan) -> list[Mention]:
    """'... has retaliated with two strikes in Syria. The first occurred October 26 and the second on November 8':
    the strikes a running count told, each on its day."""
    counted = state.counted_strikes
    if counted is None or counted[0] != sentence.index - 1 or not _ORDINALS.match(sentence.text):
        return []
    days = [d.date for d in dates if d.kind == "event" and d.precision == "day" and d.date is not None]
    out = []
    for day in dict.fromkeys(days):
        mention = Mention("strike", sentence.index, sentence.text, 0, day, False)
        mention.country = counted[1]
        mention.place = lexicon.names["countries"].get(counted[1] or "", None)
        for name in ("date", "site"):
            mention.cite(name, sentence.index)
        out.append(mention)
    return out


def _day_answered(sentence: str, state: Scan) -> dt.date | None:
    """'In response to the drone attacks, U.S. forces at the base retaliated by firing artillery shells at nearby
    villages': a strike told without a day, answering the attacks just told, was about their day (a guess the draft
    flags)."""
    if not _ANSWERS_THE_ATTACKS.search(sentence):
        return None
    days = {m.date for m in state.current_attacks if m.date is not None and not m.soft}
    return days.pop() if len(days) == 1 else None


def _is_us_strike(text: str, sentence: str, lexicon: Lexicon) -> bool:
    """A strike word with a U.S. actor or an enemy target; not another country's strike, a threat, or an attack on
    a U.S. site."""
    if not (cues.STRIKE_NOUN.search(sentence) or cues.STRIKE_VERB.search(text)):
        return False
    if cues.FOREIGN_STRIKER.search(text) or cues.STRIKE_IRREALIS.search(text):
        return False
    if cues.UNKNOWN_STRIKER.search(text) and not cues.US_MARK.search(text):
        return False  # "an unidentified aircraft bombed a PMF position": whose, the report does not say
    nouns = list(cues.STRIKE_NOUN.finditer(text))
    if nouns and all(_ON_GAZA.match(text, m.end()) for m in nouns) and not cues.STRIKE_VERB.search(text):
        return False  # "US support for Israel in its bombardment of Gaza": Israel's war, not a U.S. strike
    actors = lexicon.actors.find(text)
    if cues.INTERCEPT.search(text) and not any(
        _us_before(text, v.start(), lexicon) for v in cues.STRIKE_VERB.finditer(text)
    ):
        return False  # "US forces shot down a drone ..., an official said of the strike": a defence, not a strike
    enemy = [a for a in actors if a.id not in US_SIDE_ACTORS]
    us_actor = bool(cues.US_ACTOR.search(text)) or any(a.id in US_SIDE_ACTORS for a in actors)
    # In a sentence about strikes, "an attack on a weapons depot" is one of them.
    noun = cues.STRIKE_NOUN.search(text) or (
        cues.ATTACK_ON_FACILITY.search(text) if cues.STRIKE_NOUN.search(cues.SINCE_PHRASE.sub(" ", sentence)) else None
    )
    target_words = bool(enemy or cues.ENEMY_TARGET.search(_without_bases(text, lexicon)))
    is_strike = bool(noun and (us_actor or target_words)) or any(
        us_actor and target_words and _us_before(text, verb.start(), lexicon)
        for verb in cues.STRIKE_VERB.finditer(text)
    )
    # "as part of the response to recent strikes against US forces": what the strike answers is told, not struck
    # ("a retaliatory strike on a militia headquarters after rockets hit the Ain al-Asad air base": the base is where
    # the attack answered was, not where the strike hit)
    own = cues.RESPONSE_PHRASE.sub(" ", text)
    attack_on_us = cues.STRIKE_ON_US.search(own) or cues.STRIKES_AGAINST_US.search(own)
    return is_strike and not _attack_on_site(_after_origin(own, lexicon), lexicon) and not attack_on_us


def _without_bases(text: str, lexicon: Lexicon) -> str:
    """The text with the names of U.S. bases blanked out: "the Green Village base" names no village to strike."""
    for match in lexicon.bases.find(text):
        text = text[: match.start] + " " * (match.end - match.start) + text[match.end :]
    return text


# "three rounds of strikes, most recently on Nov. 12 against facilities in Syria": the last of them, on its day
_MOST_RECENTLY = Cue(r"\b(?:most\s+recently|the\s+latest|the\s+last\s+(?:one|of\s+them))\s+(?:on\s+)?(?=\w)")


def _after_origin(text: str, lexicon: Lexicon) -> str:
    """'US forces from the base in Koniko shelled two villages': the base the U.S. strikes from is no site attacked;
    the clause from the strike verb on is what was hit."""
    for verb in cues.STRIKE_VERB.finditer(text):
        if _FROM_BASE.search(text, 0, verb.start()) and _us_before(text, verb.start(), lexicon):
            return text[verb.start() :]
    return text


def _strike_countries(text: str, sentence: str, lexicon: Lexicon, state: Scan) -> list[str | None]:
    """The clause's countries, else the sentence's first, else the one country of the sentence before."""
    found = first_countries(cues.RESPONSE_PHRASE.sub(" ", text), lexicon) or first_countries(text, lexicon)
    if not found:
        found = first_countries(sentence, lexicon)[:1] or ([state.last_country] if state.last_country else [])
    found = [c for c in found if c in STRIKE_COUNTRIES]
    return list(dict.fromkeys(found)) or [None]


def _us_before(text: str, position: int, lexicon: Lexicon) -> bool:
    """A U.S./coalition actor is the subject of the verb: named at most six words before it, or opening the clause
    ("Within minutes, an AC-130 gunship that was flying nearby tracked the crew and opened fire"). A passive verb
    ("three US soldiers were killed") has its victim before it: the U.S. strikes only as its agent ("by US jets")."""
    if _PASSIVE.search(text, 0, position):
        agent = _BY_AGENT.match(text, position)
        return bool(agent and _is_us(agent.group(1), lexicon))
    if _GROUP_SUBJECT_BEFORE.search(text, max(0, position - 60), position):
        return False
    head = " ".join(text[:position].split()[-6:])
    return _is_us(head, lexicon) or _is_us(_subject(text[:position]), lexicon)


def _is_us(text: str, lexicon: Lexicon) -> bool:
    return bool(cues.US_ACTOR.search(text)) or any(a.id in US_SIDE_ACTORS for a in lexicon.actors.find(text))


def _subject(head: str) -> str:
    """The first words of a clause after a leading adverbial ("Within minutes, ..."): where its subject is."""
    lead = _LEADING_ADVERBIAL.match(head)
    return " ".join(head[lead.end() if lead else 0 :].split()[:4])


def _attack_on_site(text: str, lexicon: Lexicon) -> bool:
    """'the drone attack on the Tower 22 outpost', 'a drone strike on Tower 22': an attack on a U.S. site is not a
    U.S. strike."""
    if lexicon.bases.find(text):
        return True
    if not (cues.ATTACK_WORD.search(text) or _PASSIVE_STRIKE_ON.search(text)):
        return False
    return any(cues.US_MARK.search(text[max(0, m.start() - 30) : m.end()]) for m in cues.VAGUE_SITE.finditer(text))


def _anaphoric(text: str, lexicon: Lexicon, stated: bool) -> bool:
    """Every strike word is 'the strikes' (told of before) and no U.S. actor strikes anything here. 'The U.S. strikes'
    is one told before too, unless the clause gives it a day of its own ("The U.S. strikes on Friday hit ...")."""
    nouns = list(cues.STRIKE_NOUN.finditer(text))
    definite = _DEFINITE_ONLY if stated else _DEFINITE_BEFORE
    if not nouns or not all(definite.search(text, 0, m.start()) for m in nouns):
        return False
    spans = [(m.start(), m.end()) for m in nouns]  # "The U.S. strikes came ...": "strikes" is the noun here
    verbs = [v for v in cues.STRIKE_VERB.finditer(text) if (v.start(), v.end()) not in spans]
    return not any(_us_before(text, v.start(), lexicon) for v in verbs)


def _told_before(text: str) -> bool:
    """'killed in the US strikes on sites around Mayadin': every strike word names strikes already told."""
    nouns = list(cues.STRIKE_NOUN.finditer(text))
    return bool(nouns) and all(_DEFINITE_BEFORE.search(text, 0, m.start()) for m in nouns)


def in_according(text: str, actor: Match) -> bool:
    """The actor is only the source ("according to Kataib Hezbollah"), not a target."""
    return any(m.start() <= actor.start < m.end() for m in cues.ACCORDING.finditer(text))


def strike_killed(text: str) -> int | None:
    m = cues.STRIKE_KILLED.search(text) if _DEATH.search(text) else None
    if not m:
        return None
    number = parse_number(m.group("n") or m.group("n2") or m.group("n3") or "")
    return number if number is not None and number <= casualty_limits()["killed"] else None


def apply_strike_facts(text: str, new: list[Mention], state: Scan, lexicon: Lexicon) -> None:
    """The sentence right after a strike often names its targets or toll ("The facilities were used by ...")."""
    if new or not state.current_strikes or cues.FOREIGN_STRIKER.search(text):
        return
    if state.current_strikes[0].sentence < state.sentence - 1:
        return  # only the sentence right after a strike says more about it
    actors = [a for a in lexicon.actors.find(text) if a.id not in US_SIDE_ACTORS and not in_according(text, a)]
    if _TARGET_WORDS.search(text):
        for mention in state.current_strikes:
            mention.targets.extend(a.id for a in actors if a.id not in mention.targets)
            if actors:
                mention.cite("targets", state.sentence)
    killed = strike_killed(text)
    if killed is not None:
        for mention in state.current_strikes:
            if mention.killed is None:
                mention.killed = killed
                mention.cite("killed", state.sentence)
