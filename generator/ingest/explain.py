"""What a draft says about itself: the article lines each field came from, and the fields to check.

A draft's `notes` read, for example:

    Draft from data/articles/x.txt. Lines: date, site data/articles/x.txt:4; intercepted
    data/articles/x.txt:5; claimed_by data/articles/x.txt:9. Check: date (only the day it was reported
    is given; the attack may be a day or two earlier); weapons (none named).

so a reviewer opens those lines and checks the flagged fields first. The notes name lines, never
quote them: a report the project does not keep is not copied into a record.
"""

from __future__ import annotations

import re
from typing import Any

from generator.ingest.articles import Article
from generator.ingest.rules.group import Event
from generator.ingest.rules.mentions import Mention
from generator.ingest.rules.tallies import Tally
from generator.ingest.rules.text import Sentence
from generator.ingest.rules.words import alternation

MAX_NOTES = 2000  # the record schema's limit
EVENT_FIELDS = ("date", "site", "weapons", "intercepted", "casualties", "claimed_by", "targets", "killed")
DATE_DOUBTS = {
    "said": "only the day it was reported is given; the event may be a day or two earlier",
    "context": "the sentence gives no day; it is carried over from the sentences before",
    "relative": "counted from another day ('the day before', 'two days later')",
    "heading": "taken from the live-blog heading above it",
    "published": "the report gives no day; it is the day the report was published",
    "answered": "the report gives no day; it is the day of the attacks the strike answered",
}
_NIGHT = re.compile(rf"\b{alternation('night_words')}\b", re.IGNORECASE)


def event_notes(
    event: Event, best: Mention, record: dict[str, Any], units: list[Sentence], article: Article, zero_day: bool
) -> str:
    """Notes for an attack or strike draft: its lines, then what to check and why."""
    lines = _lines(event.evidence, EVENT_FIELDS, units, article)
    doubts: list[str] = []
    if article.published_inferred:
        doubts.append("published (inferred from the text: weekdays may point to the wrong week)")
    if best.basis in DATE_DOUBTS:
        doubts.append(f"date ({DATE_DOUBTS[best.basis]})")
    dated = sorted(event.evidence.get("date", ()))
    if any(_NIGHT.search(units[i].text) for i in dated if i < len(units)):
        doubts.append("date (told as night or local time: check it is not a day off)")
    if record["type"] == "attack":
        doubts += _attack_doubts(event, record, zero_day)
    elif not event.place:
        doubts.append("place (no town or province named)")
    return _join(article, lines, doubts)


def _attack_doubts(event: Event, record: dict[str, Any], zero_day: bool) -> list[str]:
    doubts = []
    if event.site == "vague":
        doubts.append("base (the site is not named)")
    elif event.named_from:
        doubts.append(f"base (the report says only '{event.named_from}'; it is the one base there the report names)")
    elif event.site == "place":
        doubts.append("base (a site the reference data does not know)")
    if record["weapons"] == ["unknown"]:
        doubts.append("weapons (none named)")
    if event.hit and event.intercepted:
        doubts.append("intercepted (both a hit and an interception are told; read as a hit)")
    casualties = record["casualties"]
    if zero_day and "casualties" not in event.evidence:
        doubts.append("casualties (none reported for the day, not said of this attack)")
    elif casualties["us_injured"] and casualties["us_killed"] == 0 and event.us_killed is None:
        doubts.append("casualties (no deaths assumed: only injuries are counted)")
    claims, told = event.evidence.get("claimed_by", set()), event.evidence.get("site", set())
    if record["claimed_by"] and told and min(claims, default=0) - max(told) > 2:
        doubts.append("claimed_by (the claim is told well after the attack: check it is this one's)")
    return doubts


def tally_notes(tally: Tally, record: dict[str, Any], units: list[Sentence], article: Article) -> str:
    lines = _lines({"attacks": {tally.sentence}, **tally.evidence}, ("attacks", "split", "injured"), units, article)
    doubts: list[str] = []
    if tally.as_of is None and not (tally.brought or tally.eve_of):
        doubts.append("as_of (no day given with the count; the publication date is used)")
    elif tally.brought:
        doubts.append("as_of (the day of the last attack the count includes)")
    elif tally.eve_of:
        doubts.append("as_of (the day before the event the count was given on the eve of)")
    if tally.lower_bound:
        doubts.append("attacks (given as a lower bound: 'at least', 'more than')")
    return _join(article, lines, doubts)


def _lines(evidence: dict[str, set[int]], order: tuple[str, ...], units: list[Sentence], article: Article) -> str:
    """'date, site x.txt:4; weapons x.txt:4, x.txt:6': fields told by the same lines are named together."""
    where = article.origin or article.path.as_posix()
    by_lines: dict[tuple[int, ...], list[str]] = {}
    for name in order:
        numbers = tuple(sorted({article.line_of(units[i].paragraph) for i in evidence.get(name, ()) if i < len(units)}))
        if numbers:
            by_lines.setdefault(numbers, []).append(name)
    return "; ".join(
        f"{', '.join(names)} " + ", ".join(f"{where}:{n}" for n in numbers) for numbers, names in by_lines.items()
    )


def _join(article: Article, lines: str, doubts: list[str]) -> str:
    text = f"Draft from {article.origin or article.path.as_posix()}."
    if lines:
        text += f" Lines: {lines}."
    if doubts:
        text += " Check: " + "; ".join(dict.fromkeys(doubts)) + "."
    return text if len(text) <= MAX_NOTES else text[: MAX_NOTES - 1] + "…"
