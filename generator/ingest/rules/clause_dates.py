"""When the event a clause tells of happened.

A clause carries its own date ("on Tuesday"), shares one told elsewhere in its sentence ("...,
the Pentagon said Wednesday" dates only the saying), refers back ("the same day", "the day
before"), or names none and inherits the date of the incident the report was last about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.ingest.rules.dates import DateMention
from generator.ingest.rules.mentions import Scan
from generator.ingest.rules.text import Clause, Sentence

ClauseDate = list[dt.date] | dt.date | None  # several days: "on Monday and Tuesday"

_AND_BETWEEN = re.compile(r"\s*(?:and|or|,)\s*(?:(?:again|then|once\s+more)\s+)?(?:on\s+)?")  # "on Monday and again on"


def clause_date(
    clause: Clause,
    clause_dates: list[DateMention],
    sentence_dates: list[DateMention],
    state: Scan,
    previous: dt.date | None,
) -> tuple[ClauseDate, bool, bool, str]:
    """The clause's date(s), whether it is only a statement date, whether the clause dates itself vaguely, and
    how the date was found (stated, relative, sentence, said or context: see Mention.basis)."""
    events = _day_dates(clause, clause_dates, "event", sentence_dates, state)
    if events:
        relative = any(d.kind == "relative" for d in clause_dates)
        return (events if len(events) > 1 else events[0]), False, False, "relative" if relative else "stated"
    vague = any(d.kind == "event" and d.precision in {"week", "month"} for d in clause_dates)
    said = _day_dates(clause, clause_dates, "statement", sentence_dates, state)
    if said:
        return said[0], True, vague, "said"
    if vague:
        return None, False, True, "stated"
    if clause.same_moment and previous is not None:
        return previous, False, False, "sentence"
    if not clause.temporal:
        return _elsewhere_in_sentence(clause, clause_dates, sentence_dates, state)
    return None, False, False, "stated"  # "hours after ...": its own date or none, never the other clause's


def _elsewhere_in_sentence(
    clause: Clause, clause_dates: list[DateMention], sentence_dates: list[DateMention], state: Scan
) -> tuple[ClauseDate, bool, bool, str]:
    """A clause without a date of its own takes one told elsewhere in its sentence, else the context's."""
    others = [d for d in sentence_dates if d not in clause_dates and d.kind != "since"]
    if any(d.precision in {"week", "month"} for d in others):
        return None, False, True, "stated"
    rest = _day_dates(clause, others, "event", sentence_dates, state)
    if rest:
        return rest[0], False, False, "sentence"
    rest = _day_dates(clause, others, "statement", sentence_dates, state)
    if rest:
        return rest[0], True, False, "said"
    if not others:
        if state.context_date is None and state.said_context is not None:
            return state.said_context, True, False, "said"
        return state.context_date, False, False, "context"
    return None, False, False, "stated"


def _day_dates(
    clause: Clause, mentions: list[DateMention], kind: str, sentence_dates: list[DateMention], state: Scan
) -> list[dt.date]:
    found: list[dt.date] = []
    absolute = any(m.kind == kind and m.precision == "day" and m.date is not None for m in mentions)
    for mention in mentions:
        if mention.kind == "relative" and kind == "event" and absolute and mention.relative == "shift":
            continue  # "The previous day, Thursday evening, ...": the day named outright is the one meant
        if mention.kind == "relative" and kind == "event":
            value = _relative(mention, sentence_dates, state)
            if value is not None:
                found.append(value)
        elif mention.kind == kind and mention.precision == "day" and mention.date is not None:
            found.append(mention.date)
    unique = list(dict.fromkeys(found))
    if len(unique) > 1 and not _joined_by_and(clause, mentions):
        return unique[:1]  # "on Monday, three days after Friday's attack": the first is the clause's
    return unique


def _joined_by_and(clause: Clause, mentions: list[DateMention]) -> bool:
    days = [m for m in mentions if m.precision == "day" and m.kind == "event"]
    if len(days) < 2:
        return False
    between = clause.text[days[0].end - clause.start : days[1].start - clause.start]
    return bool(_AND_BETWEEN.fullmatch(between))


def shifted_day(dates: list[DateMention], state: Scan) -> dt.date | None:
    """'A day later, the base was hit': the day a sentence dated only by a shift from the last attack names."""
    shifts = [d for d in dates if d.kind == "relative" and d.relative == "shift"]
    if len(shifts) != 1 or any(d.kind == "event" and d.precision == "day" for d in dates):
        return None
    return _relative(shifts[0], dates, state)


def _relative(mention: DateMention, sentence_dates: list[DateMention], state: Scan) -> dt.date | None:
    """'The same day' is the context's day; 'the day before' and 'four days later' count from a date in the
    sentence, else from the last incident's."""
    anchors = [d.date for d in sentence_dates if d.date is not None and d.precision == "day" and d.kind != "since"]
    if mention.relative == "same":
        # "On Monday ..., and hours later ...": the sentence's own day, else the one the report is about
        if anchors and mention.start > 0:
            return anchors[0]
        # "Simultaneously, ..." after an attack dated only by its report: that day, as the report tells it
        return state.context_date or _last_incident_date(state, said_too=True)
    shift = dt.timedelta(days=mention.shift)
    if anchors:
        return anchors[0] + shift
    last = _last_incident_date(state)
    anchor = last or state.context_date
    return anchor + shift if anchor else None


def _last_incident_date(state: Scan, said_too: bool = False) -> dt.date | None:
    """The day of the last attack told; with `said_too`, also one dated only by the day it was reported."""
    for mention in reversed(state.attacks):
        if mention.date is not None and (said_too or not mention.soft):
            return mention.date
    return None


@dataclass(frozen=True)
class Told:
    """A clause of a sentence and when what it tells of happened."""

    clause: Clause
    sentence: Sentence
    date: ClauseDate
    soft: bool = False  # dated only by when it was said
    vague: bool = False  # dated by a week or month ("last week"), which places no event
    heading: bool = False  # dated only by the live-blog heading above it
    basis: str = "stated"  # how the date was found (Mention.basis)

    @property
    def days(self) -> list[dt.date | None]:
        return [*self.date] if isinstance(self.date, list) else [self.date]
