"""Fetch a web page for extraction: http(s) only, with a timeout, a size cap and an honest User-Agent.

A page that cannot be had (no answer in time, an HTTP error, a redirect to another scheme, a body
larger than the cap, a response that is not a web page) is one problem for that URL; the caller
goes on with the other inputs. Nothing here retries, caches or follows links.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from generator.core.problems import Location, Problem
from generator.core.urls import SAFE_URL_DESCRIPTION, is_safe_url

USER_AGENT = (
    "chronology-generator/0.1 (+https://github.com/chronology-project/chronology; "
    "draft records from news reports, one request per page named on the command line)"
)
TIMEOUT_SECONDS = 20.0
MAX_PAGE_BYTES = 2 * 1024 * 1024
PAGE_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    url: str  # the address asked for
    final_url: str  # where the answer came from, after redirects
    content_type: str  # text/html or text/plain
    body: bytes
    charset: str | None


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most five redirects, and only to http(s) addresses."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not is_safe_url(newurl):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) address: {newurl[:80]}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_page(
    url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES
) -> tuple[Page | None, Problem | None]:
    """The page at url, or the problem that stops it being used (code article-fetch-failed or article-not-html).

    `timeout` bounds the whole exchange, not only each read: a server that trickles bytes is cut off too.
    """
    where = Location(url)
    if not is_safe_url(url):
        return None, Problem(where, "article-fetch-failed", f"not fetched: the address is not {SAFE_URL_DESCRIPTION}")
    opener = urllib.request.build_opener(_SafeRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in PAGE_TYPES + TEXT_TYPES:
                message = f"not a web page: the server sent {content_type}, not text/html; skipped"
                return None, Problem(where, "article-not-html", message)
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                return None, _too_large(where, int(length), max_bytes)
            body = _read(response, deadline, max_bytes)
            if body is None:
                return None, _too_large(where, None, max_bytes)
            final = response.geturl() or url
            return Page(url, final, content_type, body, headers.get_content_charset()), None
    except TimeoutError:
        return None, _failed(where, f"no complete answer within {timeout:g} seconds")
    except urllib.error.HTTPError as err:
        return None, _failed(where, f"the server answered HTTP {err.code} {err.reason}")
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return None, _failed(where, f"no answer within {timeout:g} seconds")
        return None, _failed(where, f"could not connect: {reason}")
    except (OSError, ValueError) as err:  # a reset connection, a malformed answer
        return None, _failed(where, f"the exchange failed: {err}")


def _read(response: object, deadline: float, max_bytes: int) -> bytes | None:
    """The body, read in chunks until the deadline; None when it is larger than max_bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(_CHUNK)  # type: ignore[attr-defined]  # what has arrived: never waits for a full chunk
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)


def _failed(where: Location, why: str) -> Problem:
    return Problem(where, "article-fetch-failed", f"not fetched: {why}; the other inputs are processed")


def _too_large(where: Location, size: int | None, max_bytes: int) -> Problem:
    said = f" ({size} bytes)" if size is not None else ""
    message = f"not fetched: the page is larger than {max_bytes // 1024} KB{said}; nothing past that was read"
    return Problem(where, "article-fetch-failed", message)
