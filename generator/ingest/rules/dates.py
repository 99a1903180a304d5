"""Date expressions in a sentence and what they resolve to, given the publication date.

A mention has a kind: `event` (when something happened), `statement` (when it was said: "said on
Tuesday", "As of Thursday", "By February 7"), `since` (the start of a count: never an event date),
or `relative` ("the same day", "the day before"), which the caller resolves against its context.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.ingest.articles import MONTHS, WEEKDAYS
from generator.ingest.rules.text import Cue, fold, parse_number
from generator.ingest.rules.words import alternation

# Fixed-date holidays wire reports use as dates.
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31)}

_WD = "|".join(WEEKDAYS)
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_DATE = Cue(
    rf"""
    (?<![\w'])(?=[A-Za-z0-9])(?:
    (?P<explicit>(?:(?P<wd1>{_WD}),?\s+(?:(?:morning|evening|night|afternoon),?\s+)?)?(?P<mon>{_MON})\.?\s+
        (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?)
    |(?P<british>(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MON})(?:\s+(?P<year2>(?:19|20)\d\d))?)
    |(?P<monthyear>(?:(?:early|late|mid)[\s-])?(?P<mon3>{_MON})\.?\s+(?P<year3>(?:19|20)\d\d))
    |(?P<midmonth>\bmid-(?P<mon4>{_MON}))
    |(?P<monthonly>\b(?:early|late)\s+(?P<mon5>{_MON})\b|\bin\s+(?P<mon6>{_MON})\b(?!\s+\d))
    |(?P<yearonly>\b(?P<year4>(?:19|20)\d\d)\b)
    |(?P<into>\b(?:overnight\s+)?(?:(?:{_WD})\s+(?:night\s+)?)?into\s+(?P<wd_into>{_WD})\b
        |(?P<late_night>\blate\s+(?:on\s+|in\s+)?(?:the\s+)?)?\bnight\s+(?:between|of)\s+(?:{_WD})\s+(?:and|to)\s+
        (?P<wd_into2>{_WD})\b)
    |(?P<ordinal>\bon\s+the\s+(?P<day5>\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[a-z]))
    |(?P<weekday>(?P<last>\blast\s+)?(?P<wd>{_WD})(?:'s)?(?P<oflast>\s+of\s+last\s+week)?)
    |(?P<holiday>christmas\s+day|christmas\s+eve|new\s+year's\s+day|new\s+year's\s+eve|thanksgiving(?:\s+day)?)
    |(?P<dayrel>(?:\bthe\s+(?:(?:day|night|evening)\s+before|previous\s+(?:day|night|evening)|(?:day|night)\s+earlier)
        |\bthe\s+(?P<next>next|following)\s+day|\b(?P<after>the\s+day\s+after|(?:a|one)\s+day\s+later))
        (?!\s+(?:the|a|an|that|yesterday)\b)|\ba\s+day\s+earlier\b)
    |(?P<shift>\b(?P<count>two|three|four|five|six|seven|\d)\s+days\s+(?P<way>later|earlier)\b)
    |(?P<same>\b(?:on\s+)?(?:the\s+same|that)\s+day\b(?!\s+(?:that|as|when)\b)
        |\b(?:within|minutes|hours)\s+(?:minutes|later|earlier)\b|\bhours\s+ago\b|\bsimultaneously\b|\bat\s+the\s+same\s+time\b)
    |(?P<ago>\b(?P<count2>two|three|four|five|six|\d)\s+days\s+ago\b)
    |(?P<today>\bthe\s+day\s+before\s+yesterday\b|\byesterday\b|\btoday\b|\bovernight\b(?!\s+(?:into|{_WD})\b)|\btonight\b|\blast\s+night\b
        |\bthis\s+morning\b)
    |(?P<week>\b(?:this|last)\s+week\b|\bearlier\s+this\s+week\b
        |\b(?:recent|the\s+(?:past|last)\s+(?:few|several))\s+days\b)
    |(?P<month>\b(?:earlier|later)\s+(?:this|last)\s+month\b|\blast\s+month\b))
    """,
    re.VERBOSE,
)
_SPEECH = alternation("speech_words")
_STATEMENT_BEFORE = Cue(
    rf"(?:\b{_SPEECH}|\bby|\buntil|\bas\s+of)\s+(?:on\s+)?(?:(?:early|late)\s+(?:on\s+)?)?$|\b(?:{_SPEECH}|testifying)\s+(?:by|before|to|in)\b(?:\s+[\w.'-]+){{0,5}}?\s+on\s+$"
)
_STATEMENT_AFTER = Cue(rf"^\s*(?:\w+\s+){{0,1}}\b{_SPEECH}\b")
_LEADING_SPEAKER = Cue(
    rf"^[^,]*,\s+(?:[\w.'()-]+\s+){{0,10}}?\b{_SPEECH}\b"
)  # "the U.S. Central Command (CENTCOM) said"
_ACTION = Cue(rf"\b{alternation('action_verbs')}\b")
_SINCE = Cue(r"\bsince\s+(?:[\w.,'-]+\s+){0,7}$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str  # event | statement | since | relative
    date: dt.date | None  # resolved for absolute and weekday mentions
    precision: str  # day | week | month | year
    relative: str = ""  # "same", "shift" for relative mentions
    year_given: bool = False
    shift: int = 0  # days from the anchor: -1 for "the day before", +4 for "four days later"


def guess_year(month: int, day: int, published: dt.date | None, campaign_start: dt.date) -> int:
    """Year of a date written without one: the latest not after publication, else the campaign's season."""
    if published is not None:
        year = published.year
        if (month, day) > (published.month, published.day):
            year -= 1
        return year
    return campaign_start.year if month >= campaign_start.month else campaign_start.year + 1


def weekday_before(published: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    delta = (published.weekday() - weekday) % 7
    if delta == 0 and strictly:
        delta = 7
    return published - dt.timedelta(days=delta)


def clear_cache() -> None:
    """Forget memoised sentences (called per article, so timings and memory do not depend on history)."""
    _find_dates.cache_clear()


def find_dates(sentence: str, published: dt.date | None, campaign_start: dt.date, offset: int = 0) -> list[DateMention]:
    """Every date expression in the sentence with its kind; weekday mentions need a publication date."""
    found = list(_find_dates(sentence, published, campaign_start, offset))
    # "Tonight [July 30], U.S. forces ...": the editor's bracketed date says which day was meant
    following: list[DateMention | None] = [*found[1:], None]
    kept = [d for d, after in zip(found, following, strict=False) if not _corrected(d, after, sentence, offset)]
    return _overnight_of_the_statement(kept, sentence, offset) if "overnight" in sentence.lower() else kept


def _overnight_of_the_statement(found: list[DateMention], sentence: str, offset: int) -> list[DateMention]:
    """'CENTCOM announced Tuesday that it struck a facility overnight': the night that ended on the day of the
    statement, not on the day of the report."""
    said = next((d for d in found if d.kind == "statement" and d.precision == "day" and d.date is not None), None)
    if said is None:
        return found
    return [
        replace(d, date=said.date)
        if d.start > said.start
        and d.kind == "event"
        and sentence[d.start - offset : d.end - offset].lower() == "overnight"
        else d
        for d in found
    ]


def _corrected(mention: DateMention, after: DateMention | None, sentence: str, offset: int) -> bool:
    if after is None or after.precision != "day" or after.date is None:
        return False
    return bool(_BRACKETED.fullmatch(sentence, mention.end - offset, after.start - offset))


_BRACKETED = re.compile(r"\s*[\[(]\s*")
# Every date expression contains a digit or one of these (weekdays, "today" and "the same day" end in
# "day"); the many sentences without any skip the full pattern.
_DATE_WORDS = (
    "day", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "eve", "night",
    "morning", "week", "later", "earlier", "minutes", " ago", "simultaneous", "same time",
)  # fmt: skip
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _find_dates(
    sentence: str, published: dt.date | None, campaign_start: dt.date, offset: int
) -> tuple[DateMention, ...]:
    lower = fold(sentence)
    if not _DIGIT.search(sentence) and not any(word in lower for word in _DATE_WORDS):
        return ()
    out: list[DateMention] = []
    for m in _DATE.finditer(sentence):
        mention = _resolve(m, published, campaign_start)
        if mention is None:
            continue
        kind = _kind(sentence, m.start(), m.end(), mention.kind)
        out.append(
            DateMention(
                m.start() + offset,
                m.end() + offset,
                kind,
                mention.date,
                mention.precision,
                mention.relative,
                mention.year_given,
                mention.shift,
            )
        )
    return tuple(out)


_SINCE_AFTER = re.compile(r"\s*'?\w{0,3}\s+since\b", re.IGNORECASE)


def _kind(sentence: str, start: int, end: int, base: str) -> str:
    before = sentence[max(0, start - 60) : start]
    if _SINCE.search(before) and not re.search(r"[,;]", before[before.lower().rfind("since") :]):
        return "since"
    if _SINCE_AFTER.match(sentence, end):
        return "since"  # "17 October'den bu yana": a gloss of Turkish, where "since" follows the date
    if base == "relative":
        return base
    if _STATEMENT_BEFORE.search(before) or _STATEMENT_AFTER.match(sentence[end : end + 30]):
        return "statement"
    if start <= 3 or sentence[:start].strip().lower() in {"on", "late on", "early on", "late", "early"}:
        lead = _LEADING_SPEAKER.match(sentence[start:])
        if lead and not _ACTION.search(lead.group(0)):
            return "statement"
    return "event"


def _day_of_month(day: int, published: dt.date | None) -> DateMention | None:
    if published is None or not 1 <= day <= 31:
        return None
    month = published.replace(day=1)
    if day > published.day:
        month = (month - dt.timedelta(days=1)).replace(day=1)
    try:
        return DateMention(0, 0, "event", month.replace(day=day), "day")
    except ValueError:
        return None  # "the 31st" of a shorter month


def _thanksgiving(year: int) -> dt.date:
    """The fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _resolve(m: re.Match[str], published: dt.date | None, start: dt.date) -> DateMention | None:
    g = m.groupdict()
    if g["explicit"] or g["british"]:
        month = MONTHS[(g["mon"] or g["mon2"]).lower()]
        day = int(g["day"] or g["day2"])
        year_text = g["year"] or g["year2"]
        year = int(year_text) if year_text else guess_year(month, day, published, start)
        try:
            return DateMention(0, 0, "event", dt.date(year, month, day), "day", year_given=bool(year_text))
        except ValueError:
            return None
    if g["monthyear"]:
        month = MONTHS[g["mon3"].lower()]
        return DateMention(0, 0, "event", dt.date(int(g["year3"]), month, 1), "month", year_given=True)
    if g["yearonly"]:
        return DateMention(0, 0, "event", dt.date(int(g["year4"]), 1, 1), "year", year_given=True)
    if g["midmonth"] or g["monthonly"]:
        return DateMention(0, 0, "event", None, "month")
    if g["weekday"]:
        if published is None:
            return DateMention(0, 0, "event", None, "day")
        weekday = WEEKDAYS.index(g["wd"].lower())
        if g["oflast"]:
            monday = published - dt.timedelta(days=published.weekday() + 7)
            return DateMention(0, 0, "event", monday + dt.timedelta(days=weekday), "day")
        return DateMention(0, 0, "event", weekday_before(published, weekday, strictly=bool(g["last"])), "day")
    if g["holiday"]:
        name = re.sub(r"\s+", " ", g["holiday"].lower())
        if name.startswith("thanksgiving"):
            holiday = _thanksgiving((published or start).year)
            if published is not None and holiday > published:
                holiday = _thanksgiving(published.year - 1)
            return DateMention(0, 0, "event", holiday, "day")
        month, day = HOLIDAYS[name]
        year = guess_year(month, day, published, start)
        return DateMention(0, 0, "event", dt.date(year, month, day), "day")
    if g["into"]:
        if published is None:
            return DateMention(0, 0, "event", None, "day")
        weekday = WEEKDAYS.index((g["wd_into"] or g["wd_into2"]).lower())
        ended = weekday_before(published, weekday)
        if g["wd_into2"] and not g["late_night"]:
            # "the night between Sunday and Monday", "ليل السبت/الأحد": the evening's day, as the corpus's gold has
            # it; "late on the night of Friday to Saturday" and "overnight into Monday" are the day the night ended
            return DateMention(0, 0, "event", ended - dt.timedelta(days=1), "day")
        return DateMention(0, 0, "event", ended, "day")
    if g["ordinal"]:  # "on the 21st": that day of the month the report was published in, or of the month before
        return _day_of_month(int(g["day5"]), published)
    if g["dayrel"]:
        return DateMention(0, 0, "relative", None, "day", "shift", shift=1 if g["next"] or g["after"] else -1)
    if g["shift"]:
        days = parse_number(g["count"]) or 1
        return DateMention(0, 0, "relative", None, "day", "shift", shift=days if g["way"] == "later" else -days)
    if g["same"]:
        return DateMention(0, 0, "relative", None, "day", "same")
    if g["ago"]:  # "two days ago": counted back from the day of the report
        days = parse_number(g["count2"]) or 2
        return None if published is None else DateMention(0, 0, "event", published - dt.timedelta(days=days), "day")
    if g["today"]:
        if published is None:
            return None
        word = " ".join(g["today"].lower().split())
        back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(word, 0)
        return DateMention(0, 0, "event", published - dt.timedelta(days=back), "day")
    if g["week"]:
        return DateMention(0, 0, "event", None, "week")
    if g["month"]:
        return DateMention(0, 0, "event", None, "month")  # "earlier this month": no day to place an event on
    return None


def pre_campaign(mentions: list[DateMention], campaign_start: dt.date) -> bool:
    """True when an explicit date (with or without year) falls before the campaign."""
    for mention in mentions:
        if mention.kind == "since" or mention.date is None:
            continue
        if mention.precision == "day" and mention.date < campaign_start:
            return True
        if mention.precision in {"month", "year"} and mention.year_given:
            if mention.precision == "year" and mention.date.year < campaign_start.year:
                return True
            if mention.precision == "month" and (mention.date.year, mention.date.month) < (
                campaign_start.year,
                campaign_start.month,
            ):
                return True
    return False
