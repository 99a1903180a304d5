"""The extraction rules' cue matchers, built from the phrase lists of cues.yaml (see words.py).

The words live in cues.yaml; the grammar around them (word boundaries, what may stand between two
parts, what must not follow) lives here. Names of bases, groups, weapons and countries are never
here: they come from data/reference. Case-insensitive cues are `Cue`s (matched on lower-cased text,
see text.Cue): slice the original text rather than taking group() when the words themselves are kept.
"""

from __future__ import annotations

import re

from generator.ingest.rules.text import NUM, QUALIFIER, Cue
from generator.ingest.rules.words import alternation, fill, words


def cue(template: str) -> Cue:
    """A Cue from a pattern whose `@name` parts are lists of cues.yaml (its needles are derived: prefilter.py)."""
    return Cue(fill(template))


def _title_case(name: str) -> str:
    """A list of site words as written in names ("Mission Support Site"): case-sensitive, capitalised."""
    return (
        "(?:"
        + "|".join(r"\s+".join(w.capitalize() for w in p.split()) for p in sorted(words(name), key=len, reverse=True))
        + ")"
    )


# Something was fired at, flew at or hit a target.
ATTACK_WORD = Cue(r"\battack")  # any form of "attack": a cheap test before the fuller patterns
ATTACK = cue(r"\b@attack_words\b")
# A projectile that came down at a site: "mortar rounds landed near the base", "a drone fell inside the camp".
# An attack only when the clause names a weapon (attacks.py checks), since people and aircraft land too.
IMPACT = cue(
    r"\b@came_down_verbs\s+(?:\w+\s+){0,3}?@came_down_places\b"
)  # "fell three rockets inside": a gloss of Arabic
# Words that make a clause about a possible, threatened, denied or mistakenly reported attack ("initially
# insisted the attack had taken place in Syria"), or about something else.
IRREALIS = cue(r"\b(?:@irrealis|@habitual)\b")
HABITUAL = cue(r"\b@habitual\b")
PERFECT_CLAIMS = cue(r"\b@perfect_claims\b")
# A sentence that opens by turning to another story: what it says is not about the attack told before.
TOPIC_CHANGE = Cue(fill(r"^\W*@topic_changes\b"))
# Counts of attacks ("five attacks that day", "struck three times"): not one incident.
AGGREGATE = Cue(
    fill(
        rf"\b(?:{QUALIFIER}{NUM}|@many)\s+(?:of\s+(?:the|those|these|them)\s+)?(?:[\w-]+\s+)?(?:attacks|strikes|times)\b|\btwice\b"
    ),
)
SERIES = Cue(fill(r"\b@series_nouns(?:s)?\s+(?:of|in)\s+(?:[\w-]+\s+){0,3}?attacks\b"))
# A count of times a site was hit: "targeted multiple times", "attacked twice", "repeatedly shelled".
TIMES_COUNT = Cue(
    fill(rf"\b(?:{QUALIFIER}{NUM}|@many)\s+times\b|\btwice\b|\brepeatedly\b|\b(?:second|third|fourth|fifth)\s+time\b"),
)
PERFECT_COUNT = Cue(fill(r"\b@perfect_counts\b"))
STRIKE_AGGREGATE = Cue(fill(r"\b@strike_aggregates\b"))
STRIKE_NOUN = cue(r"\b@strike_nouns\b")
STRIKE_VERB = cue(r"\b@strike_verbs\b")
US_ACTOR = cue(r"(?<![\w-])@us_actors(?![\w-])")
# "us" is too short for a derived needle (prefilter.MIN_LENGTH), but rare enough as a word to test first.
US_MARK = Cue(fill(r"(?<![\w-])@us_marks(?!\w)|us-led"), needles=("us", "u.s.", "american", "coalition"))
FOREIGN_STRIKER = cue(r"\b@foreign_strikers\s+(?:[\w-]+\s+)?@foreign_strike_nouns\b")
UNKNOWN_STRIKER = cue(r"\b@unknown_strikers\s+(?:[\w-]+\s+)?@foreign_strike_nouns\b")
# "an attack on a weapons depot" in a sentence about U.S. strikes is one of them.
ATTACK_ON_FACILITY = Cue(fill(r"\battack\s+on\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?@facility_nouns\b"))
STRIKE_ON_US = Cue(
    fill(rf"\bstrikes?\s+(?:that\s+|which\s+)?@casualty_verbs\s+(?:{QUALIFIER}{NUM}\s+)?@us_marks(?![\w-])"),
)
# "A rocket strike was carried out against a US base": who struck is not said, the U.S. site was the target.
PASSIVE_STRIKE_ON = r"\bstrikes?\s+(?:was|were)\s+(?:carried\s+out|launched|conducted)\s+(?:on|against)\b"
# "Strikes against US and coalition forces": the groups' attacks told with a strike word.
STRIKES_AGAINST_US = Cue(
    fill(
        r"\bstrikes?\s+(?:against|on)\s+(?:the\s+)?@us_marks(?!\w)(?:\s+and\s+[\w-]+(?:\s+[\w-]+)?)?"
        r"(?:\s+[\w-]+)?\s+(?:forces|troops|bases|personnel|positions)\b"
    ),
)
# What a strike answers: "in response to attacks against coalition forces in Iraq and Syria, ...". Its words say
# nothing of where the strike was or whom it hit.
RESPONSE_PHRASE = Cue(
    r"\b(?:in\s+response\s+to|response\s+to|in\s+retaliation\s+for|retaliation\s+for|after|following)\b[^,;]*",
)
# An attack told with a strike word: "a drone strike on the base", "a drone strike occurred at the base",
# "a rocket strike was carried out against a base".
STRIKE_ON = Cue(r"\bstrike\s+(?:(?:occurred|took\s+place)\s+(?:at|on)|on)\b|" + PASSIVE_STRIKE_ON)
ENEMY_TARGET = cue(r"\b@enemy_targets\b")
# Vague sites: "a base in eastern Syria", "two sites", "three separate bases".
# The words between the count and the noun qualify the site ("two US military bases"); a determiner among them
# starts another phrase ("three drones attacked a military base": one base).
VAGUE_SITE = Cue(
    fill(
        r"\b(?P<det>@site_counts|\d+)\s+(?:(?!(?:@site_counts|the|their|its)\s)(?:(?:\w\.){2,}|[\w'-]+)\s+){0,4}?"
        r"(?P<noun>@site_nouns)\b"
    ),
)
_CAPITALISED = r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?"
SPECIFIC_SITE = re.compile(
    rf"\b{_title_case('named_site_before')}\s+{_CAPITALISED}|\b{_CAPITALISED}\s+{_title_case('named_site_after')}\b"
    # "the coalition's Qasrak base", "the US Tal Baydar base": a name the owner marks as theirs
    rf"|\b{alternation('us_owners')}\s+(?P<owned>{_CAPITALISED}\s+base)\b"
)
# U.S. forces as the target: "at US and coalition forces", "US forces were attacked".
WEAK_SITE = Cue(
    fill(
        r"(?<![\w-])(?:us|u\.s\.|american|coalition|international)(?:\s+(?:and|or)\s+(?:coalition|international|"
        r"other|allied))?(?:\s+(?:military|led))?\s+@us_forces_nouns\b"
    ),
)
# "The latest attack took place in ...": one of the attacks on U.S. forces a report is about, placed in a country.
BACKGROUND = cue(r"\b@background_words\b")
LATEST_ATTACK = cue(r"\b@latest_words\s+(?:of\s+the\s+|such\s+)?(?:attacks?|incidents?)\b")
WEAK_TARGET_BEFORE = Cue(fill(rf"\b@target_before\s+(?:the\s+)?(?:{QUALIFIER}{NUM}\s+)?\W?$"))
WEAK_TARGET_AFTER = cue(r"^\W?\s*(?:[\w-]+\s+){0,5}?(?:were|was|had\s+been|have\s+been)\s+@target_after")
BORDER = cue(r"^[\w-]*\s+@borders")

# Outcome of an attack.
HIT = cue(r"\b@hit_words\b(?!\s+back)")
DAMAGE = cue(r"\b@damage_words\b")
REMAINDER_FELL = cue(r"\b@remainder_words\s+(?:[\w-]+\s+)?@remainder_fell\b")
REMAINDER_MISSED = cue(r"\b@remainder_words\s+(?:[\w-]+\s+)?(?:was\s+|were\s+)?@remainder_missed\b")
_DOWNED = r"(?:shot\s+down|intercepted|downed|destroyed|neutrali[sz]ed)"
PARTIAL_INTERCEPT = cue(
    rf"\b@part_of(?:\s+[\w-]+){{0,2}}?\s+(?:was|were|had\s+been|have\s+been)\s+(?:successfully\s+)?{_DOWNED}"
    rf"|{_DOWNED}\s+@part_of"
)
# Militia statements' own words for a hit: "directly hit its target", "successfully hit"...
CLAIMED_HIT = cue(r"\b@claimed_hits\b")
INTERCEPT = Cue(
    fill(
        r"\b(?:@intercept_words|"
        # briefing language, passive: "it was engaged and destroyed by our air defenses", "were neutralised"
        r"(?:was|were|been)\s+(?:successfully\s+)?(?:engaged|destroyed|neutrali[sz]ed|defeated)(?!\s+(?:in|on|at)\b))\b"
    ),
)
# "failed to intercept", "no attempt was made to shoot it down": a negation up to four words before; through a list
# joined by "or", up to six ("did not result in any casualties or significant damage").
NEGATED = cue(r"\b@negations\s+(?:(?:[\w-]+\s+){0,4}|(?:[\w-]+\s+){0,4}or\s+(?:[\w-]+\s+)?)$")

# Casualties among U.S./coalition personnel.
US_NOUN = fill(
    r"(?:(?:U\.S\.|US|American|coalition|Army|military|other|more|[\w-]+)\s+){0,3}?"
    r"(?:@us_people|(?:others|more)(?!\s+(?:U\.S\.|US|American|coalition|soldiers|troops|service|personnel)))\b"
)
# "several American forces injured": "forces" only when said to be theirs, and only for injuries told without a
# number ("2,500 US forces ... killed" counts troops, not a toll)
US_FORCES_NOUN = r"(?:U\.S\.|US|American|coalition)\s+(?:and\s+coalition\s+)?forces\b"
FOREIGN_PEOPLE = cue(r"\b@foreign_people\b")
INJURED_WORD = alternation("injured_words")
# Injuries with no count: "several US personnel were injured", "minor injuries", "injuring a number of troops".
VAGUE_INJURED = Cue(
    fill(
        # "being evaluated for brain injuries" is not yet an injury
        rf"\b(?:@vague_counts)\s+(?P<noun>{US_FORCES_NOUN}|{US_NOUN})(?:(?!\b(?:for|possible)\b)[^.;,:]){{0,40}}?"
        rf"\b(?:{INJURED_WORD})\b"
        rf"|\b(?:wound(?:ed|ing)|injur(?:ed|ing))\s+(?:@vague_counts)\s+(?P<noun2>{US_NOUN})"
        r"|\b@vague_injuries\b"
    ),
)
KILLED_WORD = alternation("killed_words")
COUNT_THEN_WORD = Cue(
    rf"(?P<n>{QUALIFIER}{NUM})\s+(?P<noun>{US_NOUN})(?P<gap>(?:(?!\band\b|\bbut\b)[^.;,:]){{0,60}}?)\b"
    rf"(?P<word>{INJURED_WORD}|{KILLED_WORD})\b",
)
WORD_THEN_COUNT = Cue(
    # "killed three soldiers", "resulted in the killing of three service members and the injury of 40 others"
    # "causing minor injuries to two troops"
    rf"\b(?P<word>(?:killing|deaths?|injury|injuries|wounding)\s+of|injur(?:y|ies)\s+to|wound(?:ed|ing)|injur(?:ed|ing)"
    rf"|kill(?:ed|ing)|left)"
    rf"\s+(?P<n>{QUALIFIER}{NUM})\s+(?P<noun>{US_NOUN})",
)
ZERO_BOTH = Cue(
    fill(
        # "no reports of casualties" is read as "no casualties were reported"
        r"\b(?:no(?!\s+(?:word|immediate|information|details|figures|casualty\s+figures))|without|neither|"
        r"did\s+not\s+(?:cause|result\s+in)|didn't\s+(?:cause|result\s+in)|caused\s+no|causing\s+no|resulted\s+in\s+no)"
        r"\b(?:u\.s\.|[^.;]){0,30}?\b@no_casualty_nouns\b"  # "no U.S. casualties": the dots of U.S. are no stop
        r"|\bnone\s+of\s+(?:the|those|these)\b[^.;]{0,30}?\b(?:caused|resulted\s+in|led\s+to)\s+(?:any\s+)?\W?"
        r"(?:casualties|injuries)\b"
        r"|\b(?:no\s+one|nobody|none|no\s+(?:[\w.-]+\s+){0,2}@us_people)\s+(?:was|were)\s+@no_one_hurt\b"
        # "wounded two Kurdish fighters but no Americans"
        r"|\b(?:but|and)\s+no\s+(?:[\w.-]+\s+){0,2}@us_people\b(?!\s+(?:was|were)\s)"
    ),
)
ZERO_KILLED = Cue(fill(r"\b@no_deaths"))
# One person, told without a number: "A U.S. service member was slightly wounded".
ONE_HURT = Cue(
    fill(
        r"\b(?:an?|one)\s+(?P<noun>(?:(?:U\.S\.|US|American|coalition)\s+)?@us_people)\s+(?:was|has\s+been)\s+"
        r"(?:\w+ly\s+)?(?P<word>killed|wounded|injured|hurt)\b"
    )
)
# "killing three soldiers and wounding more than 40", "three were killed and at least 34 injured": the second count
# shares the first one's noun
ELLIPTIC_INJURED = Cue(
    rf"\band\s+(?:wounding|injuring)\s+(?P<n>{QUALIFIER}{NUM})(?:\s+(?:others|more))?\b(?!\s+[a-z])"
    rf"|\band\s+(?P<n2>{QUALIFIER}{NUM})\s+(?:others\s+|more\s+)?(?:were\s+)?(?:injured|wounded|hurt)\b"
)
# "more than 40 U.S. troops were injured and three were killed": the dead told after the wounded, by number only
ELLIPTIC_KILLED = Cue(
    rf"\band\s+(?P<n>{QUALIFIER}{NUM})\s+(?:others\s+|more\s+)?(?:(?:were|was)\s+killed|died|killed)\b"
)
PLURAL_SCOPE = Cue(
    r"\b(?:none\s+of\s+(?:the|those|these)|the|these|those|both|all(?:\s+the)?)\s+(?:[\w-]+\s+)?"
    r"(?:attacks|attempts|incidents|locations|sites)\b|\bboth\b|\b(?:either|neither)\s+(?:[\w-]+\s+)?(?:attack|incident|site|base)\b",
)
SINGULAR_SCOPE = Cue(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|base|incident)\b")
CUMULATIVE = Cue(fill(r"\b@cumulative\b"))

# Claims of responsibility.
CLAIM = Cue(
    fill(
        # "claimed that it ..." reports a statement; "claimed that attack" is a claim of responsibility
        # "claimed to have targeted the base" claims it; "claimed to have shot down ..." does not
        r"\bclaim(?:ed|s|ing)?\b(?!\s+to\b(?!\s+have\s+@claim_verbs\b)|\s+that\s+(?!@claim_objects(?:s)?\b))|\b@claim_words\b|"
        r"\b@claim_speech\s+(?:[^\s.;]+\s+){0,8}?(?:that\s+)?@claim_subjects\s+(?:@claim_tenses\s+)?"
        r"(?:(?:again|also|once\s+again)\s+)?@claim_verbs\b"  # "announced that its fighters again attacked"
    ),
)
NO_CLAIM = Cue(
    fill(
        r"\b(?:no\s+(?:group|one)|nobody|not\s+(?:immediately\s+)?claimed|did\s+not|had\s+not|has\s+not)\b[^.]{0,40}"
        r"(?:claim|responsibility)|\b@share_words\s+of\s+(?:these|the|those|them)\b"
    )
)
# "which has claimed most of the recent attacks": background, not a claim of this attack.
# "The group said in a statement that its fighters targeted ...": the armed group named before.
GROUP_REFERENCE = cue(r"\b(?:the|this)\s+(?:same\s+)?@group_nouns\b")
# An armed group as the subject of an attack verb ("the Islamic Resistance in Iraq, an umbrella group, targeted").
GROUP_ACT = cue(r"[\s,]*(?:(?:an?|the)\s+[^.;]{0,60}?,\s*)?(?:(?:has|have|had)\s+)?@group_act_verbs\b")
# The group named before, as the subject that opens a sentence: "The resistance fighters also targeted ...".
GROUP_SUBJECT = Cue(
    fill(r"^(?:[^,]{0,30},\s*)?(?:the\s+)?@group_nouns(?:'s\s+fighters)?(?:\s+(?:also|then|later|again))?"),
)
BLAME = cue(r"\b@blame_words\b")
GENERIC_CLAIM = Cue(
    fill(
        r"\b(?:which\s+)?(?:has|have|had)\s+(?:also\s+)?claimed\s+(?:(?:responsibility\s+for\s+)?@share_words|"
        r"more\s+than|the\s+majority)(?:(?!--)[^,;—]){0,80}"
    ),
)
STRIKE_IRREALIS = cue(r"\b@strike_irrealis\b")

# Strike casualties among the people struck.
STRIKE_KILLED = Cue(
    fill(
        rf"\bkill(?:ed|ing)\s+(?:all\s+)?(?P<n>{QUALIFIER}{NUM})\b|(?P<n2>{QUALIFIER}{NUM})\s+(?:[\w-]+\s+){{0,3}}?"
        # "Sixteen people, including civilians, were killed": an aside between the dead and the verb
        rf"@strike_dead(?:,\s+(?:including|among\s+them)\s+[^,]{{1,40}},)?\s+(?:were\s+|had\s+been\s+)?killed"
        rf"|deaths?\s+of\s+(?:all\s+)?(?P<n3>{NUM})\b"
    ),
)
ACCORDING = Cue(r"\baccording\s+to\b[^,.]*")
# "since Washington's strikes last week": background to what a clause reports, not part of it.
SINCE_PHRASE = Cue(r"\bsince\b[^,;]*")
