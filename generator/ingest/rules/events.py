"""Find attacks and strikes sentence by sentence, keeping the context a report relies on.

Each relevant sentence is cut into clauses; each clause is dated (clause_dates), then searched
for U.S. strikes (strikes) and attacks on U.S. sites (attacks); what the sentence says about
outcome, casualties and claims is then applied to the attacks it concerns (outcomes). The Scan
state carries the last date used, the mentions of the last sentence (what "the attack" refers
to) and every mention so far; group.py folds the mentions of one event together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys

from generator.ingest.articles import MONTHS
from generator.ingest.rules import cues
from generator.ingest.rules.attacks import find_attacks, other_state_attack
from generator.ingest.rules.clause_dates import ClauseDate, Told, clause_date, shifted_day
from generator.ingest.rules.dates import DateMention, find_dates, pre_campaign
from generator.ingest.rules.group import SOFT_WINDOW
from generator.ingest.rules.mentions import Mention, Scan
from generator.ingest.rules.names import Lexicon
from generator.ingest.rules.outcomes import apply_attack_facts, apply_pending_claims, apply_pending_tolls
from generator.ingest.rules.places import countries
from generator.ingest.rules.strikes import apply_strike_facts, find_strikes, ordinal_strikes
from generator.ingest.rules.text import Clause, Cue, Sentence, clauses, fold
from generator.ingest.rules.words import words

__all__ = ["Mention", "Scan", "scan"]

_RELATIVE = re.compile(r"\s*(?:which|who)\b")
# A clause that only adds a site to the attack of the clause before: "as well as one at the Harir base".
_ELLIPSIS = re.compile(
    r"\s*(?:(?:as\s+well\s+as|and|plus|along\s+with)\s+(?:(?:one|two|three|another|an?\s+\w+|others?)\s+)?"
    r"(?:at|on|against|toward|towards|targeting)\s|including\s"  # "three bases, including the al-Tanf base"
    # "The Conoco base was attacked with drones, and the Green Village base with rockets"
    r"|and\s+(?:the\s+)?(?:[\w'-]+\s+){1,4}?(?:base|garrison|airbase|outpost|field)\s+(?:with|by)\s)"
)
# An attack the clause says came before the day it was spoken of
_EARLIER_ATTACK = Cue(
    r"\b(?:recent|earlier|previous|last\s+week's|last\s+month's)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|assaults?)\b"
)
# "Multiple drones attacked the base on Sunday evening": the site just told
_THE_SITE = Cue(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:base|facility|garrison|camp|outpost)\b")
# "A similar drone attack was foiled on Monday": another attack on the site just told
_SIMILAR = Cue(r"\bsimilar\s+(?:[\w-]+\s+){0,2}?(?:attacks?|assaults?)\b")
_AFTER_MIDNIGHT = Cue(r"\bafter\s+midnight\b")
_NAMED_ATTACK = Cue(r"\bthe\s+(?:[\w-]+\s+){1,4}?(?:attack|assault)\b")  # "the Asad Airbase attack"
_DEFINITE_START = re.compile(r"^(?:The|These|Those|Both|It|They)\b")
# "The Jordan attack was ...", "It killed ...": the attack told before, not "The militants launched an attack"
_THE_ATTACK_AGAIN = re.compile(
    r"^(?:(?:The|This|That|These|Those|Both)\s+(?:[\w'-]+\s+){0,2}?(?:attacks?|assaults?|incidents?)\b|It\b|They\b)"
)
_WEAPONS_USED = Cue(r"\b(?:(?:was|were)\s+used|(?:it|the\s+attack)\s+involved)\b")
_THE_ATTACK = Cue(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|assault|incident|bombardment|shelling)\b")

# Substrings (tested on lower-cased text, far faster than a regex) of every cue the scanner uses:
# a sentence with none of them is background and only tells which country the report is in.
_RELEVANT = words("relevant_words")


def scan(
    sentences: list[Sentence],
    lexicon: Lexicon,
    published: dt.date,
    campaign_start: dt.date,
    skip: set[int],
) -> Scan:
    """Every attack and strike mention of the article, in order; `skip` holds sentences already read as tallies."""
    state = Scan()
    for sentence in sentences:
        if sentence.index in skip:
            continue
        _scan_sentence(sentence, lexicon, published, campaign_start, state)
    apply_pending_claims(state)
    apply_pending_tolls(state)
    return state


def _scan_sentence(sentence: Sentence, lexicon: Lexicon, published: dt.date, start: dt.date, state: Scan) -> None:
    text = sentence.text
    state.sentence = sentence.index
    state.read.append(text)
    lower = f" {fold(text)} "  # spaced, so that " fell " is found as a sentence's first word (a gloss of Arabic)
    if state.counted_strikes is not None and state.counted_strikes[0] == sentence.index - 1:
        ordinal = ordinal_strikes(sentence, find_dates(text, published, start), lexicon, state)
        if ordinal:
            _remember([], ordinal, state)
            return
    if not any(word in lower for word in _RELEVANT):
        _note_country(text, lexicon, state)
        _note_heading_date(text, published, start, state)
        return
    dates = find_dates(text, published, start)
    dated = [d for d in dates if d.kind != "since" and d.date is not None]
    if dated and pre_campaign(dated[:1], start):
        return  # a history sentence: "In January 2020, Iran fired ..."
    new_attacks, new_strikes, attack_text, elsewhere = _scan_clauses(sentence, dates, lexicon, start, state)
    if (elsewhere or cues.TOPIC_CHANGE.search(text) or _another_month(text, dates, state)) and not new_attacks:
        state.current_attacks = []  # another story: later sentences' outcomes and claims are not about ours
        attack_text = ""
    has_cue = bool(cues.ATTACK.search(text) or cues.STRIKE_NOUN.search(text))
    if not new_attacks and not new_strikes and not attack_text and _WEAPONS_USED.search(text):
        attack_text = text  # "Officials said two drones were used": the attack just told, by its weapons
    event_dates = [d.date for d in dated if d.kind == "event" and d.precision == "day" and d.date]
    if not new_attacks and len(set(event_dates)) == 1 and cues.ATTACK.search(attack_text):
        new_attacks = _the_site_on_another_day(sentence, event_dates[0], lexicon, state)
    elif not new_attacks and not event_dates and cues.ATTACK.search(attack_text):
        shifted = shifted_day(dates, state)  # "A day later, the base was hit by rockets"
        new_attacks = _the_site_on_another_day(sentence, shifted, lexicon, state) if shifted else []
    if not new_attacks and event_dates and cues.ATTACK.search(attack_text):
        _date_told_later(text, event_dates[0], state)
    if not new_attacks and not new_strikes:
        _strike_day_told_later(text, dates, state)
    told_again = state.current_strikes and all(m.country is None for m in new_strikes) and _THE_STRIKES.search(text)
    if new_strikes and told_again:
        new_strikes = []  # "The United States carried out the strikes on Friday": those just told, nowhere new
    if not new_strikes:
        _strikes_of_a_day(text, dates, state)
    _update_context_date(new_attacks + new_strikes, dates, event_dates, has_cue, state)
    apply_attack_facts(attack_text, new_attacks, state, lexicon, event_dates, has_cue)
    apply_strike_facts(text, new_strikes, state, lexicon)
    _remember(new_attacks, new_strikes, state)
    _note_country(text, lexicon, state)


def _scan_clauses(
    sentence: Sentence, dates: list[DateMention], lexicon: Lexicon, start: dt.date, state: Scan
) -> tuple[list[Mention], list[Mention], str, bool]:
    """Attack and strike mentions of each clause, the text of the clauses that are about attacks on U.S. forces
    (not strikes, not another state's attack), and whether a clause told of another state's attack."""
    new_attacks: list[Mention] = []
    new_strikes: list[Mention] = []
    previous: dt.date | None = None
    previous_soft = False  # the date of the clause before was only the day something was said
    attack_clauses: list[str] = []
    elsewhere = False
    dated_sentence = any(d.kind != "since" for d in dates)
    subject: Clause | None = None  # the opening clause: the subject of a verb after a "which ..." clause
    last_found: list[Mention] = []  # the attacks of the clause before: what "as well as one at X" adds to
    parts = clauses(sentence.text)
    # A date told in an "after ..." or "in response to ..." clause dates what that clause tells, never the other
    # clauses ("The US struck 85 targets in response to Sunday's attack": the strikes were not on Sunday).
    temporal = [(c.start, c.start + len(c.text)) for c in parts if c.temporal and not c.same_moment]
    # ", the Pentagon stated on Nov. 12" at the end of an "in response to ..." clause is said of the whole sentence
    outside = [d for d in dates if d.kind == "statement" or not any(a <= d.start < b for a, b in temporal)]
    for index, clause in enumerate(parts):
        end = clause.start + len(clause.text)
        clause_dates = [d for d in dates if clause.start <= d.start < end]
        if pre_campaign([d for d in clause_dates if d.kind != "since"], start):
            continue
        seen = dates if clause.temporal else outside
        date, soft, vague, basis = clause_date(clause, clause_dates, seen, state, previous)
        if not clause_dates:
            date, basis = _told_apart(clause, date, basis, previous)
        if clause.same_moment and basis == "sentence":
            soft = previous_soft  # "revealed on Tuesday how he would respond to the drone strike": a said day still
        elif date is not None:
            previous_soft = soft
        previous = (date[0] if isinstance(date, list) else date) or previous
        told = Told(clause, sentence, date, soft, vague, basis=basis)
        # Strikes are dated where they are told, or by the heading of a live blog's day; a date carried over from
        # earlier sentences is a guess.
        own_dates = [d for d in clause_dates if d.kind != "since"]  # "since October" dates nothing told here
        inherited = date is not None and not own_dates and not dated_sentence
        # "The attacks came hours after ... a U.S. drone strike": dated by how far it is from the clause before
        undated = not clause_dates and not dated_sentence and not (clause.shift is not None and date is not None)
        strike_told = (
            dataclasses.replace(told, date=state.section_date, heading=True, basis="heading") if undated else told
        )
        strike = find_strikes(strike_told, lexicon, state)
        if strike is not None:
            new_strikes.extend(strike)
        found = _each_site_its_day(find_attacks(told, lexicon, strike is not None), clause_dates)
        if not found and strike is None and subject is not None and _RELATIVE.match(clause.text):
            opening = not (cues.ATTACK.search(subject.text) or cues.STRIKE_NOUN.search(subject.text))
            found = _with_subject(subject, told, lexicon) if opening and cues.ATTACK.search(clause.text) else []
        if not found and strike is None and last_found and _ELLIPSIS.match(clause.text):
            found = _elliptical(parts[index - 1], told, last_found, lexicon)
        if soft and _EARLIER_ATTACK.search(clause.text):
            for mention in found:  # "revealed on Tuesday how he would respond to the recent drone strike"
                mention.date = None
        subject = clause if index == 0 else None
        last_found = found
        if inherited:
            _refer_back(found, state, clause.text)
            if state.context_from_strike and (clause.temporal or _THE_ATTACK_AGAIN.match(clause.text.lstrip())):
                # "The Jordan attack was ...", "(the group was targeted) following a drone attack on ...", after the
                # strikes that answered it: that attack, on a day of its own
                for mention in found:
                    mention.date = None
        new_attacks.extend(found)
        if strike is None and not found and other_state_attack(clause.text, lexicon):
            elsewhere = True
        elif strike is None:
            attack_clauses.append(clause.text)
    return new_attacks, new_strikes, " ; ".join(attack_clauses), elsewhere


def _each_site_its_day(found: list[Mention], clause_dates: list[DateMention]) -> list[Mention]:
    """'Drones attacked the al-Tanf garrison on Sunday and the Conoco base on Monday': each site named before a day
    of its own, and no other day before the next site, was attacked on that day."""
    days = [(d.start, d.date) for d in clause_dates if d.kind == "event" and d.precision == "day" and d.date]
    focuses = sorted({m.focus for m in found})
    if len(focuses) < 2 or len({day for _, day in days}) < 2:
        return found
    told: dict[int, dt.date] = {}
    for index, focus in enumerate(focuses):
        end = focuses[index + 1] if index + 1 < len(focuses) else sys.maxsize
        own = {day for start, day in days if focus < start < end}
        if len(own) != 1:
            return found
        told[focus] = own.pop()
    kept: dict[tuple[int, int], Mention] = {}
    for mention in found:
        mention.date = told[mention.focus]
        kept.setdefault((mention.focus, mention.slot), mention)
    return list(kept.values())


def _told_apart(clause: Clause, date: ClauseDate, basis: str, previous: dt.date | None) -> tuple[ClauseDate, str]:
    """A clause with no date of its own that says how far it is from the clause before: "X comes a day after a
    drone attack ..." (a day earlier), "late on January 27, and three other bases ... after midnight" (the next
    day)."""
    if date is None and clause.shift is not None and previous is not None:
        return previous + dt.timedelta(days=clause.shift), "relative"
    if isinstance(date, dt.date) and basis == "sentence" and _AFTER_MIDNIGHT.search(clause.text):
        return date + dt.timedelta(days=1), "relative"
    return date, basis


def _another_month(text: str, dates: list[DateMention], state: Scan) -> bool:
    """'The campaign peaked in late January with the deaths of three soldiers', after an attack of February 4: a
    sentence dated only by another month than the attack just told is about something else."""
    if not state.current_attacks or any(d.precision == "day" and d.kind == "event" for d in dates):
        return False
    months = {
        MONTHS[word]
        for d in dates
        if d.kind == "event" and d.precision == "month" and d.date is None
        for word in re.findall(r"[a-z]+", text[d.start : d.end].lower())
        if word in MONTHS
    }
    told = {m.date.month for m in state.current_attacks if m.date is not None}
    return bool(months and told) and not months & told


def _elliptical(before: Clause, told: Told, earlier: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """ "Drones were launched at Ain al-Asad, as well as one at the Harir base": the clause has no verb of its own;
    read it with the one before and keep the sites it adds."""
    joined = Clause(before.text + " " + told.clause.text, before.start, before.temporal, before.same_moment)
    known = {(m.base, m.place) for m in earlier}
    found = find_attacks(dataclasses.replace(told, clause=joined), lexicon, False)
    own = {w.id for w in lexicon.weapons.find(told.clause.text)}  # "..., and the Green Village base with rockets"
    added = [m for m in found if (m.base, m.place) not in known]
    for mention in added:
        mention.weapons = own or mention.weapons
    return added


def _with_subject(subject: Clause, told: Told, lexicon: Lexicon) -> list[Mention]:
    """ "Defense systems at Ain al-Asad air base, which hosts US forces, shot down two drones": the site is in the
    opening clause, cut from its verb by the relative clause; read the two together."""
    joined = Clause(subject.text + ", " + told.clause.text, subject.start, subject.temporal, subject.same_moment)
    return find_attacks(dataclasses.replace(told, clause=joined), lexicon, False)


def _date_told_later(text: str, day: dt.date, state: Scan) -> None:
    """'X was attacked, officials said Monday. The missiles were launched ... Saturday': a sentence that refers back
    to the attack just told ("The missiles", "It", "the attack") and dates it gives the date its report only said
    when, or did not say at all ("Rockets hit the Conoco base. The attack took place on Friday evening")."""
    if not (_DEFINITE_START.match(text) or _THE_ATTACK.search(text) or _THE_SITE.search(text)):
        return
    if not state.current_attacks:
        return
    for mention in state.current_attacks:
        if mention.date is None:
            continue
        if not mention.soft or not mention.date - SOFT_WINDOW <= day <= mention.date:
            return
    for mention in state.current_attacks:
        mention.date, mention.soft = day, False


def _the_site_on_another_day(sentence: Sentence, day: dt.date, lexicon: Lexicon, state: Scan) -> list[Mention]:
    """'Militants attacked the Al-Omar base on Sunday. On Friday, the base was targeted by a missile': the one base
    just told, attacked on another day it names."""
    text = sentence.text
    bases = {(m.base, m.place, m.country) for m in state.current_attacks if m.site == "base"}
    if len(bases) != 1 or not (_THE_SITE.search(text) or _SIMILAR.search(text)) or _NAMED_ATTACK.search(text):
        return []
    if any(m.date is None or m.soft or m.date == day for m in state.current_attacks):
        return []  # an attack told without a firm day: _date_told_later dates it
    base, place, country = bases.pop()
    focus = _THE_SITE.search(text) or _SIMILAR.search(text)
    mention = Mention("attack", sentence.index, text, focus.start() if focus else 0, day, False)
    mention.site, mention.base, mention.place, mention.country = "base", base, place, country
    mention.sides = lexicon.base_sides.get(base or "", frozenset())
    mention.weapons = {w.id for w in lexicon.weapons.find(text)}
    mention.basis = "stated"
    for name in ("date", "site", *(("weapons",) if mention.weapons else ())):
        mention.cite(name, sentence.index)
    return [mention]


_DAYS_STRIKES = Cue(r"^\s+(?:[\w-]+\s+)?(?:air\s*)?(?:strikes?|raids?)\b")  # after "Tuesday's"
_STRIKES_PLURAL = r"(?:air\s*)?(?:strikes|raids)\b"
_THE_STRIKES = Cue(rf"\bthe\s+{_STRIKES_PLURAL}")
_THE_BEFORE = Cue(r"\bthe\s+$")  # "The February 3 strikes" (not "the January 28 drone strike" on U.S. troops)
_DAYS_STRIKES_PLURAL = Cue(rf"^\s+{_STRIKES_PLURAL}")
_THE_STRIKES_ON = Cue(rf"\bthe\s+{_STRIKES_PLURAL}\s+(?:(?:late|early)\s+)?(?:on\s+)?$")  # "carried out the strikes on"


def _strikes_of_a_day(text: str, dates: list[DateMention], state: Scan) -> None:
    """'Austin says the U.S. military has struck three facilities in Iraq. Tuesday's strikes came hours after ...'
    ("The February 3 strikes ..." too), '... said on Saturday. The United States carried out the strikes on
    Friday': strikes told without a day, or only with the day they were spoken of, take the one a later sentence
    gives them."""
    days = [
        d.date
        for d in dates
        if d.precision == "day"
        and d.date
        and d.kind == "event"
        and (
            (text[: d.end].endswith("'s") and _DAYS_STRIKES.search(text[d.end :]))
            or (_THE_BEFORE.search(text[: d.start]) and _DAYS_STRIKES_PLURAL.search(text[d.end :]))
            or _THE_STRIKES_ON.search(text[: d.start])
        )
    ]
    undated = [m for m in state.current_strikes if m.date is None or m.soft]
    if len(days) != 1 or not undated or len(undated) != len(state.current_strikes):
        return
    for mention in undated:
        mention.date, mention.soft, mention.basis = days[0], False, "stated"
        mention.cite("date", state.sentence)


def _strike_day_told_later(text: str, dates: list[DateMention], state: Scan) -> None:
    """'CENTCOM announced on Monday the killing of five militants in a drone strike. The attack took place a day
    earlier': strikes dated only by their announcement move by the shift the next sentence tells."""
    shifts = [d.shift for d in dates if d.relative == "shift"]
    if len(shifts) != 1 or len(dates) != 1 or not _DEFINITE_START.match(text) or not state.current_strikes:
        return
    if not all(m.soft and m.date is not None for m in state.current_strikes):
        return
    for mention in state.current_strikes:
        if mention.date is not None:
            mention.date += dt.timedelta(days=shifts[0])
        mention.soft, mention.basis = False, "relative"


def _refer_back(found: list[Mention], state: Scan, text: str) -> None:
    """A site named without a date of its own ("claimed the attack on the Kharab al-Jir base") whose attack was told
    on another day is that attack, not a new one on the day the report was last about: leave it undated."""
    named_attack = bool(_NAMED_ATTACK.search(text))
    for mention in found:
        if mention.site in {"base", "place"}:
            earlier = [m for m in state.attacks if m.base == mention.base and m.place == mention.place]
        elif named_attack:  # "The Jordan attack was ...": the attack in that country told before
            earlier = [m for m in state.attacks if m.site == mention.site and m.country == mention.country]
        else:
            continue
        days = {m.date for m in earlier if not m.soft and (m.date or named_attack)}
        # told before on another day, or told before with no day ("comes days after attackers targeted the Asad
        # Airbase", then "injured in the Asad Airbase attack"): it is that attack, not one on the day the report
        # was last about
        if days and mention.date not in days:
            mention.date = None


def _update_context_date(
    new: list[Mention], dates: list[DateMention], event_dates: list[dt.date], has_cue: bool, state: Scan
) -> None:
    """The day later sentences mean by "the attack": the last firmly dated mention, else a dated attack word."""
    if has_cue and event_dates and not new and not all(d.kind == "since" for d in dates):
        state.context_date, state.context_from_strike = event_dates[0], False
    said = [d.date for d in dates if d.kind == "statement" and d.precision == "day" and d.date]
    state.said_context = said[0] if has_cue and said and not event_dates and not new else None
    soft_days = {m.date for m in new if m.soft and m.basis == "said" and m.date is not None}
    if len(soft_days) == 1 and all(m.soft for m in new):
        state.said_context = soft_days.pop()  # "On Wednesday, the group announced ... targeted": the next too
    for mention in new:
        if mention.date is not None and not mention.soft:
            state.context_date, state.context_from_strike = mention.date, mention.kind == "strike"


def _remember(new_attacks: list[Mention], new_strikes: list[Mention], state: Scan) -> None:
    """Keep the new mentions; they are what the next sentence's "the attack" or "the strikes" refers to."""
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


def _note_heading_date(text: str, published: dt.date, start: dt.date, state: Scan) -> None:
    """A line that is only a date ("Friday, Feb 2" in a live blog) dates the entries below it."""
    if len(text) > 40 or not any(c.isdigit() for c in text):
        return
    # a day after publication is the day the page was fetched ("Monday, February 26, 2024" atop a report of Feb. 3)
    dates = [d for d in find_dates(text, published, start) if d.precision == "day" and d.date and d.date <= published]
    if len(dates) == 1 and len(text) - (dates[0].end - dates[0].start) <= 8:
        state.section_date = dates[0].date


def _note_country(text: str, lexicon: Lexicon, state: Scan) -> None:
    """A sentence naming one campaign country sets where an unplaced strike in the next one happened."""
    found = {c for _, c in countries(text, lexicon)}
    if found:
        state.last_country = found.pop() if len(found) == 1 else None
