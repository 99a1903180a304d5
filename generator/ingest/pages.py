"""Articles from web pages: the main text, title, outlet, publication date and canonical URL of an HTML
page, as trafilatura finds them (its boilerplate removal drops menus, bylines, captions and lists of
related links; its dates come from htmldate). Nothing here scrapes a page by hand.

A page's lines are those of its main text: a draft from a page cites `<page>:N` for line N of that
text; with `keep_text`, the text is also written to `<folder>/<id>.txt` (with front matter) and the
drafts cite that file, so a reviewer can open the line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.core.problems import Location, Problem
from generator.core.urls import is_safe_url
from generator.core.yamlio import dump_yaml
from generator.ingest.fetch import Page

PAGE_SUFFIXES = (".html", ".htm")
MIN_WORDS = 15  # less is a menu, a cookie notice or an error page, not a report
_ID_CHARACTERS = re.compile(r"[^A-Za-z0-9_-]+")  # no dots: the id is also a file stem


def page_text(
    html: bytes, display: str, url: str | None
) -> tuple[tuple[str, dict[str, object]] | None, Problem | None]:
    """The page's main text and its metadata (title, outlet, date, url), or the problem that stops its use."""
    import trafilatura  # imported here: a third of a second, paid only by runs that read pages

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except (ValueError, TypeError, LookupError) as err:  # a page trafilatura cannot parse at all
        return None, Problem(Location(display), "article-no-text", f"skipped: the page could not be parsed ({err})")
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if len(text.split()) < MIN_WORDS:
        message = "skipped: no article text was found in the page (empty, broken or only navigation)"
        return None, Problem(Location(display), "article-no-text", message)
    meta: dict[str, object] = {}
    canonical = getattr(document, "url", None)
    meta["url"] = canonical if is_safe_url(canonical) else url
    meta["outlet"] = getattr(document, "sitename", None) or _host(url)
    meta["title"] = getattr(document, "title", None)
    meta["date"] = _iso_day(getattr(document, "date", None))
    return (text + "\n", {k: v for k, v in meta.items() if v}), None


def page_id(source: str) -> str:
    """An article id for a page: its file name, or the host and path of its URL."""
    if "://" in source:
        parts = urlsplit(source)
        raw = f"{parts.hostname or 'page'}-{parts.path.strip('/')}"
    else:
        raw = Path(source).stem
    cleaned = _ID_CHARACTERS.sub("-", raw).strip("-")[:120].strip("-")
    return cleaned or "page"


def decode_page(page: Page) -> bytes:
    """The body as trafilatura wants it: bytes (it detects the encoding itself, helped by the declared charset)."""
    if page.charset and page.charset.lower() not in {"utf-8", "utf8"}:
        try:
            return page.body.decode(page.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            return page.body
    return page.body


def article_file_text(text: str, meta: dict[str, object]) -> str:
    """An article file (YAML front matter, then the text), as kept with `keep_text`."""
    return "---\n" + dump_yaml(meta) + "---\n" + text


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _iso_day(value: object) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
