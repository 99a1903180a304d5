"""Read article files: a leading ` date YYYY-MM-DD` line, YAML front matter, or bare text.

Unreadable files (not UTF-8, empty, binary, huge) become problems and are skipped; one bad file
never stops a run. Without a stated date the publication date is inferred from the text and the
article is flagged `published_inferred`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.core.config import DEFAULT_CAMPAIGN_START
from generator.core.files import read_data_file
from generator.core.problems import Location, Problem, describe_type
from generator.core.urls import SAFE_URL_DESCRIPTION, is_safe_url
from generator.core.yamlio import parse_yaml
from generator.ingest.fetch import MAX_PAGE_BYTES, TIMEOUT_SECONDS, fetch_page
from generator.ingest.pages import PAGE_SUFFIXES, article_file_text, decode_page, page_id, page_text

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md", *PAGE_SUFFIXES)
Input = Path | str  # a file or folder, or an http(s) URL
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Wire services whose credit line names the outlet. Cue words, not reference data.
WIRES = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "reuters": "Reuters",
    "ap": "AP", "associated press": "AP", "dpa": "dpa", "anadolu": "Anadolu", "xinhua": "Xinhua",
}  # fmt: skip

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_EXPLICIT = re.compile(
    rf"\b(?:(?P<wd>{_WD}),?\s+(?:(?:morning|evening|night|afternoon),?\s+)?)?(?P<mon>{_MON})\.?\s+"
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|\b(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MON})\b(?:\s+(?P<year2>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"\b({_WD})\b", re.IGNORECASE)
_SPOKEN_WEEKDAY = re.compile(rf"\b(?:said|says|told \w+|announced|on)\s+(?:on\s+)?({_WD})\b", re.IGNORECASE)
_WIRE_NAMES = "|".join(re.escape(w) for w in sorted(WIRES, key=len, reverse=True))
_WIRE_IN_TEXT = re.compile(
    rf"\b(?:reports|reported by|told|cited by|quoted by|according to|to|with)\s+({_WIRE_NAMES})\b"
    rf"|\b({_WIRE_NAMES})\s+(?:quoting|reported|reports)\b",
    re.IGNORECASE,
)
_WIRE_LINE = re.compile(rf"^\W*(?:with\s+|source:\s+|\(?)({_WIRE_NAMES})\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    id: str
    path: Path
    text: str
    published: dt.date | None
    published_inferred: bool
    outlet: str
    url: str | None
    title: str | None
    origin: str = ""  # where the text came from, as drafts cite it: a file path, or the URL of a page
    first_line: int = 1  # line of `origin` the text starts on (after front matter); a page's text starts at 1

    def line_of(self, paragraph: int) -> int:
        """The line of `origin` that holds the text's line `paragraph` (0-based)."""
        return self.first_line + paragraph


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def load_articles(
    paths: Sequence[Input],
    campaign_start: dt.date = DEFAULT_CAMPAIGN_START,
    timeout: float = TIMEOUT_SECONDS,
    keep_text: Path | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Read every article named (files, folders, URLs), in a stable order: files as found, then URLs as given.

    URLs are fetched with `timeout`; with `keep_text`, the main text of each page is written there as an
    article file `<id>.txt` and the drafts cite that file's lines.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in article_files(paths, problems):
        if isinstance(item, str):
            article, found = read_url(item, campaign_start, timeout, keep_text)
        elif item.suffix.lower() in PAGE_SUFFIXES:
            article, found = read_page_file(item, campaign_start, keep_text)
        else:
            article, found = read_article(item, campaign_start)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def article_files(paths: Sequence[Input], problems: list[Problem]) -> list[Input]:
    """Article files named or found in the folders named, in a stable order, and the URLs named.

    Folders are walked without following links, and every entry with an article suffix is listed,
    links and special files too: the reader then says why it will not read them.
    """
    files: list[Input] = []
    for item in paths:
        if is_url(item):
            files.append(str(item))
            continue
        path = Path(item)
        if path.is_dir() and not path.is_symlink():
            files.extend(_walk(path))
        elif os.path.lexists(path):
            files.append(path)
        else:
            problems.append(Problem(Location(path.as_posix()), "article-missing", "no such file or folder"))
    return list(dict.fromkeys(files))


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        names = filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        found.extend(Path(dirpath) / name for name in names if name.endswith(ARTICLE_SUFFIXES))
    return sorted(found)


def read_article(path: Path, campaign_start: dt.date = DEFAULT_CAMPAIGN_START) -> tuple[Article | None, list[Problem]]:
    """One article through the one reader. A file that cannot be used is a warning, and the run goes on."""
    raw, problem = read_data_file(path, path.as_posix(), MAX_ARTICLE_BYTES)
    if raw is None:
        return None, [_article_problem(problem, path)] if problem else []
    text, problem = _decode(raw, path.as_posix())
    if problem is not None:
        return None, [problem]
    assert text is not None
    return _parse(path, text, campaign_start)


def read_page_file(
    path: Path, campaign_start: dt.date = DEFAULT_CAMPAIGN_START, keep_text: Path | None = None
) -> tuple[Article | None, list[Problem]]:
    """A web page saved as an HTML file: its main text and metadata, through the one reader."""
    raw, problem = read_data_file(path, path.as_posix(), MAX_ARTICLE_BYTES)
    if raw is None:
        return None, [_article_problem(problem, path)] if problem else []
    return _page_article(raw, path.as_posix(), page_id(path.name), None, campaign_start, keep_text)


def read_url(
    url: str,
    campaign_start: dt.date = DEFAULT_CAMPAIGN_START,
    timeout: float = TIMEOUT_SECONDS,
    keep_text: Path | None = None,
) -> tuple[Article | None, list[Problem]]:
    """A web page fetched once: one problem for this URL when it cannot be had, and the run goes on."""
    page, problem = fetch_page(url, timeout, MAX_PAGE_BYTES)
    if page is None:
        return None, [problem] if problem else []
    if page.content_type == "text/plain":
        text, problem = _decode(page.body, url)
        if text is None:
            return None, [problem] if problem else []
        article, problems = _article(Path(page_id(url)), text, {"url": url}, campaign_start, url, 1)
        return article, problems
    return _page_article(decode_page(page), url, page_id(url), page.final_url, campaign_start, keep_text)


def _page_article(
    html: bytes, display: str, identity: str, url: str | None, campaign_start: dt.date, keep_text: Path | None
) -> tuple[Article | None, list[Problem]]:
    found, problem = page_text(html, display, url)
    if found is None:
        return None, [problem] if problem else []
    text, meta = found
    path, origin, first_line = Path(identity), display, 1
    if keep_text is not None:
        kept = article_file_text(text, meta)
        path = keep_text / f"{identity}.txt"
        try:
            keep_text.mkdir(parents=True, exist_ok=True)
            path.write_text(kept, encoding="utf-8")
            origin, first_line = path.as_posix(), kept.count("\n") - text.count("\n") + 1
        except OSError as err:
            message = f"could not keep the page's text in {path.as_posix()}: {err.strerror or err}"
            return None, [Problem(Location(display), "article-unreadable", message)]
    return _article(path, text, meta, campaign_start, origin, first_line)


def _article_problem(problem: Problem, path: Path) -> Problem:
    """What the reader says about a file, as the warning that names the article (the run goes on)."""
    where = Location(path.as_posix(), problem.location.line)
    if problem.code == "file-too-large":
        message = problem.message.replace("a data file may be", "an article may be")
        return Problem(where, "article-too-large", f"skipped: {message}")
    return Problem(where, "article-unreadable", f"skipped: {problem.message}")


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, Problem(Location(display, line), "article-binary", "file contains NUL bytes; not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save the article as UTF-8"
        return None, Problem(Location(display, line), "article-not-utf8", message)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        return None, Problem(Location(display, 1), "article-binary", "file is mostly control bytes; not text")
    if not text.strip():
        return None, Problem(Location(display, 1), "article-empty", "file is empty")
    return text, None


def _parse(path: Path, text: str, campaign_start: dt.date) -> tuple[Article | None, list[Problem]]:
    problems: list[Problem] = []
    meta: dict[str, object] = {}
    first_line = 1
    front = _FRONT_MATTER.match(text)
    if front:
        parsed = parse_yaml(front.group(1).encode("utf-8"), path.as_posix())
        if isinstance(parsed.data, dict):
            meta = parsed.data
        else:
            # The front matter starts on the file's second line, after `---`.
            first = parsed.problems[0] if parsed.problems else None
            where = first.location.line + 1 if first else 1
            why = f": {first.message}" if first else f", it is {describe_type(parsed.data)}"
            message = f"front matter is ignored: it is not a mapping of fields{why}"
            problems.append(Problem(Location(path.as_posix(), where), "article-front-matter", message))
        first_line += text.count("\n", 0, front.end())
        text = text[front.end() :]
    article, found = _article(path, text, meta, campaign_start, path.as_posix(), first_line)
    return article, problems + found


def _article(
    path: Path, text: str, meta: dict[str, object], campaign_start: dt.date, origin: str, first_line: int
) -> tuple[Article | None, list[Problem]]:
    """The article from its text and metadata (front matter, or a page's): date, outlet, URL and title."""
    problems: list[Problem] = []
    published = _date_value(meta.get("date"))
    if meta.get("date") is not None and published is None:
        problems.append(Problem(Location(origin, 2), "article-bad-date", "front matter 'date' is not YYYY-MM-DD"))
    line = _DATE_LINE.match(text)
    if line:
        published = published or _date_value(line.group(1))
        text = text[line.end() :]
    inferred = False
    if published is None:
        published = infer_published(text, campaign_start)
        inferred = published is not None
    if published is None:
        message = "no date line or front matter, and no date could be inferred from the text; article skipped"
        problems.append(Problem(Location(origin, 1), "article-undated", message))
    outlet = " ".join(str(meta.get("outlet") or "").split())[:200] or detect_outlet(text)
    url = str(meta["url"]).strip() if meta.get("url") else None
    if url is not None and not is_safe_url(url):
        message = f"front matter 'url' is not {SAFE_URL_DESCRIPTION}; ignored"
        problems.append(Problem(Location(origin, 1), "article-bad-url", message))
        url = None
    title = " ".join(str(meta["title"]).split())[:500] or None if meta.get("title") else None
    article = Article(path.stem, path, text, published, inferred, outlet, url, title, origin, first_line)
    return article, problems


def _date_value(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()) if value is not None else None
    except ValueError:
        return None


def infer_published(text: str, campaign_start: dt.date = DEFAULT_CAMPAIGN_START) -> dt.date | None:
    """The day after the latest explicit date, moved to the weekday the report leads with.

    Reports say "on Monday" for the day they are filed, and name older events by date; so the
    publication is the first day after every explicit date that falls on the first weekday the
    text uses on its own (one said to be a statement day, "said on Tuesday", is preferred).
    """
    latest: dt.date | None = None
    attached: list[tuple[int, int]] = []
    for m in _EXPLICIT.finditer(text):
        month = MONTHS[(m.group("mon") or m.group("mon2")).lower()]
        day = int(m.group("day") or m.group("day2"))
        year_text = m.group("year") or m.group("year2")
        year = (
            int(year_text)
            if year_text
            else (campaign_start.year if month >= campaign_start.month else campaign_start.year + 1)
        )
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        attached.append((m.start(), m.end()))
        latest = found if latest is None or found > latest else latest
    if latest is None:
        return None
    weekday = _lead_weekday(text, attached)
    if weekday is None:
        return latest + dt.timedelta(days=1)
    ahead = (weekday - latest.weekday()) % 7 or 7
    return latest + dt.timedelta(days=ahead)


def _lead_weekday(text: str, attached: list[tuple[int, int]]) -> int | None:
    for paragraph in text.split("\n"):
        free = [m for m in _WEEKDAY.finditer(paragraph) if not _inside(text.find(paragraph) + m.start(), attached)]
        if not free:
            continue
        spoken = _SPOKEN_WEEKDAY.search(paragraph)
        said = [m for m in free if spoken and m.start() == spoken.start(1) and spoken.group(0)[:2].lower() != "on"]
        chosen = said[0] if said else free[0]
        return WEEKDAYS.index(chosen.group(1).lower())
    return None


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def detect_outlet(text: str) -> str:
    """The wire credit at the foot of the text, else a 'reports Reuters' style credit, else 'unknown'."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines[-8:]):
        m = _WIRE_LINE.match(line)
        if m:
            return WIRES[m.group(1).lower()]
    for m in _WIRE_IN_TEXT.finditer(text):
        name = (m.group(1) or m.group(2)).lower()
        if name in WIRES and not re.search(r"/\s*$", text[max(0, m.start() - 3) : m.start() + 1]):
            return WIRES[name]
    return "unknown"
