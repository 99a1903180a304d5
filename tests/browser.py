"""A real browser for tests: Debian's chromium driven by Playwright, against a site served on localhost."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# (page type, colour scheme) -> (serious or critical violations, all violations) that axe found; printed at the end.
AXE_COUNTS: dict[tuple[str, str], tuple[int, int]] = {}


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (.ci/run installs it with apt-get)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix` (the path of its public address), and its 404 page for what is missing,
    as GitHub Pages does."""

    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            return self._not_found()
        self.path = "/" + self.path[len(self.prefix) :] if path.startswith(self.prefix) else "/"
        local = Path(self.translate_path(self.path))
        if (local.is_dir() and not (local / "index.html").is_file()) or not local.exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self) -> Any:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def site_prefix(repo: Path) -> str:
    """The path of the site's public address (mkdocs.yml site_url), where its 404 page expects it."""
    from generator.publish.mkdocs import site_url

    return urlsplit(site_url(repo)).path or "/"


@contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve a folder on a free localhost port under `prefix`; yields the site's base URL."""
    handler_class = type("Handler", (_QuietHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page that records console errors, dialogs and every request's host."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def foreign_requests(self) -> list[str]:
        web = [urlsplit(u) for u in self.requests if urlsplit(u).scheme in {"http", "https"}]
        return [u.geturl() for u in web if u.hostname not in LOCAL_HOSTS]
