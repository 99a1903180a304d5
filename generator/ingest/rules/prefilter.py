"""Needles derived from a pattern: literal words one of which every match must contain.

Most clauses a cue is tried on cannot match it, and `needle in text` is far cheaper than running
the pattern. Rather than write the needles of each cue by hand (and forget them, or get them
wrong when its words change), they are read off the compiled pattern: a sequence needs its
strongest part, an alternation needs one of its branches' needles, a repeat needs its body's
only when it must occur at least once. Anything else (a class, a lookaround, an optional part)
promises nothing. The result is a set of literals the pattern cannot match without, or () when
no set is worth testing first (some literal too short, or too many of them).
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MIN_LENGTH = 3  # "in", "at": in almost every clause, testing for them first saves nothing
MAX_NEEDLES = 32  # past this many, testing each costs about as much as running the pattern

Needles = frozenset[str] | None  # None: this part promises no literal


def derived_needles(source: str, flags: int = 0) -> tuple[str, ...]:
    """The needles of a pattern as compiled (case-sensitively), shortest first; () when it promises none."""
    try:
        parsed = sre_parse.parse(source, flags)
    except Exception:  # a pattern re accepts always parses; never let the shortcut break a cue
        return ()
    found = _sequence(list(parsed))
    if not found:
        return ()
    # "injured" is in every text that has it and "injur": testing the shorter is enough
    kept = {n for n in found if not any(other != n and other in n for other in found)}
    return tuple(sorted(kept, key=lambda n: (len(n), n))) if len(kept) <= MAX_NEEDLES else ()


def _sequence(items: list[tuple[Any, Any]]) -> Needles:
    """The best needle set of a sequence: a run of literals, or the set one of its parts requires."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        part = _part(op, value)
        if part:
            candidates.append(part)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return _best(candidates)


def _part(op: Any, value: Any) -> Needles:
    """What one element of a parsed pattern (re's own parse tree) requires."""
    if op is sre.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is sre.BRANCH:
        branches = [_sequence(list(branch)) for branch in value[1]]
        found: frozenset[str] = frozenset()
        for branch in branches:
            if branch is None:
                return None  # a branch that promises nothing: the alternation promises nothing
            found |= branch
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, body = value
        return _sequence(list(body)) if low >= 1 else None
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(list(value))
    return None


def _best(candidates: list[frozenset[str]]) -> Needles:
    """The candidate whose shortest literal is longest (rarest), then the one with fewest literals."""
    usable = [c for c in candidates if c and min(map(len, c)) >= MIN_LENGTH]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))
