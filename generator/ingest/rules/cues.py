"""Cue words and phrases of wire reports: verbs, negations, quantities. Generic English, not names.

Names of bases, groups, weapons and countries are never here: they come from data/lexicon.
Case-insensitive cues are `Cue`s (matched on lower-cased text, see text.Cue): slice the original
text rather than taking group() when the words themselves are kept.
"""

from __future__ import annotations

import re

from generator.ingest.rules.text import NUM, QUALIFIER, Cue

# Something was fired at, flew at or hit a target.
ATTACK_WORD = Cue(r"\battack")  # any form of "attack": a cheap test before the fuller patterns
ATTACK = Cue(
    r"\b(?:attack(?:s|ed|ing)?|target(?:s|ed|ing)?|struck|hit|fired|launched|shot\s+down|intercepted|engaged|"
    r"slammed|crashed|(?:flown|flew|flying|sent|headed|heading)\s+(?:at|toward|towards|for)|barrages?|salvos?|came\s+under|"
    r"come\s+under|impacted|volley|took\s+place\s+(?:\w+\s+){0,6}against)\b",
)
# A projectile that came down at a site: "mortar rounds landed near the base", "a drone fell inside the camp".
# An attack only when the clause names a weapon (attacks.py checks), since people and aircraft land too.
IMPACT = Cue(
    r"\b(?:landed|fell|exploded|crashed|impacted)\s+(?:\w+\s+)?(?:inside|near|in|on|at|into|outside|close\s+to|"
    r"within)\b",
    needles=("landed", "fell", "exploded", "crashed", "impacted"),
)
# Words that make a clause about a possible, threatened, denied or mistakenly reported attack ("initially
# insisted the attack had taken place in Syria"), or about something else.
IRREALIS = Cue(
    r"\b(?:heart\s+attack|no\s+attacks?\b|any\s+attacks?|not\s+attack|would\s+(?:become|be|keep|continue)|"
    r"(?:initially|first|originally|mistakenly|wrongly|erroneously|falsely)\s+(?:said|says|insisted|claimed|"
    r"reported|stated|thought|believed|suggested)|"
    r"(?:ready|preparing|prepared|planning|plans?|about)\s+to|threaten\w*|warned|vow\w*|suspend\w*|denied|"
    r"possible\s+(?:[\w-]+\s+)?(?:drones?|rockets?|missiles?|attacks?|threats?)|false\s+alarm)\b",
)
# A sentence that opens by turning to another story: what it says is not about the attack told before.
TOPIC_CHANGE = Cue(
    r"^\W*(?:separately|elsewhere|in\s+a\s+separate\s+(?:incident|development|attack)|in\s+other\s+(?:news|developments))\b",
    needles=("separate", "elsewhere", "other"),
)
# Counts of attacks ("five attacks that day", "struck three times"): not one incident.
AGGREGATE = Cue(
    rf"\b(?:{QUALIFIER}{NUM}|several|multiple|dozens\s+of|many|a\s+number\s+of|most\s+of)\s+"
    rf"(?:of\s+(?:the|those|these|them)\s+)?(?:[\w-]+\s+)?(?:attacks|times)\b|\btwice\b",
    needles=("attacks", "times", "twice"),
)
SERIES = Cue(
    r"\b(?:string|series|wave|spate|surge|burst|campaign)s?\s+of\s+(?:[\w-]+\s+){0,3}?attacks\b", needles=("attacks",)
)
STRIKE_AGGREGATE = Cue(
    rf"\b(?:twice|(?:{NUM}|several|multiple)\s+times|several\s+(?:[\w-]+\s+)?(?:strikes|rounds|raids)|rounds?\s+of|"
    rf"series\s+of\s+(?:[\w-]+\s+)?(?:strikes|raids)|previous\s+(?:[\w-]+\s+){{0,2}}(?:rounds|strikes|raids)|"
    rf"so\s+far)\b",
    needles=("twice", "times", "several", "round", "series", "previous", "far"),
)
STRIKE_NOUN = Cue(
    r"\b(?:air\s*strikes?|strikes?|raids?|bombing|retaliation|bombardment)\b",
    needles=("strike", "raid", "bombing", "retaliation", "bombardment"),
)
STRIKE_VERB = Cue(
    r"\b(?:struck|strikes|hits?|bombed|targeted|killed|killing|opened\s+fire|carried\s+out|conducted|pounded)\b",
    needles=("struck", "strikes", "hit", "bombed", "targeted", "kill", "opened", "carried", "conducted", "pounded"),
)
US_ACTOR = Cue(
    r"(?<![\w-])(?:US|U\.S\.|American|United\s+States|Washington|coalition|warplanes|fighter\s+jets|F-\d+\w*|"
    r"gunship|bombers|aircraft|jets)(?![\w-])",
)
US_MARK = Cue(
    r"(?<![\w-])(?:US|U\.S\.|American|Americans|coalition)\b|US-led", needles=("us", "u.s.", "american", "coalition")
)
FOREIGN_STRIKER = Cue(
    r"\b(?:Israeli|Israel's|Israel|Turkish|Turkey's|Russian|Russia's|Jordanian|Iranian|Iran's)\s+(?:[\w-]+\s+)?"
    r"(?:strikes?|air\s*strikes?|bombardment|raids?|missiles?|drones?)\b",
    needles=("israel", "turk", "russia", "jordan", "iran"),
)
# "an attack on a weapons depot" in a sentence about U.S. strikes is one of them.
ATTACK_ON_FACILITY = Cue(
    r"\battack\s+on\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:depot|facility|headquarters|storage|positions?|"
    r"compound|warehouse)\b",
    needles=("attack",),
)
ENEMY_TARGET = Cue(
    r"\b(?:militants?|fighters?|militias?|members|commanders?|positions?|facilit(?:y|ies)|sites?|depots?|"
    r"headquarters|storage|targets|locations?|vehicle|car|leaders?|safe\s+house|group|stores?)\b",
)
# Vague sites: "a base in eastern Syria", "two sites", "three separate bases".
VAGUE_SITE = Cue(
    r"\b(?P<det>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+|another|several)\s+"
    r"(?:[\w'-]+\s+){0,4}?(?P<noun>air\s?bases?|airbases?|bases?|garrisons?|outposts?|sites?|installations?|"
    r"facilit(?:y|ies)|embassy|camps?|compound)\b",
    needles=("base", "garrison", "outpost", "site", "installation", "facilit", "embassy", "camp", "compound"),
)
SPECIFIC_SITE = re.compile(
    r"\b(?:Mission Support Site|Patrol Base|Forward Operating Base|Combat Outpost|Landing Zone|Camp)\s+"
    r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?|\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:Air Base|Airbase|Garrison|Landing Zone|"
    r"Airfield)\b"
    # "the coalition's Qasrak base", "the US Tal Baydar base": a name the owner marks as theirs
    r"|\b(?:coalition's|coalition|US|U\.S\.|American)\s+(?P<owned>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+base)\b"
)
# U.S. forces as the target: "at US and coalition forces", "US forces were attacked".
WEAK_SITE = Cue(
    r"(?<![\w-])(?:US|U\.S\.|American|coalition|international)(?:\s+(?:and|or)\s+(?:coalition|international|"
    r"other|allied))?(?:\s+(?:military|led))?\s+(?:forces|troops|personnel|service\s+members|soldiers)\b",
    needles=("us", "u.s.", "american", "coalition", "international"),
)
WEAK_TARGET_BEFORE = Cue(r"\b(?:at|on|against|targeted|targeting|attacked|toward|towards)\s+(?:the\s+)?\W?$")
WEAK_TARGET_AFTER = Cue(r"^\W?\s*(?:[\w-]+\s+){0,5}?(?:were|was|had\s+been|have\s+been)\s+(?:attacked|targeted|hit)")
BORDER = Cue(r"^[\w-]*\s+(?:border|frontier)")

# Outcome of an attack.
HIT = Cue(
    r"\b(?:struck|hit|slammed\s+into|crashed\s+(?:into|inside|on)|impacted|landed\s+(?:inside|on|in)\s+the|"
    r"got\s+through|penetrated|came\s+down\s+on|exploded\s+(?:inside|on|at)|fell\s+(?:inside|on)\s+the)\b(?!\s+back)",
    needles=(
        "struck",
        "hit",
        "slammed",
        "crashed",
        "impacted",
        "landed",
        "got",
        "penetrated",
        "came",
        "exploded",
        "fell",
    ),
)
INTERCEPT = Cue(
    r"\b(?:shot\s+(?:[\w-]+\s+){0,3}down|shoot(?:ing)?\s+(?:[\w-]+\s+){0,3}down|intercept(?:ed|ing)|"
    r"(?:brought|bringing)\s+(?:[\w-]+\s+){0,2}down|downed|destroy(?:ed|ing)\s+(?:one|both|it|them|"
    r"(?:the|an?|two|three|all)\s+(?:[\w-]+\s+)?(?:drones?|uavs?|rockets?|missiles?|projectiles?))|"
    # briefing language, passive: "it was engaged and destroyed by our air defenses", "were neutralised"
    r"(?:was|were|been)\s+(?:successfully\s+)?(?:engaged|destroyed|neutrali[sz]ed|defeated)(?!\s+(?:in|on|at)\b))\b",
    needles=(
        "shot",
        "shoot",
        "intercept",
        "brought",
        "bringing",
        "downed",
        "destroy",
        "engaged",
        "neutrali",
        "defeated",
    ),
)
# "failed to intercept", "no attempt was made to shoot it down": a negation up to four words before.
NEGATED = Cue(r"\b(?:no|not|never|without|failed\s+to)\s+(?:[\w-]+\s+){0,4}$")

# Casualties among U.S./coalition personnel.
US_NOUN = (
    r"(?:(?:U\.S\.|US|American|coalition|Army|military|other|more|[\w-]+)\s+){0,3}?"
    r"(?:soldiers|troops|service\s*members|servicemen|personnel|Americans|reservists|sailors|marines|airmen|"
    r"service\s+member|soldier|(?:others|more)(?!\s+(?:U\.S\.|US|American|coalition|soldiers|troops|service|personnel)))\b"
)
FOREIGN_PEOPLE = Cue(r"\b(?:Iraqi|Syrian|Kurdish|SDF|Jordanian|Iranian|civilians?|fighters?|militants?)\b")
INJURED_WORD = r"(?:injured|wounded|hurt|wounds|injuries|injury|wounding)"
KILLED_WORD = r"(?:killed|killing|dead)"
COUNT_THEN_WORD = Cue(
    rf"(?P<n>{QUALIFIER}{NUM})\s+(?P<noun>{US_NOUN})(?P<gap>(?:(?!\band\b|\bbut\b)[^.;,:]){{0,60}}?)\b"
    rf"(?P<word>{INJURED_WORD}|{KILLED_WORD})\b",
)
WORD_THEN_COUNT = Cue(
    rf"\b(?P<word>wound(?:ed|ing)|injur(?:ed|ing)|kill(?:ed|ing)|left)\s+(?P<n>{QUALIFIER}{NUM})\s+(?P<noun>{US_NOUN})",
)
ZERO_BOTH = Cue(
    r"\b(?:no(?!\s+(?:word|immediate|information|details|figures|casualty\s+figures|reports?\s+of))|without|"
    r"neither|did\s+not\s+cause|didn't\s+cause|caused\s+no|causing\s+no)\b[^.;]{0,30}?\b"
    r"(?:casualties|injuries|injured|further\s+incident)\b"
    r"|\bnone\s+of\s+(?:the|those|these)\b[^.;]{0,30}?\b(?:caused|resulted\s+in|led\s+to)\s+(?:any\s+)?\W?"
    r"(?:casualties|injuries)\b"
    r"|\b(?:no\s+one|nobody|none|no\s+(?:[\w-]+\s+){0,2}(?:troops|personnel|Americans|service\s+members|soldiers))\s+"
    r"(?:was|were)\s+(?:hurt|injured|wounded)\b",
    needles=("casualties", "injuries", "injured", "incident", "hurt", "wounded"),
)
ZERO_KILLED = Cue(
    r"\b(?:no\s+one|nobody)\s+(?:was\s+)?(?:killed|died)\b|\bno\s+(?:deaths|fatalities)\b|\bwithout\s+loss\s+of\s+life",
    needles=("killed", "died", "deaths", "fatalities", "without"),
)
PLURAL_SCOPE = Cue(
    r"\b(?:none\s+of\s+(?:the|those|these)|the|these|those|both|all(?:\s+the)?)\s+(?:[\w-]+\s+)?"
    r"(?:attacks|attempts|incidents|locations|sites)\b|\bboth\b|\b(?:either|neither)\s+(?:[\w-]+\s+)?(?:attack|incident|site|base)\b",
)
SINGULAR_SCOPE = Cue(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|base|incident)\b")
CUMULATIVE = Cue(
    r"\b(?:have|has)\b|\bsince\b|\bin\s+those\s+attacks\b|\bso\s+far\b|\bin\s+total\b",
    needles=("have", "has", "since", "those", "far", "total"),
)

# Claims of responsibility.
CLAIM = Cue(
    # "claimed that it ..." reports a statement; "claimed that attack" is a claim of responsibility
    r"\bclaim(?:ed|s|ing)?\b(?!\s+to\b|\s+that\s+(?!(?:attack|assault|incident|operation|bombing)s?\b))|\b(?:took|taken|take|assumed)\s+responsibility\b|"
    r"\bsaid\s+(?:[\w-]+\s+){0,4}?(?:that\s+)?it\s+(?:had\s+)?(?:carried\s+out|targeted|launched|sent|attacked|fired|"
    r"struck|hit)\b",
    needles=("claim", "responsibility", "said"),
)
NO_CLAIM = Cue(
    r"\b(?:no\s+(?:group|one)|nobody|not\s+(?:immediately\s+)?claimed|did\s+not|had\s+not|has\s+not)\b[^.]{0,40}"
    r"(?:claim|responsibility)|\b(?:some|many|most|several|a\s+few|a\s+number|dozens)\s+of\s+(?:these|the|those|them)\b",
)
# "which has claimed most of the recent attacks": background, not a claim of this attack.
GENERIC_CLAIM = Cue(
    r"\b(?:which\s+)?(?:has|have|had)\s+(?:also\s+)?claimed\s+(?:many|most|a\s+number|dozens|several|some|more\s+than|"
    r"the\s+majority|responsibility\s+for\s+(?:many|most|several|dozens))(?:(?!--)[^,;—]){0,80}",
    needles=("claimed",),
)
STRIKE_IRREALIS = Cue(
    r"\b(?:would|could|might|threaten\w*|warned|vow\w*|plans?\s+to|ready\s+to)\b",
    needles=("would", "could", "might", "threaten", "warned", "vow", "plan", "ready"),
)

# Strike casualties among the people struck.
STRIKE_KILLED = Cue(
    rf"\bkill(?:ed|ing)\s+(?:all\s+)?(?P<n>{QUALIFIER}{NUM})\b|(?P<n2>{QUALIFIER}{NUM})\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:militants|fighters|members|people|men)\s+(?:were\s+|had\s+been\s+)?killed|deaths?\s+of\s+(?:all\s+)?"
    rf"(?P<n3>{NUM})\b",
    needles=("kill", "death"),
)
ACCORDING = Cue(r"\baccording\s+to\b[^,.]*", needles=("according",))
# "since Washington's strikes last week": background to what a clause reports, not part of it.
SINCE_PHRASE = Cue(r"\bsince\b[^,;]*", needles=("since",))
