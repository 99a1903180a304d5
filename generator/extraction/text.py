"""Text plumbing: clean-up, sentences, clauses and number words."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Curly quotes become straight ones, one character for one, so offsets stay valid.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
# "BAGHDAD, Iraq — " at the head of a report: where it was filed, not where anything happened.
_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.' -]{0,30}?)?\s+[-–—]\s+", re.MULTILINE)
_ABBREVIATIONS = {
    "u.s", "u.n", "u.k", "brig", "gen", "maj", "lt", "col", "sgt", "spc", "capt", "adm", "cpl", "pvt", "mr",
    "mrs", "ms", "dr", "st", "no", "gov", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "a.m", "p.m", "vs", "approx", "inc", "co", "jr",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=[a-z]{2})\.(?=[A-Z][a-z])|;\s+(?=[A-Z])")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a single": 1,
    "single": 1, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:"
    + _UNITS
    + r"))?|a dozen|dozen|a single|one hundred|a hundred|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|ten|" + _UNITS + ")"
)
QUALIFIER = r"(?:(?:at least|about|around|some|nearly|roughly|approximately|more than|over|almost|a total of|all)\s+)?"


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    text: str


def clean(text: str) -> str:
    text = _TEMPLATE.sub(" ", text.translate(_QUOTES)).replace("\r\n", "\n").replace("\r", "\n")
    return _DATELINE.sub("", text)


def sentences(text: str) -> list[Sentence]:
    """Split into sentences; every line is its own unit too, since titles, captions and bullets lack full stops."""
    out: list[Sentence] = []
    for paragraph, line in enumerate(text.split("\n")):
        line = re.sub(r"\s+", " ", line).strip().lstrip("-•* ").strip()
        if not line:
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            if _is_abbreviation(line, m.start()):
                continue
            piece = line[start : m.start() + (1 if line[m.start()] in ".!?" else 0)].strip()
            if piece:
                out.append(Sentence(len(out), paragraph, piece))
            start = m.end()
        piece = line[start:].strip()
        if piece:
            out.append(Sentence(len(out), paragraph, piece))
    return out


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", line[:dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


# Clause boundaries. Temporal ones ("hours after") separate two events with different dates; the
# others only separate what is said about one event, so a date found elsewhere in the sentence still applies.
_TEMPORAL = re.compile(
    r"\s*(?:,\s*)?\b(?:(?:came|come|comes|followed|follows|following)\s+(?:(?:hours|days|weeks|minutes|shortly|"
    r"just|soon)\s+)?after|(?:hours|days|weeks)\s+after|(?:one|a) day before|followed|in retaliation for|in response"
    r" to|were (?:Washington's|the) (?:answer|response) to|after(?=\s+(?:an?|the|two|three)\s+(?:\w+\s+){0,3}?"
    r"(?:attack|strike|raid)))\b"
)
_SAME_MOMENT = re.compile(r"\s*(?:,\s*)?\bminutes after\b")
_PLAIN = re.compile(
    r"\s*(?:,|;|\s--|\s—|\s–)\s*(?=(?:which|who|where|when|while|as|saying|but|and then|including|although|though"
    r"|whereas|and|vowing|adding|warning|calling|citing|urging|retaliating)\b)|,\s+and then\b|\s--\s|\s—\s"
)


@dataclass(frozen=True)
class Clause:
    text: str
    start: int
    temporal: bool  # separated from the clause before by "after"/"before": its own date only
    same_moment: bool  # "minutes after": shares the other clause's date


def clauses(sentence: str) -> list[Clause]:
    cuts: list[tuple[int, int, str]] = []
    for kind, pattern in (("temporal", _TEMPORAL), ("moment", _SAME_MOMENT), ("plain", _PLAIN)):
        for m in pattern.finditer(sentence):
            if m.end() - m.start() == 0:
                continue
            if kind == "temporal" and re.match(r"\s*(?:midnight|dawn|noon|sunset|sunrise|\d)", sentence[m.end() :]):
                continue
            cuts.append((m.start(), m.end(), kind))
    cuts.sort()
    out: list[Clause] = []
    start, kind = 0, "plain"
    last_end = 0
    for cut_start, cut_end, cut_kind in cuts:
        if cut_start < last_end:
            continue
        piece = sentence[start:cut_start]
        if piece.strip():
            out.append(Clause(piece, start, kind == "temporal", kind == "moment"))
        start, kind, last_end = cut_end, cut_kind, cut_end
    piece = sentence[start:]
    if piece.strip():
        out.append(Clause(piece, start, kind == "temporal", kind == "moment"))
    return out or [Clause(sentence, 0, False, False)]


def parse_number(text: str) -> int | None:
    text = text.lower().strip()
    text = re.sub(QUALIFIER, "", text, count=1).strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    if "-" in text:
        tens, _, unit = text.partition("-")
        if tens in _NUMBER_WORDS and unit in _NUMBER_WORDS:
            return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
    return None


def word_count(text: str) -> int:
    return len(text.split())


MAX_QUOTE_CHARS = 400  # the record schema's limit


def quote_of(sentence: str, focus: int = 0, limit: int = 30) -> str:
    """At most `limit` words (and 400 characters) of the sentence, around the offset `focus` when it is long."""
    words = list(re.finditer(r"\S+", sentence))
    at = next((i for i, w in enumerate(words) if w.end() > focus), 0)
    first = max(0, min(at - limit // 3, len(words) - limit))
    chosen = [w.group(0) for w in words[first : first + limit]]
    while len(chosen) > 1 and len(" ".join(chosen)) > MAX_QUOTE_CHARS:
        chosen.pop()
    return " ".join(chosen)[:MAX_QUOTE_CHARS]
