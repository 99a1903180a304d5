"""Reports in other languages, read by the English rules through a word-by-word gloss.

The `languages` part of cues.yaml has one section per language: the common words that tell it
apart (`detect`), the small words that attach to the next one in its script (`proclitics`, `article`:
Arabic "و", "ب", "ال"), and `gloss`: its generic words and phrases under the English cue words they
stand for (attack, targeted, base, US forces, shot down, claimed, weekdays, months ...). Names are
not there: the spellings of bases, groups, weapons and places in other languages are aliases in
data/reference, and stay as written.

An article is read as another language when that language's words clearly outnumber English ones.
Each of its sentences is then rewritten: every glossed word becomes its English cue word, numeric
dates ("24/1/2024") become written ones, and the English rules read the result. Word order stays the
language's own, so sections gloss the common noun phrases whole ("US forces", "the US base"). Drafts
quote the original sentences, never the gloss.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from generator.ingest.rules.text import Sentence
from generator.ingest.rules.words import LANGUAGES_KEY, CueFileError, cue_file, phrase_regex, words

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
DETECT_CHARS = 4000  # the start of a report is enough to tell its language
MIN_WORDS = 5  # fewer hits than this: too little text to call it another language
_TOKEN = re.compile(r"[^\W\d_]+")
# Marks that change no word for matching (Arabic short vowels, shadda and tatweel), dropped before glossing.
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_PUNCTUATION = str.maketrans({"،": ",", "؛": ";", "؟": "?", "«": " ", "»": " ", '"': " ", "„": " "})
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?![\d/.-])")
_YMD = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)[/.-](\d{1,2})[/.-](\d{1,2})(?![\d/.-])")
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    detect: frozenset[str]
    proclitics: tuple[str, ...]
    article: str
    word_starts: tuple[tuple[str, str], ...]  # spellings at the start of a word written out ("لل": "ل ال")
    gloss: tuple[tuple[str, str], ...]  # (phrase in the language's notation, English words), as written


@cache
def languages() -> tuple[Language, ...]:
    """The language sections of cues.yaml; a malformed section stops the program, like a malformed list."""
    sections = cue_file().get(LANGUAGES_KEY) or {}
    if not isinstance(sections, dict):
        raise CueFileError(f"cues.yaml: '{LANGUAGES_KEY}' must map language codes to sections")
    out = []
    for code, section in sections.items():
        where = f"cues.yaml: {LANGUAGES_KEY}.{code}"
        if not isinstance(section, dict) or not isinstance(section.get("gloss"), dict):
            raise CueFileError(f"{where} needs a 'gloss' mapping of English words to lists of words")
        pairs = []
        for english, items in section["gloss"].items():
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                raise CueFileError(f"{where}.gloss.{english} must be a list of words")
            pairs += [(item, str(english)) for item in items]
        detect = section.get("detect") or []
        proclitics = section.get("proclitics") or []
        starts = section.get("word_starts") or {}
        if not all(isinstance(w, str) for w in [*detect, *proclitics]) or not isinstance(starts, dict):
            raise CueFileError(f"{where}: 'detect' and 'proclitics' must be lists of words, 'word_starts' a mapping")
        out.append(
            Language(
                code=str(code),
                name=str(section.get("name") or code),
                detect=frozenset(w.lower() for w in detect),
                proclitics=tuple(proclitics),
                article=str(section.get("article") or ""),
                word_starts=tuple((str(k), str(v)) for k, v in starts.items()),
                gloss=tuple(pairs),
            )
        )
    return tuple(out)


def language_of(text: str) -> Language | None:
    """The language an article is written in, when it is not English: the one whose common words it uses most,
    if they clearly outnumber English ones."""
    if text.isascii() and " the " in text[:DETECT_CHARS]:
        return None  # the common case, decided without counting
    tokens = _TOKEN.findall(text[:DETECT_CHARS].lower())
    english = _english_words()
    known = _detect_index()
    counts = Counter(t for t in tokens if t in known)  # one pass: most tokens are in no list
    english_hits = sum(n for t, n in counts.items() if t in english)
    best, best_hits = None, 0
    for language in languages():
        hits = sum(n for t, n in counts.items() if t in language.detect)
        if hits > best_hits:
            best, best_hits = language, hits
    if best is None or best_hits < MIN_WORDS or best_hits <= 2 * english_hits:
        return None
    return best


@cache
def _detect_index() -> frozenset[str]:
    """Every word that counts towards a language, English included."""
    return _english_words().union(*(language.detect for language in languages()))


@cache
def _english_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("english_words"))


def gloss_sentences(units: list[Sentence], language: Language, names: tuple[str, ...] = ()) -> list[Sentence]:
    """The sentences rewritten into English cue words (same indexes and paragraphs); `names` are spellings of
    reference names, kept whole (without a proclitic attached to them: "بالشدادي")."""
    glosser = _glosser(language, names)
    return [Sentence(u.index, u.paragraph, glosser.rewrite(u.text)) for u in units]


@dataclass(frozen=True)
class _Glosser:
    pattern: re.Pattern[str]
    exact: dict[str, str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # entries with a wildcard, longest first
    article: str
    starts: re.Pattern[str] | None
    written_out: dict[str, str]
    before_digit: re.Pattern[str] | None  # a proclitic joined to a number ("و9", and 9): written apart

    def rewrite(self, text: str) -> str:
        text = _MARKS.sub("", unicodedata.normalize("NFC", text)).translate(_PUNCTUATION)
        if self.starts is not None:
            text = self.starts.sub(lambda m: self.written_out[m.group(0)], text)
        text = "".join(str(unicodedata.digit(c, c)) if c.isdigit() and not c.isascii() else c for c in text)
        if self.before_digit is not None:
            text = self.before_digit.sub(r"\g<0> ", text)
        text = _DMY.sub(lambda m: _written_date(m.group(1), m.group(2), m.group(3)) or m.group(0), text)
        text = _YMD.sub(lambda m: _written_date(m.group(3), m.group(2), m.group(1)) or m.group(0), text)
        text = self.pattern.sub(self._replace, text)
        return _SPACES.sub(" ", text).strip()

    def _replace(self, match: re.Match[str]) -> str:
        word = match.group("word")
        english = self.english(word)
        return f" {english} " if english is not None else f" {word} "

    def english(self, word: str) -> str | None:
        key = " ".join(word.lower().split())
        bare = key[len(self.article) :] if self.article and key.startswith(self.article) else None
        for candidate in (key, bare):
            if candidate is not None and candidate in self.exact:
                return self.exact[candidate]
        for pattern, english in self.patterns:  # the word as written too: "İHA".lower() is four characters
            if pattern.fullmatch(word) or pattern.fullmatch(key) or (bare is not None and pattern.fullmatch(bare)):
                return english
        return None  # a name: kept as written


def _written_date(day: str, month: str, year: str) -> str | None:
    d, m = int(day), int(month)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{d} {MONTH_NAMES[m - 1]} {year}"


@cache
def _glosser(language: Language, names: tuple[str, ...]) -> _Glosser:
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    alternatives: list[tuple[int, str]] = []  # (length, regex): one alternation, longest first
    for phrase, english in sorted(language.gloss, key=lambda p: len(p[0]), reverse=True):
        regex = phrase_regex(phrase)
        alternatives.append((len(phrase), regex))
        if not _has_wildcard(phrase):
            exact.setdefault(" ".join(phrase.lower().split()), english)
        else:
            patterns.append((re.compile(regex, re.IGNORECASE), english))
    alternatives += [(len(n), r"\s+".join(re.escape(w) for w in n.split())) for n in names]
    ordered = [regex for _, regex in sorted(alternatives, key=lambda a: a[0], reverse=True)]
    article = f"(?:{re.escape(language.article)})?" if language.article else ""
    proclitics = "|".join(re.escape(p) for p in sorted(language.proclitics, key=len, reverse=True))
    before = f"(?:{proclitics})?" if proclitics else ""
    pattern = re.compile(rf"(?<![\w-]){before}(?P<word>{article}(?:{'|'.join(ordered)}))(?![\w-])", re.IGNORECASE)
    starts = None
    if language.word_starts:
        spelled = "|".join(re.escape(k) for k, _ in sorted(language.word_starts, key=lambda p: len(p[0]), reverse=True))
        starts = re.compile(rf"(?<![\w-])(?:{spelled})(?=\w\w)")
    before_digit = re.compile(rf"(?<![\w-])(?:{proclitics})(?=\d)") if proclitics else None
    return _Glosser(
        pattern, exact, tuple(patterns), language.article.lower(), starts, dict(language.word_starts), before_digit
    )


def _has_wildcard(phrase: str) -> bool:
    return any(c in phrase for c in "*~(|?{")
