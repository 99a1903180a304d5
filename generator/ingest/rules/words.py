"""The cue phrases of cues.yaml, as regular-expression alternations to build matchers from.

cues.yaml holds every English cue word and phrase the extraction rules use, as named lists; the
rules (cues.py, text.py, tallies.py ...) put them into their patterns with `@name`. The notation of
a phrase is described at the top of cues.yaml. A list that is missing or holds something other than
phrases stops the program at import: a broken cue file must never silently weaken extraction.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from generator.core.files import read_yaml_file

CUE_FILE = Path(__file__).with_name("cues.yaml")
_PLACEHOLDER = re.compile(r"@([a-z_]+)")
_SPECIAL = set("()|?*[]{}\\+^$")
_WORD = r"[\w'.-]+"


class CueFileError(RuntimeError):
    """cues.yaml cannot be used."""


LANGUAGES_KEY = "languages"  # the sections that gloss other languages (read by languages.py)


@cache
def cue_file() -> dict[str, object]:
    """cues.yaml as parsed."""
    parsed = read_yaml_file(CUE_FILE, CUE_FILE.name)
    if parsed.problems or not isinstance(parsed.data, dict):
        raise CueFileError(f"{CUE_FILE}: " + "; ".join(p.render() for p in parsed.problems))
    return dict(parsed.data)


@cache
def phrases() -> dict[str, tuple[str, ...]]:
    """Every English list of cues.yaml: {name: phrases}."""
    out: dict[str, tuple[str, ...]] = {}
    for name, items in cue_file().items():
        if name == LANGUAGES_KEY:
            continue
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise CueFileError(f"{CUE_FILE}: '{name}' must be a list of phrases (quote yes, no, on, off)")
        out[str(name)] = tuple(items)
    return out


def words(name: str) -> tuple[str, ...]:
    """The phrases of one list, as written."""
    try:
        return phrases()[name]
    except KeyError:
        raise CueFileError(f"{CUE_FILE}: no list '{name}'") from None


def phrase_regex(phrase: str) -> str:
    """One phrase in the notation of cues.yaml, as a regular expression."""
    from generator.ingest.rules.text import NUM, QUALIFIER  # the number grammar lives with the number words

    pieces: list[str] = []
    glue = True  # whether a space is needed before the next token
    depth, look_depth = 0, -1  # parentheses open, and the depth a lookaround opened at (-1: none open)
    for token in _tokens(phrase):
        gap = re.fullmatch(r"~(\d*)", token)
        if gap:
            most = gap.group(1) or "1"
            if pieces and glue:  # "shot ~3 down": up to three words between, each after a space
                pieces.append(rf"(?:\s+{_WORD}){{0,{most}}}?")
            else:  # at the start, or after a lookaround that follows a space: each word before one
                pieces.append(rf"(?:{_WORD}\s+){{0,{most}}}?")
                glue = False
            continue
        token = token.replace("{NUM}", "\x00").replace("{QUALIFIER}", "\x01")
        regex = "".join(_char(token, i) for i in range(len(token)))
        regex = regex.replace(re.escape("\x00"), NUM).replace(re.escape("\x01"), QUALIFIER)
        pieces.append((r"\s+" if pieces and glue else "") + regex)
        glue = True
        for index, char in enumerate(token):
            if char == "(":
                if look_depth < 0 and token.startswith(("?!", "?="), index + 1):
                    look_depth = depth
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == look_depth:  # "caused (?!(no|little) )~2 damage": the space before it is taken
                    look_depth, glue = -1, False
    return "".join(pieces)


def _tokens(phrase: str) -> list[str]:
    """The phrase's tokens, a gap written against a closing parenthesis (") ~2" as ")~2") on its own."""
    out: list[str] = []
    for token in phrase.split():
        joined = re.fullmatch(r"(.*\))(~\d*)", token)
        out += [joined.group(1), joined.group(2)] if joined else [token]
    return out


def _char(token: str, index: int) -> str:
    char = token[index]
    if char == "*":
        return r"\w*"
    if char == "(" and token[index + 1 : index + 2] != "?":
        return "(?:"  # no capturing groups: patterns number their own
    return char if char in _SPECIAL else re.escape(char)


@cache
def alternation(name: str) -> str:
    """The list as one group, longest phrases first (so "shot down" is tried before "shot")."""
    return "(?:" + "|".join(phrase_regex(p) for p in sorted(words(name), key=len, reverse=True)) + ")"


def fill(template: str) -> str:
    """A pattern with each `@name` replaced by the alternation of that list."""
    return _PLACEHOLDER.sub(lambda m: alternation(m.group(1)), template)
