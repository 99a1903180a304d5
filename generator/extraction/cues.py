"""Cue words and phrases of wire reports: verbs, negations, quantities. Generic English, not names.

Names of bases, groups, weapons and countries are never here: they come from data/reference.
"""

from __future__ import annotations

import re

from generator.extraction.text import NUM, QUALIFIER

IC = re.IGNORECASE

# Something was fired at, flew at or hit a target.
ATTACK = re.compile(
    r"\b(?:attack(?:s|ed|ing)?|target(?:s|ed|ing)?|struck|hit|fired|launched|shot\s+down|intercepted|engaged|"
    r"slammed|crashed|flown\s+at|sent\s+toward|headed\s+for|flying\s+toward|barrages?|salvos?|came\s+under|"
    r"come\s+under|impacted|volley|took\s+place\s+(?:\w+\s+){0,6}against)\b",
    IC,
)
# Words that make a clause about a possible, threatened or denied attack, or about something else.
IRREALIS = re.compile(
    r"\b(?:heart\s+attack|no\s+attacks?\b|any\s+attacks?|not\s+attack|would\s+(?:become|be)|ready\s+to|"
    r"preparing\s+to|prepared\s+to|planning\s+to|plans?\s+to|about\s+to|threaten\w*|warned|vow\w*|"
    r"would\s+keep|suspend\w*|denied|no\s+attack\s+took\s+place|possible\s+drone|alert)\b",
    IC,
)
# Counts of attacks ("five attacks that day", "struck three times"): not one incident.
AGGREGATE = re.compile(
    rf"\b(?:{QUALIFIER}{NUM}|several|multiple|dozens\s+of|many|a\s+number\s+of|most\s+of)\s+"
    rf"(?:of\s+(?:the|those|these|them)\s+)?(?:[\w-]+\s+)?(?:attacks|times)\b|\btwice\b",
    IC,
)
SERIES = re.compile(r"\b(?:string|series|wave|spate|surge|burst|campaign)s?\s+of\s+(?:[\w-]+\s+){0,3}?attacks\b", IC)
STRIKE_AGGREGATE = re.compile(
    rf"\b(?:twice|(?:{NUM}|several|multiple)\s+times|several\s+(?:[\w-]+\s+)?(?:strikes|rounds|raids)|rounds?\s+of|"
    rf"series\s+of\s+(?:[\w-]+\s+)?(?:strikes|raids)|previous\s+(?:[\w-]+\s+){{0,2}}(?:rounds|strikes|raids)|"
    rf"so\s+far)\b",
    IC,
)
STRIKE_NOUN = re.compile(r"\b(?:air\s*strikes?|strikes?|raids?|bombing|retaliation|bombardment)\b", IC)
STRIKE_VERB = re.compile(
    r"\b(?:struck|strikes|hits?|bombed|targeted|killed|killing|opened\s+fire|carried\s+out|conducted|pounded)\b", IC
)
US_ACTOR = re.compile(
    r"(?<![\w-])(?:US|U\.S\.|American|United\s+States|Washington|coalition|warplanes|fighter\s+jets|F-\d+\w*|"
    r"gunship|bombers|aircraft|jets)(?![\w-])",
    IC,
)
US_MARK = re.compile(r"(?<![\w-])(?:US|U\.S\.|American|Americans|coalition)\b|US-led", IC)
FOREIGN_STRIKER = re.compile(
    r"\b(?:Israeli|Israel's|Israel|Turkish|Turkey's|Russian|Russia's|Jordanian|Iranian|Iran's)\s+(?:[\w-]+\s+)?"
    r"(?:strikes?|air\s*strikes?|bombardment|raids?|missiles?|drones?)\b",
    IC,
)
# "an attack on a weapons depot" in a sentence about U.S. strikes is one of them.
ATTACK_ON_FACILITY = re.compile(
    r"\battack\s+on\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:depot|facility|headquarters|storage|positions?|"
    r"compound|warehouse)\b",
    IC,
)
ENEMY_TARGET = re.compile(
    r"\b(?:militants?|fighters?|militias?|members|commanders?|positions?|facilit(?:y|ies)|sites?|depots?|"
    r"headquarters|storage|targets|locations?|vehicle|car|leaders?|safe\s+house|group|stores?)\b",
    IC,
)
# Vague sites: "a base in eastern Syria", "two sites", "three separate bases".
VAGUE_SITE = re.compile(
    r"\b(?P<det>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+|another|several)\s+"
    r"(?:[\w'-]+\s+){0,4}?(?P<noun>air\s?bases?|airbases?|bases?|garrisons?|outposts?|sites?|installations?|"
    r"facilit(?:y|ies)|embassy|camps?|compound)\b",
    IC,
)
SPECIFIC_SITE = re.compile(
    r"\b(?:Mission Support Site|Patrol Base|Forward Operating Base|Combat Outpost|Landing Zone|Camp)\s+"
    r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?|\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:Air Base|Airbase|Garrison|Landing Zone|"
    r"Airfield)\b"
)
# U.S. forces as the target: "at US and coalition forces", "US forces were attacked".
WEAK_SITE = re.compile(
    r"(?<![\w-])(?:US|U\.S\.|American|coalition|international)(?:\s+(?:and|or)\s+(?:coalition|international|"
    r"other|allied))?(?:\s+(?:military|led))?\s+(?:forces|troops|personnel|service\s+members|soldiers)\b",
    IC,
)
WEAK_TARGET_BEFORE = re.compile(r"\b(?:at|on|against|targeted|targeting|attacked|toward|towards)\s+(?:the\s+)?\W?$", IC)
WEAK_TARGET_AFTER = re.compile(
    r"^\W?\s*(?:[\w-]+\s+){0,5}?(?:were|was|had\s+been|have\s+been)\s+(?:attacked|targeted|hit)", IC
)
BORDER = re.compile(r"^[\w-]*\s+(?:border|frontier)", IC)

# Outcome of an attack.
HIT = re.compile(
    r"\b(?:struck|hit|slammed\s+into|crashed\s+(?:into|inside|on)|impacted|landed\s+(?:inside|on|in)\s+the|"
    r"got\s+through|penetrated|came\s+down\s+on|exploded\s+(?:inside|on|at))\b(?!\s+back)",
    IC,
)
INTERCEPT = re.compile(
    r"\b(?:shot\s+(?:[\w-]+\s+){0,3}down|shoot(?:ing)?\s+(?:[\w-]+\s+){0,3}down|intercept(?:ed|ing)|"
    r"(?:brought|bringing)\s+(?:[\w-]+\s+){0,2}down|destroy(?:ed|ing)\s+(?:one|both|it|them|the\s+drones?)|downed)\b",
    IC,
)
NEGATED = re.compile(r"\b(?:no|not|never|without|failed\s+to|no\s+attempt\s+was\s+made\s+to)\s+(?:[\w-]+\s+){0,4}$", IC)

# Casualties among U.S./coalition personnel.
US_NOUN = (
    r"(?:(?:U\.S\.|US|American|coalition|Army|military|other|more|[\w-]+)\s+){0,3}?"
    r"(?:soldiers|troops|service\s*members|servicemen|personnel|Americans|reservists|sailors|marines|airmen|"
    r"service\s+member|soldier|(?:others|more)(?!\s+(?:U\.S\.|US|American|coalition|soldiers|troops|service|personnel)))\b"
)
FOREIGN_PEOPLE = re.compile(r"\b(?:Iraqi|Syrian|Kurdish|SDF|Jordanian|Iranian|civilians?|fighters?|militants?)\b", IC)
INJURED_WORD = r"(?:injured|wounded|hurt|wounds|injuries|injury|wounding)"
KILLED_WORD = r"(?:killed|killing|dead)"
COUNT_THEN_WORD = re.compile(
    rf"(?P<n>{QUALIFIER}{NUM})\s+(?P<noun>{US_NOUN})(?P<gap>(?:(?!\band\b|\bbut\b)[^.;,:]){{0,60}}?)\b"
    rf"(?P<word>{INJURED_WORD}|{KILLED_WORD})\b",
    IC,
)
WORD_THEN_COUNT = re.compile(
    rf"\b(?P<word>wound(?:ed|ing)|injur(?:ed|ing)|kill(?:ed|ing)|left)\s+(?P<n>{QUALIFIER}{NUM})\s+(?P<noun>{US_NOUN})",
    IC,
)
ZERO_BOTH = re.compile(
    r"\b(?:no(?!\s+(?:word|immediate|information|details|figures|casualty\s+figures|reports?\s+of))|without|"
    r"neither|did\s+not\s+cause|didn't\s+cause|caused\s+no|causing\s+no)\b[^.;]{0,30}?\b"
    r"(?:casualties|injuries|injured|further\s+incident)\b"
    r"|\bnone\s+of\s+(?:the|those|these)\b[^.;]{0,30}?\b(?:caused|resulted\s+in|led\s+to)\s+(?:any\s+)?\W?"
    r"(?:casualties|injuries)\b"
    r"|\b(?:no\s+one|nobody|none|no\s+(?:[\w-]+\s+){0,2}(?:troops|personnel|Americans|service\s+members|soldiers))\s+"
    r"(?:was|were)\s+(?:hurt|injured|wounded)\b",
    IC,
)
ZERO_KILLED = re.compile(
    r"\b(?:no\s+one|nobody)\s+(?:was\s+)?(?:killed|died)\b|\bno\s+(?:deaths|fatalities)\b|\bwithout\s+loss\s+of\s+life",
    IC,
)
PLURAL_SCOPE = re.compile(
    r"\b(?:none\s+of\s+(?:the|those|these)|the|these|those|both|all(?:\s+the)?)\s+(?:[\w-]+\s+)?"
    r"(?:attacks|attempts|incidents|locations|sites)\b|\bboth\b",
    IC,
)
SINGULAR_SCOPE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|base|incident)\b", IC)
CUMULATIVE = re.compile(r"\b(?:have|has)\b|\bsince\b|\bin\s+those\s+attacks\b|\bso\s+far\b|\bin\s+total\b", IC)

# Claims of responsibility.
CLAIM = re.compile(
    r"\bclaim(?:ed|s|ing)?\b(?!\s+(?:that|to))|\b(?:took|taken|take|assumed)\s+responsibility\b|"
    r"\bsaid\s+(?:[\w-]+\s+){0,4}?(?:that\s+)?it\s+(?:had\s+)?(?:carried\s+out|targeted|launched|sent|attacked|fired|"
    r"struck|hit)\b",
    IC,
)
NO_CLAIM = re.compile(
    r"\b(?:no\s+(?:group|one)|nobody|not\s+(?:immediately\s+)?claimed|did\s+not|had\s+not|has\s+not)\b[^.]{0,40}"
    r"(?:claim|responsibility)|\bsome\s+of\s+(?:these|the|those)\b",
    IC,
)
# "which has claimed most of the recent attacks": background, not a claim of this attack.
GENERIC_CLAIM = re.compile(
    r"\b(?:which\s+)?(?:has|have|had)\s+(?:also\s+)?claimed\s+(?:many|most|a\s+number|dozens|several|some|more\s+than|"
    r"the\s+majority|responsibility\s+for\s+(?:many|most|several|dozens))(?:(?!--)[^,;—]){0,80}",
    IC,
)
STRIKE_IRREALIS = re.compile(r"\b(?:would|could|might|threaten\w*|warned|vow\w*|plans?\s+to|ready\s+to)\b", IC)

# Strike casualties among the people struck.
STRIKE_KILLED = re.compile(
    rf"\bkill(?:ed|ing)\s+(?:all\s+)?(?P<n>{QUALIFIER}{NUM})\b|(?P<n2>{QUALIFIER}{NUM})\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:militants|fighters|members|people|men)\s+(?:were\s+|had\s+been\s+)?killed|deaths?\s+of\s+(?:all\s+)?"
    rf"(?P<n3>{NUM})\b",
    IC,
)
ACCORDING = re.compile(r"\baccording\s+to\b[^,.]*", IC)
