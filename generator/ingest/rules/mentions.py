"""What the sentence scanner produces: one Mention per attack or strike a clause tells of, and the
Scan state it carries from sentence to sentence.

A report names one incident several times ("a base in western Iraq", then "Ain al-Asad"), tells
its outcome in the next sentence ("There were no injuries"), and dates it relative to the day of
publication; group.py folds the mentions of one event together afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
    # the weapons were told of several sites together ("drone and missile strikes on Tanf and al-Omar"), or of the
    # sentence rather than this clause: a later account of this site alone says which were its own
    weapons_shared: bool = False
    claimed: list[str] = field(default_factory=list)
    us_killed: int | None = None
    us_injured: int | None = None
    hit: bool = False
    intercepted: bool = False
    targets: list[str] = field(default_factory=list)
    killed: int | None = None
    slot: int = 0  # which of several unnamed sites ("two sites") this is
    sides: frozenset[str] = frozenset()  # where in its country the site is: a base's half, or "eastern Syria"
    separate_place: bool = False  # a strike at one of the places a clause named together ("Abu Kamal and Mayadin")
    count: int = 1
    # how the date was found: stated | sentence | said | context | relative | heading | published | answered
    basis: str = "stated"
    vague_date: bool = False  # its clause dates it only to a week or month ("In August", "earlier this month")
    # a day its clause states for strikes it calls told before ("The airstrikes Tuesday in Syria came ..."): theirs
    # when the report told no strike before
    own_day: dt.date | None = None
    evidence: dict[str, set[int]] = field(default_factory=dict)  # field -> indexes of the sentences telling it

    def cite(self, name: str, sentence: int) -> None:
        """Note that sentence `sentence` tells this mention's field `name` (for the draft's evidence)."""
        self.evidence.setdefault(name, set()).add(sentence)


@dataclass
class Scan:
    """What the scanner remembers between sentences."""

    context_date: dt.date | None = None  # the date "the attack" of a later sentence most likely has
    # "On Sunday, the group confirmed targeting three bases": the day attacks were said to have happened, for the
    # next sentence's attacks when no attack was dated ("its fighters attacked the Conoco base ...")
    said_context: dt.date | None = None
    context_from_strike: bool = False  # the context date is a U.S. strike's: "the attack" later is not on that day
    attacks: list[Mention] = field(default_factory=list)
    strikes: list[Mention] = field(default_factory=list)
    current_attacks: list[Mention] = field(default_factory=list)  # what "the attack" refers to
    current_strikes: list[Mention] = field(default_factory=list)
    zero_days: set[dt.date] = field(default_factory=set)  # days said to have caused no casualties
    last_country: str | None = None  # the one campaign country the sentence before named
    section_date: dt.date | None = None  # the date heading the current part of a live blog ("Friday, Feb 2")
    # "the U.S. has retaliated with two strikes in Syria" (a running count): the sentence and country, for a next
    # sentence that dates each ("The first occurred October 26 and the second on November 8")
    counted_strikes: tuple[int, str | None] | None = None
    sentence: int = 0
    read: list[str] = field(default_factory=list)  # the sentences read so far, for "the group" of a later claim
    # claims of a day's attacks told before the attacks themselves: (claimant, day, sentence)
    pending_claims: list[tuple[str, dt.date, int]] = field(default_factory=list)
    # tolls of a day's attack told before its site: (day, killed, injured, weapons, sentence)
    pending_tolls: list[tuple[dt.date, int | None, int | None, frozenset[str], int]] = field(default_factory=list)
