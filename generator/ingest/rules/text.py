"""Text plumbing: clean-up, sentences, clauses, number words, and fast case-insensitive cues."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from generator.ingest.rules.prefilter import derived_needles
from generator.ingest.rules.words import words

_last_folded = ("", "")  # the same clause is usually tested against several cues in a row


def fold(text: str) -> str:
    """Lower-cased text of the same length, so offsets found in it are offsets in the original.

    str.lower() lengthens a few characters ("İ" becomes two); those are left as they are.
    """
    global _last_folded
    if text is _last_folded[0]:
        return _last_folded[1]
    lower = text.lower()
    if not text.isascii() and len(lower) != len(text):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    _last_folded = (text, lower)
    return lower


def _fold_source(source: str) -> str:
    """A pattern's source in lower case, except escapes (\\S, \\W, \\B) and group names."""
    out: list[str] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            out.append(source[index : index + 2])
            index += 2
            continue
        if source.startswith(("(?P<", "(?P="), index):
            close = source.index(">" if source[index + 3] == "<" else ")", index)
            out.append(source[index : close + 1])
            index = close + 1
            continue
        out.append(char.lower())
        index += 1
    return "".join(out)


class Cue:
    """A case-insensitive pattern run case-sensitively on lower-cased text.

    CPython's re folds the case of every character it compares under IGNORECASE; matching a
    lower-cased copy instead is two to three times faster, and cue matching is most of the
    extractor's time. Offsets are those of the original text, but group() gives lower-case
    text: slice the original when the words themselves are kept.

    `needles` are lower-case words one of which every match contains: most clauses lack them, and
    testing for a substring is far cheaper than scanning with the pattern. They are read off the
    pattern (prefilter.py); pass them only where that finds none worth testing. tests/test_extract.py
    checks on the corpus that they never hide a match.
    """

    __slots__ = ("needles", "pattern")

    def __init__(self, source: str, flags: int = 0, needles: tuple[str, ...] = ()) -> None:
        folded, flags = _fold_source(source), flags & ~re.IGNORECASE
        self.pattern = re.compile(folded, flags)
        self.needles = needles or derived_needles(folded, flags)

    def _folded(self, text: str) -> str | None:
        """The lower-cased text, or None when no needle is in it (so nothing can match)."""
        lower = fold(text)
        if not self.needles:
            return lower
        for needle in self.needles:  # a plain loop: any() over a generator costs more than most tests
            if needle in lower:
                return lower
        return None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        lower = self._folded(text)
        return None if lower is None else self.pattern.search(lower, pos, endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        lower = self._folded(text)
        return None if lower is None else self.pattern.match(lower, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        lower = self._folded(text)
        return None if lower is None else self.pattern.fullmatch(lower)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        lower = self._folded(text)
        return iter(()) if lower is None else self.pattern.finditer(lower, pos, endpos)

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        """Replace matches in the original text (its case kept) by a plain string."""
        pieces: list[str] = []
        last = 0
        for number, m in enumerate(self.finditer(text), 1):
            pieces += [text[last : m.start()], replacement]
            last = m.end()
            if number == count:
                break
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)


# Curly quotes become straight ones, one character for one, so offsets stay valid.
_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "}
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
# "BAGHDAD, Iraq — ", "WASHINGTON, Nov 7 (Reuters) - " at the head of a report: where and when it was filed
# and by whom, not where anything happened.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.' -]{0,30}?)?(?:\s*\([\w .'&-]{1,40}\))?\s+[-–—]\s+",
    re.MULTILINE,
)
_ABBREVIATIONS = frozenset(w.lower() for w in words("abbreviations"))
# Every alternative starts at the punctuation mark, so re can skip ahead to those characters quickly:
# ". The", "...) The", "end.Next" and 'troops."These' (a missing space) and "; The". Arabic script has no
# capitals: any letter starts.
_BOUNDARY = re.compile(
    r"[.!?;](?:(?<=[.!?])[.!?]*[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\u0600-\u06ff])|(?<=[a-z]{2}\.)[\"']?(?=[A-Z][a-z])"
    r"|(?<=;)\s+(?=[A-Z]))"
)
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
QUALIFIER = r"(?:(?:" + "|".join(sorted(words("qualifiers"), key=len, reverse=True)) + r")\s+)?"


def _words_alternation(name: str) -> str:
    """A list of plain words and phrases as one group, longest first, spaces matching any run of spaces."""
    phrases = sorted(words(name), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) + ")"


# The heading of a list of links to other stories, alone on its line or before one link ("ALSO READ | ...").
_LINKS_HEADING = re.compile(rf"{_words_alternation('link_list_headings')}\b\s*(?:[:|»›>-]+\s*|$)", re.IGNORECASE)
# A headline in such a list: no full stop at its end, not long.
_HEADLINE = re.compile(r"(?:\S+\s+){0,19}\S*[^.!?\"')\]\s]")
# A photo caption on a copied page ("... on August 18. (Hedil Amir/Anadolu Agency via Getty Images)", "Getty Images"
# alone): about the picture, often an older event, not the report.
_CAPTION = re.compile(
    rf"[(\[][^()\[\]]*\b{_words_alternation('photo_credits')}\b[^()\[\]]*[)\]]\s*$"
    rf"|^{_words_alternation('caption_lines')}$|^(?:photo|file\s+photo)\s*[:|/]",
    re.IGNORECASE,
)

# A line of the page's own furniture ("Reporting by ...; Editing by ...", "Follow us on ...", "Tags: ..."), by its start
_BOILERPLATE = re.compile(rf"{_words_alternation('boilerplate_starts')}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    text: str


def clean(text: str) -> str:
    # str.translate with a mapping looks up every character in Python; replace() runs in C.
    for curly, straight in _QUOTES.items():
        if curly in text:
            text = text.replace(curly, straight)
    if "{{" in text:
        text = _TEMPLATE.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _DATELINE.sub("", text)


def sentences(text: str) -> list[Sentence]:
    """Split into sentences; every line is its own unit too, since titles, captions and bullets lack full stops.
    Page furniture copied with the text is left out: photo captions, lists of links to other stories ("Read
    more:", "Related", then their headlines), which tell of other events, and credit, subscription and tag lines."""
    out: list[Sentence] = []
    in_links = False
    for paragraph, line in enumerate(text.split("\n")):
        line = " ".join(line.split()).lstrip("-•*» ").strip()
        if not line:
            continue
        heading = _LINKS_HEADING.match(line)
        if heading:
            in_links = not line[heading.end() :].strip()  # "ALSO READ | Rockets hit ...": the link is the line
            continue
        if _CAPTION.search(line) or _BOILERPLATE.match(line) or (in_links and _HEADLINE.fullmatch(line)):
            continue
        in_links = False
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


_ABBREVIATION_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    start = dot
    while start > 0 and line[start - 1] in _ABBREVIATION_CHARS:
        start -= 1
    if start == dot:
        return False
    token = line[start:dot].lower().strip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


# Clause boundaries. Temporal ones ("hours after") separate two events with different dates; the
# others only separate what is said about one event, so a date found elsewhere in the sentence still applies.
_TEMPORAL = re.compile(
    r"\s*(?:,\s*)?\b(?:(?:came|come|comes|followed|follows|following)\s+(?:(?:hours|days|weeks|shortly|"
    r"just|soon|a\s+few|few|a|one|two|three|several|day)\s+){0,2}after|(?:hours|days|weeks)\s+after"
    r"|(?:days|weeks)\s+before|(?:one|a) day before|followed"
    r"|(?:in\s+)?retaliation for"
    r"|follows?(?=\s+(?:an?|the|\w+'s|\w+)\s)(?!\s+(?:suit|orders|up)\b)"  # "The strike follows a drone attack on ..."
    r"|in (?:direct )?response to"
    r"|(?:was|were|is|are) (?:the |an? )?(?:[\w.]+'s )?(?:answer|response|reply|retaliation) to"
    r"|(?:after|following)(?=\s+(?:an?|the|\d+|two|three|four|five|several|multiple)\s+(?:\w+\s+){0,3}?(?:attack|strike|raid)))\b"
)
# "minutes after ...", ", on the same night that Iranian missiles struck ...": another event at the same time.
_SAME_MOMENT = re.compile(
    # "came hours before another drone attack ...": later the same day ("hours after" may cross midnight)
    r"\s*(?:,\s*)?\b(?:minutes\s+after|(?:came\s+|comes\s+)?(?:minutes|hours)\s+before)\b"
    r"|,\s*(?:on|at|during)\s+the\s+same\s+(?:day|night|time)\s+(?:that|as|when)\b"
    # "vowed on Sunday to respond to a drone strike that ...": what is answered happened about then
    r"|\s+respond\s+to\b"
    # "Tuesday's attack came as U.S. officials visited troops at the al-Tanf garrison": what went on meanwhile
    r"|\s+(?:came|comes)\s+(?:as|amid|while)\b"
)
_PLAIN = re.compile(
    r"\s*(?:,|;|\s--|\s—|\s–)\s*(?=(?:which|who|where|when|while|as|saying|but|and then|including|although|though"
    r"|whereas|and|vowing|adding|warning|calling|citing|urging|retaliating)\b)|,\s+and then\b|\s--\s|\s—\s"
    # "On Monday, rockets targeted the Conoco base; on Tuesday, a drone attacked ...": each half has its own date
    r"|\s*;\s*(?=(?:on|late|early|earlier|later|overnight|then|the\s+next|a\s+day|hours|two\s+days)\b)"
    # "militants who had just targeted an air base": what the people named had done, told in its own clause
    r"|\s+(?=who\s+had\b)"
    # "a base was attacked with rockets while the Kharab al-Jir base was targeted by drones": two attacks, each
    # with its weapon, even without a comma
    r"|\s+(?=(?:while|whereas)\s+(?:the|an?)\s)"
    # "a drone was launched against Green Village and a multi-rocket attack was launched against MSS Euphrates"
    r"|\s+(?=and\s+(?:an?|another|the)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|drones?|rockets?|missiles?)\s+(?:was|were)\s)"
)


@dataclass(frozen=True)
class Clause:
    text: str
    start: int
    temporal: bool  # separated from the clause before by "after"/"before": its own date only
    same_moment: bool  # "minutes after": shares the other clause's date
    # "comes a day after a drone attack ...": days from the clause before's date to this one's (-1), when told
    shift: int | None = None


# Words one of which each boundary pattern needs: most sentences lack them, and `in` is far cheaper than a scan.
_TEMPORAL_WORDS = (
    "after",
    "before",
    "follow",
    "retaliation for",
    "response to",
    "answer to",
    "reply to",
    "retaliation to",
)
_MOMENT_WORDS = ("minutes ", "hours ", "the same ", "respond to", "came ", "comes ")
_PLAIN_MARKS = (",", ";", "--", "—", "–", " who had", " while ", " whereas ", " and ")
_RELATIVE_START = re.compile(r"(?:where|which|who|when|including)\b")
_CLOCK = re.compile(r"\s*(?:midnight|dawn|noon|sunset|sunrise|\d)")


def clauses(sentence: str) -> list[Clause]:
    patterns = []
    if any(word in sentence for word in _TEMPORAL_WORDS):
        patterns.append(("temporal", _TEMPORAL))
    if any(word in sentence for word in _MOMENT_WORDS):
        patterns.append(("moment", _SAME_MOMENT))
    if any(mark in sentence for mark in _PLAIN_MARKS):
        patterns.append(("plain", _PLAIN))
    if not patterns:
        return [Clause(sentence, 0, False, False)]
    cuts: list[tuple[int, int, str]] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(sentence):
            if m.end() - m.start() == 0:
                continue
            if kind == "temporal" and _CLOCK.match(sentence, m.end()):
                continue
            cuts.append((m.start(), m.end(), kind))
    cuts.sort()
    cuts = _end_leading_temporals(sentence, cuts)
    out: list[Clause] = []
    start, kind = 0, "plain"
    last_end = 0
    shift: int | None = None
    for cut_start, cut_end, cut_kind in cuts:
        if cut_start < last_end:
            continue
        if kind == "temporal" and cut_kind == "plain" and _RELATIVE_START.match(sentence, cut_end):
            # "followed an attack on an outpost in al-Omar, where five rockets hit on Sunday": one event
            continue
        piece = sentence[start:cut_start]
        if piece.strip():
            out.append(Clause(piece, start, kind == "temporal", kind == "moment", shift))
        start, kind, last_end = cut_end, cut_kind, cut_end
        shift = _days_between(sentence[max(0, cut_start - 20) : cut_end]) if cut_kind == "temporal" else None
    piece = sentence[start:]
    if piece.strip():
        out.append(Clause(piece, start, kind == "temporal", kind == "moment", shift))
    return out or [Clause(sentence, 0, False, False)]


_HOURS_AFTER = re.compile(r"\b(?:came|comes|come)\s+(?:just\s+)?(?:a\s+few\s+|several\s+)?hours\s+after\s*$", re.I)
_DAYS_APART = re.compile(r"\b(a|one|two|three|four|five|six|\d)\s+days?\s+(after|before)\s*$", re.IGNORECASE)


def _days_between(cut: str) -> int | None:
    """'comes a day after' -> -1: what the clause after it tells came a day before the clause it follows; 'came
    hours after' -> 0, the same day as far as the report tells."""
    if _HOURS_AFTER.search(cut):
        return 0
    m = _DAYS_APART.search(cut)
    if not m:
        return None
    days = 1 if m.group(1).lower() in {"a", "one"} else (parse_number(m.group(1)) or 1)
    return -days if m.group(2).lower() == "after" else days


def _end_leading_temporals(sentence: str, cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'In retaliation for the massacres in Gaza, the group attacked two bases': a temporal clause that opens the
    sentence (after at most a short adverbial such as "On Saturday", or after "and", "but" or "said that") ends at
    the comma before the main clause's subject, which keeps its own date."""
    added: list[tuple[int, int, str]] = []
    for index, (start, end, kind) in enumerate(cuts):
        before = sentence[cuts[index - 1][1] if index else 0 : start].strip(" ,").lower()
        words_before = before.split()
        if kind != "temporal" or not (len(words_before) <= 3 or words_before[-1] in _LEADS_IN):
            continue
        limit = cuts[index + 1][0] if index + 1 < len(cuts) else len(sentence)
        subject = _MAIN_SUBJECT.search(sentence, end, limit)
        if subject:
            added.append((subject.start(), subject.start() + 1, "plain"))
    return sorted(cuts + added) if added else cuts


_LEADS_IN = {"and", "but", "that"}  # the last word before a clause that opens the sentence's main part
# ", the Islamic Resistance ...", ", U.S. forces ...": a comma, then what opens a main clause.
_MAIN_SUBJECT = re.compile(r",(?=\s+(?:the|a|an|its|their|U\.S\.|US|American)\s)")

_QUALIFIER = re.compile(QUALIFIER)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def parse_number(text: str) -> int | None:
    text = text.lower().strip()
    text = _QUALIFIER.sub("", text, count=1).strip()
    if _DIGITS.fullmatch(text):
        return int(text.replace(",", ""))
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    if "-" in text:
        tens, _, unit = text.partition("-")
        if tens in _NUMBER_WORDS and unit in _NUMBER_WORDS:
            return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
    return None


MAX_QUOTE_CHARS = 400  # the record schema's limit
_WORD = re.compile(r"\S+")


def quote_of(sentence: str, focus: int = 0, limit: int = 30) -> str:
    """At most `limit` words (and 400 characters) of the sentence, around the offset `focus` when it is long."""
    words = list(_WORD.finditer(sentence))
    at = next((i for i, w in enumerate(words) if w.end() > focus), 0)
    first = max(0, min(at - limit // 3, len(words) - limit))
    chosen = [w.group(0) for w in words[first : first + limit]]
    while len(chosen) > 1 and len(" ".join(chosen)) > MAX_QUOTE_CHARS:
        chosen.pop()
    return " ".join(chosen)[:MAX_QUOTE_CHARS]
