"""Names in text: matchers built from the reference data (generator.dataset.reference).

Teaching the extractor a new spelling is a one-line alias in data/reference/*.yaml; nothing here
names a base or a group. Aliases are compiled into one alternation per kind, longest first, so
"Islamic Resistance in Iraq" wins over "Islamic Resistance" and "al-Omar oil field" over "al-Omar".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.dataset.reference import KINDS, Reference, name_key
from generator.ingest.rules.text import Cue

_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    id: str
    text: str


@dataclass
class Matcher:
    """Finds the names of one kind of reference entry in text."""

    lookup: dict[str, str] = field(default_factory=dict)
    pattern: Cue | None = None
    exact_pattern: re.Pattern[str] | None = None  # short all-caps aliases (IRI, KH) match case-sensitively
    exact_lookup: dict[str, str] = field(default_factory=dict)
    memo: dict[str, list[Match]] = field(default_factory=dict, repr=False, compare=False)

    def find(self, text: str) -> list[Match]:
        """Matches in text order; the same clause is asked about several times, so answers are memoised."""
        if text in self.memo:
            return self.memo[text]
        if len(self.memo) > 4096:
            self.memo.clear()
        found = self._find(text)
        self.memo[text] = found
        return found

    def _find(self, text: str) -> list[Match]:
        found: list[Match] = []
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                spelled = text[m.start() : m.end()]
                # 'the "Tal Baydar" base': the matcher lets quotes stand around part of a name; the name has none
                key = name_key(m.group(0).replace('"', " "))
                entry = self.lookup.get(key)
                if entry is None:
                    entry = self.lookup.get(key.removesuffix("s"))
                if entry is not None:
                    found.append(Match(m.start(), m.end(), entry, spelled))
        if self.exact_pattern is not None:
            for m in self.exact_pattern.finditer(text):
                if not any(f.start <= m.start() < f.end for f in found):
                    found.append(Match(m.start(), m.end(), self.exact_lookup[m.group(0)], m.group(0)))
        return sorted(found, key=lambda f: f.start)


@dataclass
class Lexicon:
    """Name matchers for the four reference kinds, and the facts extraction asks of the reference data."""

    bases: Matcher
    actors: Matcher
    weapons: Matcher
    countries: Matcher
    base_country: dict[str, str]
    names: dict[str, dict[str, str]]
    weapon_order: list[str]
    state_forces: set[str] = field(default_factory=set)  # actors of kind state-force (IRGC, U.S. forces)
    # Every spelling of every name: a gloss of another language keeps them whole ("bandara Erbil", "الشدادي")
    spellings: tuple[str, ...] = ()
    # Which half of its country each base lies in ({"north", "east"}): "a base in southern Syria" is not Conoco
    base_sides: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_reference(cls, reference: Reference) -> Lexicon:
        return cls(
            bases=build_matcher(reference, "bases"),
            actors=build_matcher(reference, "actors"),
            weapons=build_matcher(reference, "weapons", after_hyphen=True),  # "multi-rocket"
            countries=build_matcher(reference, "countries"),
            base_country=reference.base_country,
            names={kind: reference.names(kind) for kind in KINDS},
            weapon_order=reference.weapon_order,
            state_forces=reference.state_forces,
            spellings=tuple(
                dict.fromkeys(
                    spelling
                    for kind in KINDS
                    for entry_id in reference.ids(kind)
                    for spelling in reference.spellings(kind, entry_id)
                )
            ),
            base_sides=_base_sides(reference),
        )

    def forget(self) -> None:
        """Drop memoised matches (per article, so results and timings never depend on earlier articles)."""
        for matcher in (self.bases, self.actors, self.weapons, self.countries):
            matcher.memo.clear()


def _base_sides(reference: Reference) -> dict[str, frozenset[str]]:
    """The sides of its country's middle (the country entry's lat/lon) each base with coordinates lies on."""
    countries = reference.entries.get("countries", {})
    sides: dict[str, frozenset[str]] = {}
    for base_id, base in reference.entries.get("bases", {}).items():
        middle = countries.get(str(base.get("country")), {})
        numbers = [base.get("lat"), base.get("lon"), middle.get("lat"), middle.get("lon")]
        if not all(isinstance(n, int | float) for n in numbers):
            continue
        lat, lon, mid_lat, mid_lon = (float(n) for n in numbers)  # type: ignore[arg-type]
        found = set()
        if abs(lat - mid_lat) > SIDE_MARGIN:
            found.add("north" if lat > mid_lat else "south")
        if abs(lon - mid_lon) > SIDE_MARGIN:
            found.add("east" if lon > mid_lon else "west")
        sides[base_id] = frozenset(found)
    return sides


# Degrees from the middle within which a base is on neither side: reports call al-Tanf "south-eastern Syria"
# though it lies a little west of the middle
SIDE_MARGIN = 0.5


def _alias_regex(alias: str) -> str:
    words = [w for w in _SEPARATORS.split(alias.strip()) if w]
    parts: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        lower = word.lower()
        if lower == "airbase" or (
            lower == "air" and index + 1 < len(words) and words[index + 1].lower() in {"base", "bases"}
        ):
            parts.append(r"air[\s\-]*bases?")
            index += 1 if lower == "airbase" else 2
            continue
        parts.append(re.escape(word).replace("'", "['’]?"))
        index += 1
    return r"[\"']?[\s\-]+[\"']?".join(parts)  # 'the "Tal Baidar" base': quotes around part of a name


def factored(branches: list[str]) -> str:
    """The alternation of the branches with the literal characters they begin with taken out in front ("a(?:l-asad|
    in al-asad)|..."). re tries every branch at every position; factored, it tries only those that begin with the
    character there, which makes name matching about twice as fast. Branches are kept in their order within each
    group, and branches in different groups cannot match at the same position, so the first branch that matches,
    and so the match, is the same as in the plain alternation. Branches that do not all begin with a literal are
    left as they are."""
    heads = [_literal_head(b) for b in branches]
    if len(branches) == 1 or any(h is None for h in heads):
        return "|".join(branches)
    groups: dict[str, list[str]] = {}
    for head, rest in heads:  # type: ignore[misc]
        groups.setdefault(head, []).append(rest)
    return "|".join(
        head + (rests[0] if len(rests) == 1 else f"(?:{factored(rests)})") for head, rests in groups.items()
    )


def _literal_head(branch: str) -> tuple[str, str] | None:
    """The branch's first character as written (one letter, or an escaped one) and the rest, when that character is
    matched literally and exactly once."""
    if branch[:1] == "\\" and len(branch) > 1 and not branch[1].isalnum():
        head, rest = branch[:2], branch[2:]
    elif branch[:1].isalnum() or branch[:1] == " ":
        head, rest = branch[:1], branch[1:]
    else:
        return None
    return None if rest[:1] in ("?", "*", "+", "{") else (head, rest)


def build_matcher(reference: Reference, kind: str, after_hyphen: bool = False) -> Matcher:
    """A matcher for every spelling of every entry of the kind: one alternation, longest first, so that
    "Islamic Resistance in Iraq" wins over "Islamic Resistance"; short all-caps spellings (IRI, KH)
    match case-sensitively."""
    matcher = Matcher(lookup=reference.lookup.get(kind, {}))
    loose: list[str] = []
    exact: list[str] = []
    for entry_id in reference.ids(kind):
        for spelling in reference.spellings(kind, entry_id):
            if len(spelling) <= 5 and spelling.isupper():
                matcher.exact_lookup.setdefault(spelling, entry_id)
                exact.append(spelling)
            else:
                loose.append(spelling)
    if loose:
        # lower-cased here (the Cue would fold them anyway) so that spellings differing in case share a branch
        branches = [_alias_regex(s.lower()) for s in sorted(set(loose), key=len, reverse=True)]
        before = r"(?<!\w)" if after_hyphen else r"(?<![\w\-])"
        matcher.pattern = Cue(rf"{before}(?:{factored(branches)})s?(?![\w])")
    if exact:
        alternation = "|".join(re.escape(s) for s in sorted(set(exact), key=len, reverse=True))
        matcher.exact_pattern = re.compile(rf"(?<![\w\-])(?:{alternation})(?![\w])")
    return matcher
