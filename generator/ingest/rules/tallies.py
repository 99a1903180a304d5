"""Official cumulative counts: "attacked at least 46 times since October 17", with the Iraq/Syria
split and the injured count often given in the next sentences ("24 of those attacks ... in Iraq").

A count is a tally when it is anchored to the campaign: counted since its start (or between its
start and a day), "as of" a day, over a period ("in the past week", "to date"), given by a U.S.
official, or split between Iraq and Syria. A count since another day ("nine times since January 4")
or by a monitor or a militia ("operations") is not one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from generator.ingest.rules import cues
from generator.ingest.rules.dates import DateMention, find_dates
from generator.ingest.rules.names import Lexicon
from generator.ingest.rules.outcomes import us_casualties
from generator.ingest.rules.text import NUM, QUALIFIER, Cue, Sentence, parse_number
from generator.ingest.rules.words import alternation, fill

FOLLOW_UP = 3  # sentences after a count that may give its split or injured figure
# "attacked U.S. and coalition troops in Iraq and Syria at least 38 times": the gap may hold who and where.
_TIMES = Cue(
    rf"\b(?:attacked|targeted|attacks?|hit|under\s+fire)\b(?:[^.;]|\.(?=\S|\s+[a-z])){{0,80}}?\b(?P<n>{QUALIFIER}{NUM})\s+times\b"
)
# the verb after the count, in the order of a gloss of Turkish ("en az 66 kez saldırıya uğradı")
_TIMES_BEFORE_VERB = Cue(
    rf"\b(?P<n>{QUALIFIER}{NUM})\s+times\s+(?:came\s+under\s+attack|(?:were\s+|been\s+)?attacked|targeted)\b"
)
_ATTACKS = Cue(
    rf"\b(?P<n>{QUALIFIER}{NUM})\s+(?:[\w-]+\s+){{0,2}}?(?:attacks|strikes(?=\s+(?:against|on)\s+(?:its|their|u\.s\.|us|american|coalition)\b))\b"
    r"(?!\s+(?:that|on\s+\w+\s+\d))"
)
# Arabic counts 11 to 99 with a singular noun ("48 هجوما"), which the gloss reads as "48 attack"
_ATTACKS_SINGULAR = Cue(rf"\b(?P<n>{QUALIFIER}[1-9]\d)\s+attack\b(?!\s+(?:drones?|uavs?|helicopters?|aircraft)\b)")
# "the attacks against American forces have reached 76 since October 17"
_REACHED = Cue(
    rf"\battacks\b(?:[^.;]|\.(?=\S|\s+[a-z])){{0,80}}?\b(?:reached|rose\s+to|climbed\s+to|totall?ed|numbered)\s+"
    rf"(?P<n>{QUALIFIER}{NUM})\b"
)
# "the 28th attack on U.S. forces since October 17": the count given as the rank of the latest attack, the noun
# sometimes left out ("Tuesday's attack was the 62nd on U.S. forces")
_ORDINAL = Cue(
    r"\bthe\s+(?P<n>\d+)(?:st|nd|rd|th)\s+(?:(?:[\w-]+\s+){0,2}?(?:attack|assault|incident)\b|(?:such\s+)?(?:on|against)\s)"
)
_NUMBER_OF = Cue(
    fill(
        r"\b@tally_nouns\b(?!\s+of\s+(?:[\w-]+\s+)?@tally_other_counts)(?:\s+of\s+attacks)?"
        r"(?:[^.;]|\.(?=\S|\s+[a-z])){0,90}?\b(?:to|at)\s+"
    )
    + rf"(?P<n>{QUALIFIER}{NUM})\b"
)
_PERIOD = Cue(fill(r"\b@tally_periods\b"))
_OFFICIAL = Cue(fill(r"\b@tally_officials\b"))
_NOT_OFFICIAL = Cue(fill(r"\b@tally_not_official\b"))
_RANGE_START = Cue(r"\b(?:between|from)\s+$")  # "between October 17 and 24": counted from the start
_RANGE_END = Cue(r"\b(?:and|to|through|until)\s+$")
MIN_TALLY = 10  # a count anchored only by who gave it or a period: smaller ones are a day's or a week's
_NUMBER = Cue(rf"\b{NUM}\b")
_SINCE_WORDS = Cue(fill(r"\b@tally_since"))
# "The latest attack brings to 66 the number of attacks": the count, told before its noun
_BRINGS_TO = Cue(
    rf"\b(?:brings?|brought|bringing|raises?|raised|raising|pushe[sd]|pushing)\s+to\s+(?P<n>{QUALIFIER}{NUM})\s+the\s+"
    r"(?:number|total|tally|count)\b"
)
_AS_OF = Cue(r"\bas\s+of\b|\b(?:brought|put)\s+the\s+(?:number|total|tally|count)\b")
_BROUGHT = Cue(r"\bbrought\s+the\s+(?:number|total|tally|count)\b")
# "On the eve of the Baghdad strike, the Pentagon said ...": stated the day before an event the report tells of.
_EVE = Cue(r"\bon\s+the\s+eve\s+of\s+(?:the|this|that)\s+(?:[\w'-]+\s+){0,3}?(?P<what>strike|raid|attack)s?\b")
_PARTIAL = Cue(r"\b(?:of\s+(?:those|the|them|these)(?:\s+attacks)?|of\s+them)\b")
_SINCE_WORD = Cue(r"\bsince\b")
_QUALIFIER = Cue(QUALIFIER)
_OF_AFTER = re.compile(r"\s+of\b")

_LOWER_BOUND = Cue(rf"{alternation('lower_bounds')}\b")
_TALLY_WORDS = Cue(fill(r"\b@tally_words\b"))


@dataclass
class Tally:
    sentence: int
    quote_source: str
    attacks: int
    as_of: dt.date | None
    iraq: int | None = None
    syria: int | None = None
    injured: int | None = None
    brought: bool = False
    eve_of: str | None = None  # "strike" or "attack": stated the day before the last one told earlier
    lower_bound: bool = False  # "at least 150 times", "more than 170 attacks"
    evidence: dict[str, set[int]] = field(default_factory=dict)  # split | injured -> sentences telling it


_ALONE = Cue(r"\balone\b")
_EARLIER = Cue(r"\s*earlier\b")  # "Earlier, a spokeswoman noted ...": not on the day the sentence before tells


def find_tallies(
    sentences: list[Sentence],
    lexicon: Lexicon,
    published: dt.date,
    campaign_start: dt.date,
    official_voice: bool = False,
) -> tuple[list[Tally], set[int]]:
    """Tallies and the indexes of the sentences that state them (not events). `official_voice`: the report is a
    U.S. government publication, so a count it gives in its own voice is official."""
    names = (lexicon.names["countries"].get("IQ", "Iraq"), lexicon.names["countries"].get("SY", "Syria"))
    tallies: list[Tally] = []
    used: set[int] = set()
    for position, sentence in enumerate(sentences):
        if sentence.index in used or not _TALLY_WORDS.search(sentence.text) or not _NUMBER.search(sentence.text):
            continue
        dates = find_dates(sentence.text, published, campaign_start)
        tally = _tally(sentence, dates, names, campaign_start, official_voice)
        if tally is None or (not official_voice and _outlets_own(sentences, position)):
            continue
        if _one_base_only(sentence.text, lexicon, names, tally.attacks):
            continue
        used.add(sentence.index)
        follow = sentences[position + 1 : position + 1 + FOLLOW_UP]
        used |= _follow_up(tally, follow, names, published, campaign_start)
        if tally.as_of is None and position > 0 and not _EARLIER.match(sentence.text):
            tally.as_of = _said_on(sentences[position - 1].text, published, campaign_start)
        tallies.append(tally)
    return tallies, used


def _outlets_own(sentences: list[Sentence], position: int) -> bool:
    """'Militia groups have targeted US interests over 100 times since October 17': a count the report gives in
    its own voice, with the groups as its subject and no official named next to it, is not an official tally."""
    if not _GROUP_COUNT.search(sentences[position].text):
        return False
    near = sentences[max(0, position - 2) : position + 3]
    return not any(_OFFICIAL.search(s.text) for s in near)


# "Washington has recorded 103 strikes against its forces": the groups' attacks, counted with a strike word
_STRIKES_ON_FORCES = Cue(
    r"\bstrikes\s+(?:against|on)\s+(?:its|their|u\.s\.|us|american|coalition)\s+(?:[\w-]+\s+)?forces\b"
)
_GROUP_COUNT = Cue(fill(r"\b(?:@group_nouns|militias|groups|factions)\b"))
# "hit 66 times since Oct. 17, but Monday's incident was the first ...": that day is another event's
_BUT = re.compile(r",\s+but\b")
# "73 attacks since Oct. 17, including four on Thanksgiving Day": the day of some attacks counted, not of the count
_INCLUDED = re.compile(r"\b(?:including|among\s+them|of\s+which)\b[^.;]*$")


def _tally(
    sentence: Sentence, dates: list[DateMention], names: tuple[str, str], campaign_start: dt.date, official: bool
) -> Tally | None:
    text = _mask(sentence.text, dates)
    if not (cues.ATTACK.search(text) or _STRIKES_ON_FORCES.search(text)) or _NOT_OFFICIAL.search(text):
        return None
    since = (
        any(_campaign_since(d, sentence.text, campaign_start) for d in dates)
        or bool(_SINCE_WORDS.search(text))
        or bool(_since_start_month(campaign_start).search(sentence.text))
        or any(_range_start(d, sentence.text, campaign_start) for d in dates)
    )
    if not since and any(d.kind == "since" and d.precision == "day" for d in dates):
        return None  # "attacked nine times since January 4": a count of something else
    if _ALONE.search(text):
        return None  # "In the past week alone, U.S. forces were attacked 12 times": a part of the count
    anchored = since or _AS_OF.search(text) or _BRINGS_TO.search(text)
    iraq, syria = _split(text, names)
    if not (anchored or (iraq and syria) or _PERIOD.search(text) or official or _OFFICIAL.search(text)):
        return None
    split_positions = {p for p in (iraq, syria) if p is not None}
    total, lower_bound = _total(text, {pos for pos, _ in split_positions})
    if total is None and _PARTIAL.search(text) and iraq and syria:
        return None  # "24 of those attacks ... in Iraq": the split of a count given before
    if total is None and iraq and syria:
        total = iraq[1] + syria[1]
    if total is None or (not anchored and total < MIN_TALLY):
        return None
    if not (iraq and syria) and _one_country_only(text, names, total):
        return None  # "U.S. bases in Syria alone have been attacked 40 times": a part of the count
    said = [
        d
        for d in dates
        if not _range_end(d, sentence.text)
        and not _range_start(d, sentence.text, campaign_start)
        and not _INCLUDED.search(sentence.text, 0, d.start)
        and not (d.kind == "event" and _BUT.search(sentence.text, 0, d.start))
    ]
    tally = Tally(sentence.index, sentence.text, total, _said_date(said), lower_bound=lower_bound)
    tally.iraq, tally.syria = (iraq[1] if iraq else None), (syria[1] if syria else None)
    if tally.iraq is None or tally.syria is None:
        tally.iraq = tally.syria = None
    tally.injured = _cumulative_injured(sentence.text)
    tally.brought = bool(_BROUGHT.search(text) or _BRINGS_TO.search(text))
    eve = _EVE.search(text)
    if eve and tally.as_of is None:
        tally.eve_of = "attack" if eve.group("what") == "attack" else "strike"
    return tally


@functools.cache
def _since_start_month(campaign_start: dt.date) -> re.Pattern[str]:
    """'since October', 'since mid-October': the month the campaign began, named without a day (find_dates reads no
    date in it)."""
    month = campaign_start.strftime("%B")
    return re.compile(rf"\bsince\s+(?:(?:mid|early|late)-?\s*)?{month}\b(?!\s+\d)", re.IGNORECASE)


def _range_start(mention: DateMention, text: str, campaign_start: dt.date) -> bool:
    """'between October 17 and 24', 'from Oct. 17 to 30': a count from the campaign's start."""
    near = mention.date is not None and abs((mention.date - campaign_start).days) <= 7
    return near and bool(_RANGE_START.search(text, max(0, mention.start - 12), mention.start))


def _range_end(mention: DateMention, text: str) -> bool:
    """The end of a range ("... and Tuesday") is not the day the count was given."""
    return bool(_RANGE_END.search(text, max(0, mention.start - 10), mention.start))


def _campaign_since(mention: DateMention, text: str, campaign_start: dt.date) -> bool:
    if mention.kind != "since":
        return False
    if mention.date is not None:
        return abs((mention.date - campaign_start).days) <= 7
    snippet = text[mention.start : mention.end].lower()
    month = campaign_start.strftime("%B").lower()
    return snippet.startswith("mid") and month[:3] in snippet


def _mask(text: str, dates: list[DateMention]) -> str:
    """Digits inside dates become x, so "October 17" is never read as a count."""
    chars = list(text)
    for mention in dates:
        for index in range(mention.start, mention.end):
            if chars[index].isdigit():
                chars[index] = "x"
    return "".join(chars)


_COUNT_BEFORE = Cue(rf"\b(?P<n>{NUM})\s+(?:times|attacks)\s+(?:in|on\s+(?:forces|troops)\s+in)\s+$")
_COUNT_AFTER = Cue(rf"[^.;,]{{0,50}}?\b(?P<n>{NUM})\s+(?:times|attacks)\b")


@functools.cache
def _in_country(name: str) -> re.Pattern[str]:
    """ " in Syria": right after a count, the count is that country's; before it, where the attacked were."""
    return re.compile(rf"\s+in\s+{re.escape(name)}\b")


def _split(text: str, names: tuple[str, str]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    found = []
    for name in names:
        best = None
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if _in_pair(text, m, names):
                continue  # "140 attacks in Iraq and Syria: 57 in Iraq and 83 in Syria": the pair is the total's
            tight = _COUNT_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if tight:  # "attacked 10 times in Iraq and three times in Syria"
                best = (tight.start("n"), parse_number(tight.group("n")) or 0)
                break
            after = _COUNT_AFTER.match(text, m.end())
            others = [other for other in names if other != name]
            # ("27 attacks in Iraq and 28 attacks in Syria": the 28 is Syria's)
            if after and not any(o in after.group(0) or _in_country(o).match(text, after.end()) for o in others):
                # "troops in Iraq came under attack 10 times while troops in Syria were attacked three times"
                best = (after.start("n"), parse_number(after.group("n")) or 0)
                break
            window_start = max(0, m.start() - 70)
            numbers = [n for n in _NUMBER.finditer(text, window_start, m.start()) if parse_number(n.group(0))]
            if numbers:
                number = numbers[-1]
                between = text[number.end() : m.start()]
                # a full stop ends the count's sentence; the dots of "U.S." do not
                if not re.search(r";|(?<![A-Z])\.", between) and not any(o in between for o in names if o != name):
                    best = (number.start(), parse_number(number.group(0)) or 0)
                    break
        found.append(best)
    iraq, syria = found
    if not (iraq and syria) or iraq[0] == syria[0]:
        return None, None  # "92 attacks in Iraq and Syria" is a total, not a split
    return iraq, syria


def _one_country_only(text: str, names: tuple[str, str], total: int) -> bool:
    """Only one of the two countries is named, as where the attacked were ("in Syria"), before the count: the count
    is of that country's attacks ("the Iraq strike" names no scope)."""
    if all(name in text for name in names):
        return False
    scopes = [m.start() for name in names for m in _in_country(name).finditer(text)]
    count = re.search(rf"\b{total}\b", text)
    return bool(scopes) and count is not None and min(scopes) < count.start()


def _one_base_only(text: str, lexicon: Lexicon, names: tuple[str, str], total: int) -> bool:
    """A base named before the count, and no country as the count's scope: the count is that base's ("the Rumalyn
    base has come under attack at least three times"), not the campaign's."""
    if any(name in text for name in names):
        return False
    count = re.search(rf"\b{total}\b", text) or _NUMBER.search(text)  # the count in figures, or in words
    bases = lexicon.bases.find(text)
    return bool(bases) and count is not None and bases[0].start < count.start()


def _in_pair(text: str, m: re.Match[str], names: tuple[str, str]) -> bool:
    """'Iraq and Syria', 'Syria and Iraq': both countries named together."""
    other = names[1] if m.group(0) == names[0] else names[0]
    after = re.match(rf"\s+(?:and|or|&)\s+{re.escape(other)}\b", text[m.end() :])
    before = re.search(rf"\b{re.escape(other)}\s+(?:and|or|&)\s+$", text[max(0, m.start() - 30) : m.start()])
    return bool(after or before)


def _total(text: str, skip: set[int]) -> tuple[int | None, bool]:
    """The count, and whether it is given as a lower bound ("at least", "more than")."""
    for pattern in (
        _NUMBER_OF,
        _BRINGS_TO,
        _TIMES,
        _TIMES_BEFORE_VERB,
        _ATTACKS,
        _ATTACKS_SINGULAR,
        _ORDINAL,
        _REACHED,
    ):
        for m in pattern.finditer(text):
            number_text = m.group("n")
            start = m.start("n") + (len(number_text) - len(_QUALIFIER.sub("", number_text, count=1)))
            if start in skip or _OF_AFTER.match(text, m.end("n")):
                continue
            value = parse_number(number_text)
            if value is not None and value > 1:
                return value, bool(_LOWER_BOUND.match(number_text))
    return None, False


def _said_date(dates: list[DateMention]) -> dt.date | None:
    for kind in ("statement", "event"):
        for mention in dates:
            if mention.kind == kind and mention.precision == "day" and mention.date is not None:
                return mention.date
    return None


def _said_on(text: str, published: dt.date, campaign_start: dt.date) -> dt.date | None:
    for mention in find_dates(text, published, campaign_start):
        if mention.kind == "statement" and mention.precision == "day" and mention.date is not None:
            return mention.date
    return None


def _cumulative_injured(text: str) -> int | None:
    if not cues.CUMULATIVE.search(text):
        return None
    return us_casualties(text)[1]


def _follow_up(
    tally: Tally, follow: list[Sentence], names: tuple[str, str], published: dt.date, campaign_start: dt.date
) -> set[int]:
    used: set[int] = set()
    for sentence in follow:
        dates = find_dates(sentence.text, published, campaign_start)
        text = _mask(sentence.text, dates)
        contributed = False
        if tally.iraq is None:
            iraq, syria = _split(text, names)
            adds_up = bool(iraq and syria and iraq[1] + syria[1] == tally.attacks)
            if iraq and syria and (_PARTIAL.search(text) or _SINCE_WORD.search(text) or adds_up):
                tally.iraq, tally.syria = iraq[1], syria[1]
                tally.evidence.setdefault("split", set()).add(sentence.index)
                contributed = True
                used.add(sentence.index)
        if tally.injured is None:
            injured = _cumulative_injured(sentence.text)
            if injured is not None:
                tally.injured = injured
                tally.evidence.setdefault("injured", set()).add(sentence.index)
                contributed = True
        if contributed and tally.as_of is None:
            tally.as_of = _said_date([d for d in dates if d.kind == "statement"])
    return used
