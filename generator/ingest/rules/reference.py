"""Reference data as matchers: every base, actor, weapon and country name comes from data/reference.

Teaching the extractor a new spelling is a one-line alias in those files; nothing here names a
base or a group. Aliases are compiled into one alternation per kind, longest first, so
"Islamic Resistance in Iraq" wins over "Islamic Resistance" and "al-Omar oil field" over "al-Omar".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.problems import Location, Problem
from generator.core.yamlio import parse_yaml
from generator.ingest.rules.text import Cue

KINDS = ("bases", "actors", "weapons", "countries")
# Ids that are never matched as words in text (the catch-all weapon).
_UNMATCHED_IDS = {"unknown"}


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
                key = _key(m.group(0))
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
class Reference:
    """Matchers and facts (a base's country, names) for the four reference kinds."""

    bases: Matcher
    actors: Matcher
    weapons: Matcher
    countries: Matcher
    base_country: dict[str, str]
    names: dict[str, dict[str, str]]
    weapon_order: list[str]
    state_forces: set[str] = field(default_factory=set)  # actors of kind state-force (IRGC, U.S. forces)

    def forget(self) -> None:
        """Drop memoised matches (per article, so results and timings never depend on earlier articles)."""
        for matcher in (self.bases, self.actors, self.weapons, self.countries):
            matcher.memo.clear()


_SEPARATORS = re.compile(r"[\s\-]+")


def _key(text: str) -> str:
    """Normalised form used to look a matched spelling up: case, hyphens, spacing and 'airbase' folded."""
    key = _SEPARATORS.sub(" ", text.lower().replace("’", "'")).strip()
    return key.replace("airbase", "air base")


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
    return r"[\s\-]+".join(parts)


def _spellings(entry: dict[str, Any]) -> list[str]:
    """Name, aliases, the name without its parenthesis, the parenthesis, and the id read as words."""
    out: list[str] = []
    name = str(entry.get("name") or "")
    if name:
        out.append(name)
        bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        out.append(bare)
        out.extend(p.strip() for p in re.findall(r"\(([^)]*)\)", name))
    out.extend(str(a) for a in entry.get("aliases") or [] if a)
    entry_id = str(entry.get("id") or "")
    if entry_id and entry_id not in _UNMATCHED_IDS and len(entry_id) > 2 and entry_id.lower() == entry_id:
        out.append(entry_id.replace("-", " "))
    return [s for s in dict.fromkeys(out) if s]


def build_matcher(entries: list[dict[str, Any]], after_hyphen: bool = False) -> Matcher:
    matcher = Matcher()
    loose: list[str] = []
    exact: list[str] = []
    for entry in entries:
        entry_id = str(entry.get("id"))
        for spelling in _spellings(entry):
            if len(spelling) <= 5 and spelling.isupper():
                matcher.exact_lookup.setdefault(spelling, entry_id)
                exact.append(spelling)
            else:
                matcher.lookup.setdefault(_key(spelling), entry_id)
                loose.append(spelling)
    if loose:
        alternation = "|".join(_alias_regex(s) for s in sorted(set(loose), key=len, reverse=True))
        before = r"(?<!\w)" if after_hyphen else r"(?<![\w\-])"
        matcher.pattern = Cue(rf"{before}(?:{alternation})s?(?![\w])")
    if exact:
        alternation = "|".join(re.escape(s) for s in sorted(set(exact), key=len, reverse=True))
        matcher.exact_pattern = re.compile(rf"(?<![\w\-])(?:{alternation})(?![\w])")
    return matcher


def load_reference(reference_dir: Path) -> tuple[Reference, list[Problem]]:
    """Read data/reference/*.yaml; problems (missing or broken files) are returned, never raised."""
    problems: list[Problem] = []
    entries: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        path = Path(reference_dir) / f"{kind}.yaml"
        try:
            parsed = parse_yaml(path.read_bytes(), path.as_posix())
        except OSError as err:
            problems.append(Problem(Location(path.as_posix()), "missing-reference", f"cannot read: {err.strerror}"))
            entries[kind] = []
            continue
        problems.extend(parsed.problems)
        data = parsed.data if isinstance(parsed.data, list) else []
        entries[kind] = [e for e in data if isinstance(e, dict) and e.get("id")]
    reference = Reference(
        bases=build_matcher(entries["bases"]),
        actors=build_matcher(entries["actors"]),
        weapons=build_matcher(entries["weapons"], after_hyphen=True),  # "multi-rocket"
        countries=build_matcher(entries["countries"]),
        base_country={str(e["id"]): str(e.get("country") or "") for e in entries["bases"]},
        names={kind: {str(e["id"]): str(e.get("name") or e["id"]) for e in entries[kind]} for kind in KINDS},
        weapon_order=[str(e["id"]) for e in entries["weapons"]],
        state_forces={str(e["id"]) for e in entries["actors"] if e.get("kind") == "state-force"},
    )
    return reference, problems
