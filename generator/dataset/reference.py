"""Reference data as one lookup: bases, actors, weapons and countries by id, name and alias.

Built once from the loaded dataset (data/reference/*.yaml, read by the one reader) and used by
every stage that needs a name or an id: validation (which ids exist), extraction (the spellings to
look for in text), the pages (names, countries, coordinates) and `generator new` (what a
contributor typed). One normaliser decides when two spellings are the same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

KINDS = ("bases", "actors", "weapons", "countries")
# Ids that are never read as words in text (the catch-all weapon).
UNMATCHED_IDS = frozenset({"unknown"})
_SEPARATORS = re.compile(r"[\s_\-]+")


def name_key(text: str) -> str:
    """The form in which two spellings of a name compare equal.

    Case, hyphens, underscores, runs of spaces and curly apostrophes are folded, and "airbase" is
    "air base": 'Ain al-Asad', 'ain_al_asad' and 'AIN AL ASAD' are one name.
    """
    key = _SEPARATORS.sub(" ", text.lower().replace("’", "'")).strip()
    return key.replace("airbase", "air base")


@dataclass(frozen=True)
class Reference:
    """Entries by kind and id (the first entry with an id wins), and names that lead to ids."""

    entries: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    lookup: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_lists(cls, lists: dict[str, Any]) -> Reference:
        """From each kind's list of entries as parsed; anything that is not an entry with an id is skipped."""
        entries: dict[str, dict[str, dict[str, Any]]] = {}
        lookup: dict[str, dict[str, str]] = {}
        for kind in KINDS:
            if not isinstance(lists.get(kind), list):
                continue
            by_id: dict[str, dict[str, Any]] = {}
            for entry in lists[kind]:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] not in by_id:
                    by_id[entry["id"]] = entry
            entries[kind] = by_id
            lookup[kind] = _lookup(by_id)
        return cls(entries, lookup)

    def has(self, kind: str) -> bool:
        """Whether the kind's reference file was loaded as a list (else its ids cannot be checked)."""
        return kind in self.entries

    def ids(self, kind: str) -> list[str]:
        return list(self.entries.get(kind, {}))

    def entry(self, kind: str, entry_id: str | None) -> dict[str, Any]:
        return self.entries.get(kind, {}).get(entry_id or "", {})

    def name(self, kind: str, entry_id: str) -> str:
        """The entry's name, or its id when it has none."""
        return str(self.entry(kind, entry_id).get("name") or entry_id)

    def names(self, kind: str) -> dict[str, str]:
        return {entry_id: self.name(kind, entry_id) for entry_id in self.entries.get(kind, {})}

    def resolve(self, kind: str, text: str) -> str | None:
        """The id that text names: an id, a name or an alias, in any spelling name_key folds."""
        return self.lookup.get(kind, {}).get(name_key(text))

    @property
    def base_country(self) -> dict[str, str]:
        bases = self.entries.get("bases", {})
        return {i: str(e["country"]) for i, e in bases.items() if isinstance(e.get("country"), str)}

    @property
    def weapon_order(self) -> list[str]:
        """Weapon ids in the order of weapons.yaml: how lists of weapons are sorted everywhere."""
        return self.ids("weapons")

    @property
    def state_forces(self) -> set[str]:
        return {i for i, e in self.entries.get("actors", {}).items() if e.get("kind") == "state-force"}

    def spellings(self, kind: str, entry_id: str) -> list[str]:
        return spellings_of(entry_id, self.entry(kind, entry_id))


def spellings_of(entry_id: str, entry: dict[str, Any]) -> list[str]:
    """Every way text may name an entry: its name, the name without its parenthesis, the parenthesis,
    its aliases, and its id read as words."""
    out: list[str] = []
    name = str(entry.get("name") or "")
    if name:
        out.append(name)
        out.append(re.sub(r"\s*\(.*?\)\s*", " ", name).strip())
        out.extend(p.strip() for p in re.findall(r"\(([^)]*)\)", name))
    aliases = entry.get("aliases")
    if isinstance(aliases, list):
        out.extend(str(a) for a in aliases if a)
    if entry_id not in UNMATCHED_IDS and len(entry_id) > 2 and entry_id.lower() == entry_id:
        out.append(entry_id.replace("-", " "))
    return [s for s in dict.fromkeys(out) if s]


def _lookup(by_id: dict[str, dict[str, Any]]) -> dict[str, str]:
    """name_key -> id for every spelling. Where entries share a spelling the first keeps it; an id always
    wins over another entry's alias."""
    names: dict[str, str] = {}
    for entry_id, entry in by_id.items():
        for spelling in spellings_of(entry_id, entry):
            names.setdefault(name_key(spelling), entry_id)
    for entry_id in by_id:
        names[name_key(entry_id)] = entry_id
    return names
