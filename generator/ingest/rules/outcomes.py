"""What a report says about attacks besides where and when: casualties, whether they hit or were
intercepted, and who claimed them.

These facts often come a sentence later ("There were no injuries", "Kataib Hezbollah claimed the
attack"), so they apply to the attacks of the clause when it names some, else to those the
report was last about; "none of the attacks caused casualties" covers every attack so far.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.dataset.schema import casualty_limits
from generator.ingest.rules import cues
from generator.ingest.rules.mentions import US_SIDE_ACTORS, Mention, Scan
from generator.ingest.rules.names import Lexicon
from generator.ingest.rules.places import bases_of_town, countries
from generator.ingest.rules.text import NUM, QUALIFIER, Cue, parse_number
from generator.ingest.rules.words import fill

_CASUALTY_WORD = Cue(r"injur|wound|hurt|kill|dead|death|\bleft\b")
_US_NOUN = Cue(r"\b(?:American|US|U\.S\.|coalition)\s+(?:[\w-]+\s+)?(?:soldiers|troops|service|personnel)")
_LEFT_HURT = re.compile(r"[^.;]{0,20}\b(?:wounded|injured|hurt)")  # "left three soldiers slightly wounded"
_LIST_PUNCTUATION = re.compile(r"[,:]")
_COORDINATED = Cue(
    r"\b(?P<first>[a-z][\w'-]*)\s+and\s+(?:the\s+)?(?P<second>[a-z][\w'-]*)\s+(?P<noun>(?:air\s*)?bases|airports|camps)\b"
)
_CLAUSE_END = re.compile(r"[,;:]|\s[-—–]")


def apply_attack_facts(
    text: str,
    new: list[Mention],
    state: Scan,
    lexicon: Lexicon,
    event_dates: list[dt.date],
    has_cue: bool,
) -> None:
    """Casualties, outcome and claims told in a sentence's attack clauses, applied to the attacks they concern."""
    if not text:
        return
    targets = new or _singled_out(text, state.current_attacks, lexicon)
    if not new and _elsewhere(text, targets, lexicon):
        # "reports of minor injuries to coalition forces in Iraq", after attacks in Syria: about other attacks
        _apply_claims(text, new, state, lexicon, event_dates)
        return
    if not new:
        _apply_weapons(text, targets, state, lexicon)
    _apply_casualties(text, new, targets, state, event_dates, has_cue, lexicon)
    hit, intercepted = outcome(text)
    hit = hit or _partners_hurt(text)  # "wounded two Kurdish fighters but no Americans": something got through
    damage = _affirmed(cues.DAMAGE, text)  # a hit unless the projectiles were downed
    for mention in targets:
        mention.intercepted = mention.intercepted or intercepted
        mention.hit = mention.hit or hit or (damage and not mention.intercepted)
        if hit or intercepted or damage:
            mention.cite("intercepted", state.sentence)
    _apply_claims(text, new, state, lexicon, event_dates)


def _singled_out(text: str, attacks: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The attacks a later sentence is about: those at the bases it names ("the Erbil attack caused minor damage",
    after attacks on Erbil and Rumalyn), else all those just told. A base is named by a spelling of its own or by
    the town in its name ("Erbil" of Erbil Air Base); "both attacks" keeps them all."""
    if len({m.base for m in attacks}) < 2 or cues.PLURAL_SCOPE.search(text):
        return attacks
    named = {m.id for m in lexicon.bases.find(text)}
    named.update(base for town in lexicon.countries.find(text) for base in bases_of_town(town.text, lexicon))
    singled = [m for m in attacks if m.base in named]
    return singled or attacks


def _elsewhere(text: str, targets: list[Mention], lexicon: Lexicon) -> bool:
    """The sentence names campaign countries, and none of them is where the attacks just told happened."""
    # ("... launched three attacks since the Baghdad strike": a time, not a place)
    told = {country for _, country in countries(cues.SINCE_PHRASE.sub(" ", text), lexicon)}
    return bool(told and targets) and not any(m.country in told for m in targets)


_ALL_THE_ATTACKS = Cue(r"^\W*(?:all\s+(?:of\s+)?the\s+attacks\b|the\s+attacks\W+(?:which|that)\s+(?:were|was)\s+all\b)")


def _apply_weapons(text: str, targets: list[Mention], state: Scan, lexicon: Lexicon) -> None:
    """'Rockets hit the Conoco base on Friday. The attack involved three Katyushas': weapons told after the attack,
    for the attacks just told that name none."""
    if _ALL_THE_ATTACKS.search(text):  # "The attacks, which were all carried out using suicide drones"
        targets = [m for m in state.attacks if m.site != "none"] or targets
    bare = [m for m in targets if not m.weapons]
    if not bare or cues.SERIES.search(text) or cues.AGGREGATE.search(text) or cues.HABITUAL.search(text):
        return  # "a series of rocket and drone attacks", "have repeatedly hit US bases with missiles": other attacks
    weapons = {w.id for w in lexicon.weapons.find(text)}
    if not weapons:
        return
    for mention in bare:
        mention.weapons = set(weapons)
        mention.cite("weapons", state.sentence)


def _apply_casualties(
    text: str,
    new: list[Mention],
    targets: list[Mention],
    state: Scan,
    event_dates: list[dt.date],
    has_cue: bool,
    lexicon: Lexicon,
) -> None:
    killed, injured, running = _counted_casualties(text)
    zero_both = bool(cues.ZERO_BOTH.search(text))
    zero_killed = zero_both or bool(cues.ZERO_KILLED.search(text))
    # "attacks on Monday caused no casualties", before they are told; "forces were attacked four times, but there
    # were no casualties", after a sentence that dated them
    zero_day = event_dates[0] if event_dates else state.context_date
    if not targets and zero_both and has_cue and zero_day is not None:
        state.zero_days.add(zero_day)
    if not new and running:
        return  # "have been injured since October": a running total, not this attack's toll
    vague = _vague_injuries(text) if killed is None and injured is None and not zero_both else False
    if not targets and has_cue and len(set(event_dates)) == 1 and (killed is not None or injured is not None or vague):
        # "Eight troops are being treated ... after a drone attack on Friday", and only then where it was; "several
        # personnel suffered minor injuries": no one died, the count is not told
        weapons = frozenset(w.id for w in lexicon.weapons.find(text))
        toll = (0, None) if vague else (killed, injured)
        state.pending_tolls.append((event_dates[0], *toll, weapons, state.sentence))
    scope = targets
    if not new and (zero_both or zero_killed) and cues.PLURAL_SCOPE.search(text):
        scope = [m for m in state.attacks if m.us_killed is None and m.us_injured is None] or targets
    for mention in scope:
        if vague:
            # "several troops were injured": someone was hurt, so something got through unless it was said to be
            # downed ("debris from the intercepted drone injured several"); no death is reported
            mention.hit = mention.hit or not mention.intercepted
            if mention.us_killed is None:
                mention.us_killed = 0
            mention.cite("casualties", state.sentence)
        if killed is not None or injured is not None or zero_killed:
            mention.cite("casualties", state.sentence)
        if killed is not None:
            mention.us_killed = max(killed, mention.us_killed or 0)
        elif zero_killed and mention.us_killed is None:
            mention.us_killed = 0
        if injured is not None:
            mention.us_injured = max(injured, mention.us_injured or 0)
        elif zero_both and mention.us_injured is None:
            mention.us_injured = 0


def _affirmed(cue: Cue, text: str) -> bool:
    """A match of the cue that no negation just before it takes back ("failed to intercept", "without causing
    material damage")."""
    return any(not cues.NEGATED.search(text, 0, m.start()) for m in cue.finditer(text))


def outcome(text: str) -> tuple[bool, bool]:
    """Whether the text says an attack hit, and whether one was intercepted (unless negated: "failed to intercept")."""
    # A hit told in a group's claim ("the drone directly hit its target", "it said") is the group's word, not a report
    # that anything hit: the outcome stays unknown unless casualties or an independent report say otherwise.
    if cues.HABITUAL.search(text):
        return False, False  # "militias have repeatedly hit US bases": no outcome of this attack
    claimed = bool(cues.CLAIM.search(text) or cues.CLAIMED_HIT.search(text))
    hit = not claimed and _affirmed(cues.HIT, text)
    intercepted = _affirmed(cues.INTERCEPT, text)
    if intercepted and (cues.PARTIAL_INTERCEPT.search(text) or cues.REMAINDER_MISSED.search(text)):
        return hit, False  # "one of them was intercepted", "the other landed outside the base": not all were downed
    if intercepted and not claimed and cues.REMAINDER_FELL.search(text):
        hit = True  # "two were shot down, while the third fell near the headquarters": not every one was downed
    return hit, intercepted


def _vague_injuries(text: str) -> bool:
    """U.S./coalition personnel said to be hurt without a number, and not negated ("no troops were injured")."""
    for m in cues.VAGUE_INJURED.finditer(text):
        noun = m.group("noun") or m.group("noun2") or ""
        if cues.FOREIGN_PEOPLE.search(noun) or cues.NEGATED.search(text, 0, m.start()):
            continue
        return True
    return False


def us_casualties(text: str) -> tuple[int | None, int | None]:
    """U.S./coalition killed and injured counts stated in the text (None when not stated)."""
    killed, injured, _ = _counted_casualties(text)
    return killed, injured


def _counted_casualties(text: str) -> tuple[int | None, int | None, bool]:
    """Killed and injured counts, and whether a count is a running total: "have been injured since October",
    "Since October, 60 troops were hurt". A "since" told after the count's own clause ("..., making it the first
    deadly attack since October") dates something else."""
    killed: int | None = None
    injured: int | None = None
    running = False
    if not _CASUALTY_WORD.search(text):
        return killed, injured, running
    for m in [*cues.COUNT_THEN_WORD.finditer(text), *cues.WORD_THEN_COUNT.finditer(text)]:
        if not _about_us_personnel(text, m):
            continue
        number = parse_number(m.group("n"))
        word = m.group("word")
        field = "us_killed" if word.startswith(("kill", "dead", "death")) else "us_injured"
        if number is None or number > casualty_limits()[field]:
            continue  # a count beyond any record's is not a toll ("1,001 US forces were attacked ... killed")
        if field == "us_killed":
            killed = number if killed is None else killed
        elif word != "left" or _LEFT_HURT.match(text[m.end() :]):
            injured = number if injured is None else injured
        else:
            continue
        clause_end = _CLAUSE_END.search(text, m.end())
        running = running or bool(cues.CUMULATIVE.search(text, 0, clause_end.start() if clause_end else len(text)))
    one = cues.ONE_HURT.search(text)
    if one and _about_us_personnel(text, one):
        if one.group("word") == "killed":
            killed = 1 if killed is None else killed
        else:
            injured = 1 if injured is None else injured
    if killed is not None and injured is None:
        more = cues.ELLIPTIC_INJURED.search(text)
        injured = parse_number(more.group("n") or more.group("n2")) if more else None
    elif injured is not None and killed is None:
        dead = cues.ELLIPTIC_KILLED.search(text)
        killed = parse_number(dead.group("n")) if dead else None
    return killed, injured, running


def _partners_hurt(text: str) -> bool:
    """Partner forces (Kurdish, SDF, Iraqi) counted among the killed or wounded of the attack."""
    return _affirmed(_PARTNERS_HURT, text)


_PARTNERS_HURT = Cue(
    fill(
        rf"\b(?:wound|injur|kill)(?:ed|ing)\s+(?:{QUALIFIER}{NUM}|several|some)\s+(?:[\w-]+\s+){{0,2}}?@partner_forces\b"
        r"|\b@partner_forces\s+(?:[\w-]+\s+){0,2}?(?:was|were)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|hurt)\b"
    )
)


def _about_us_personnel(text: str, m: re.Match[str]) -> bool:
    """'three soldiers were wounded' counts; 'two Iraqi soldiers', 'two others' after civilians, do not."""
    noun = m.group("noun")
    if cues.FOREIGN_PEOPLE.search(noun) or cues.FOREIGN_PEOPLE.search(text[max(0, m.start() - 12) : m.start()]):
        return False
    if noun.split()[-1] in {"others", "more"} and not _US_NOUN.search(text, 0, m.start()):
        return False
    # "two soldiers, one of them ... wounded": a count cut off from its verb belongs to something else
    return not (m.re is cues.COUNT_THEN_WORD.pattern and _LIST_PUNCTUATION.search(m.groupdict().get("gap") or ""))


def _apply_claims(text: str, new: list[Mention], state: Scan, lexicon: Lexicon, event_dates: list[dt.date]) -> None:
    """A claim names its claimant and what it claims; "X claimed the drone attack on A, while Y claimed the rockets
    on B" is two claims, each read in its own clause."""
    text = cues.GENERIC_CLAIM.sub(" ", text)
    if cues.NO_CLAIM.search(text):
        return
    if not cues.CLAIM.search(text):
        _apply_group_act(text, new, state, lexicon)
        return
    pieces = [p for p in text.split(" ; ") if cues.CLAIM.search(p) and _claimant(p, lexicon)]
    for piece in pieces if len(pieces) > 1 else [text]:
        claimant = _claimant(piece, lexicon) or (
            _group_named_before(state, lexicon) if cues.GROUP_REFERENCE.search(piece) else None
        )
        if claimant is None:
            continue
        scope = _claimed_scope(piece, new, state, lexicon, event_dates)
        if not scope and event_dates and not cues.SINGULAR_SCOPE.search(piece):
            # "The group claimed two rocket attacks on US forces on Monday", before the report tells them ("claimed
            # the attack ... on Monday" refers back, and its day may be the claim's)
            state.pending_claims.append((claimant, event_dates[0], state.sentence))
        for mention in scope:
            if claimant not in mention.claimed:
                mention.claimed.append(claimant)
            mention.cite("claimed_by", state.sentence)


def _apply_group_act(text: str, new: list[Mention], state: Scan, lexicon: Lexicon) -> None:
    """'The Islamic Resistance in Iraq targeted the Harir base with two drones': a report that an armed group attacked
    relays the group's claim. Only for the attacks the sentence itself tells, and never when it blames or suspects."""
    if not new or cues.BLAME.search(text):
        return
    sides = US_SIDE_ACTORS | lexicon.state_forces
    acting = [a.id for a in lexicon.actors.find(text) if a.id not in sides and cues.GROUP_ACT.match(text, a.end)]
    if not acting:
        # "the resistance fighters also targeted a base": the group named before, referred to
        reference = cues.GROUP_SUBJECT.search(text)
        named = (
            _group_named_before(state, lexicon) if reference and cues.GROUP_ACT.match(text, reference.end()) else None
        )
        acting = [named] if named else []
    for claimant in acting[:1]:
        for mention in new:
            if claimant not in mention.claimed:
                mention.claimed.append(claimant)
            mention.cite("claimed_by", state.sentence)


def apply_pending_claims(state: Scan) -> None:
    """A claim of a day's attacks told before them goes to the attacks of that day told after it that no one else
    claimed."""
    for claimant, day, sentence in state.pending_claims:
        for mention in state.attacks:
            if mention.date == day and mention.sentence > sentence and not mention.claimed:
                mention.claimed.append(claimant)
                mention.cite("claimed_by", sentence)


def apply_pending_tolls(state: Scan) -> None:
    """A toll of a day's attack told before the attack's site goes to that day's attack told after it, when the
    report tells of one site that day and no other toll for it."""
    for day, killed, injured, weapons, sentence in state.pending_tolls:
        later = [m for m in state.attacks if m.date == day and not m.soft and m.sentence > sentence]
        if len({(m.base, m.place, m.slot) for m in later}) != 1:
            continue
        for mention in later:
            if mention.us_killed is None and mention.us_injured is None:
                mention.us_killed, mention.us_injured = killed, injured
                mention.hit = mention.hit or not mention.intercepted
                mention.cite("casualties", sentence)
            if weapons and not mention.weapons:  # "... after a drone attack on Friday"
                mention.weapons = set(weapons)
                mention.cite("weapons", sentence)


def _group_named_before(state: Scan, lexicon: Lexicon) -> str | None:
    """The armed group the sentences before this one named last: who "the group said ..." is. Looked up only when
    a claim needs it, so the sentences that never do pay nothing."""
    sides = US_SIDE_ACTORS | lexicon.state_forces
    for text in reversed(state.read[:-1]):
        groups = [a.id for a in lexicon.actors.find(text) if a.id not in sides]
        if groups:
            return groups[-1]
    return None


def _claimant(text: str, lexicon: Lexicon) -> str | None:
    actors = [a.id for a in lexicon.actors.find(text) if a.id not in US_SIDE_ACTORS]
    return actors[0] if actors else None


def _coordinated_bases(text: str, lexicon: Lexicon) -> set[str]:
    """'the Erbil and Harir bases': each name with the shared noun ("Erbil base", "Harir base")."""
    found: set[str] = set()
    for m in _COORDINATED.finditer(text):  # lower-case groups: the matchers ignore case
        noun = m.group("noun").removesuffix("s")
        for name in (m.group("first"), m.group("second")):
            found |= {b.id for b in lexicon.bases.find(f"{name} {noun}")}
    return found


def _claimed_scope(
    text: str, new: list[Mention], state: Scan, lexicon: Lexicon, event_dates: list[dt.date]
) -> list[Mention]:
    """The attacks a claim is about: those at the bases it names, those of its clause, or the ones told last."""
    named = {m.id for m in lexicon.bases.find(text)} | _coordinated_bases(text, lexicon)
    if named:
        return [m for m in state.attacks + new if m.base in named]
    if new:
        return new
    if cues.PLURAL_SCOPE.search(text) and state.current_attacks:
        days = {m.date for m in state.current_attacks}
        return [m for m in state.attacks if m.date in days]  # "claimed the attacks": all of those days
    if event_dates:
        return [m for m in state.attacks if m.date == event_dates[0]]  # "claimed three attacks on November 23"
    return state.current_attacks
