"""Web pages and URLs as extraction input, served from a local HTTP server (127.0.0.1 only).

Every page here is written for the project. The server also plays the failures a real fetch meets:
a broken page, a page too large, a server that never answers in time, one that trickles bytes, a
response that is not a web page, an HTTP error and a redirect to another scheme. Each is one
warning for its URL, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.cli import main
from generator.dataset.load import load_reference, reference_of
from generator.ingest.articles import load_articles
from generator.ingest.extract import extract_drafts
from generator.ingest.fetch import USER_AGENT, fetch_page
from generator.ingest.rules.names import Lexicon

START = dt.date(2023, 10, 17)
REPO = Path(__file__).resolve().parent.parent

FILLER = "".join(
    f"<p>Background paragraph {n} written for this test: the convoy office discussed fuel, spare tyres and the"
    f" weather on the desert road, and nothing in it is about any attack or any strike at all.</p>\n"
    for n in range(5)
)
REPORT = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Drone downed near test base | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="Drone downed near test base">
<meta property="article:published_time" content="2024-01-23T09:30:00Z">
<link rel="canonical" href="https://news.example.org/2024/01/23/drone-downed">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/video">Video</a></nav>
<article>
<h1>Drone downed near test base</h1>
<p class="byline">By A. Writer, staff reporter</p>
<figure><img src="old.jpg" alt=""><figcaption>Rockets hit Al-Tanf garrison in an earlier year.</figcaption></figure>
<p>A drone flew at Ain al-Asad air base in western Iraq on Monday and was shot down, a U.S. official said on
Tuesday. There were no injuries.</p>
<p>The Islamic Resistance in Iraq claimed the attack in a statement.</p>
{FILLER}
<p>Read more:</p>
<ul><li><a href="/a">Rockets fired at Al-Tanf garrison</a></li><li><a href="/b">Strikes in Syria</a></li></ul>
</article>
<footer>Example Wire, all rights reserved</footer>
</body></html>
"""
BROKEN = "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav><div><p></p>"
SEEN_AGENTS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, content_type: str, body: bytes, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/report.html":
            self._send(200, "text/html; charset=utf-8", REPORT.encode())
        elif path == "/truncated.html":  # the connection dropped mid-page: what arrived is still read
            self._send(200, "text/html", REPORT.encode()[: REPORT.index("Read more")])
        elif path == "/broken.html":
            self._send(200, "text/html", BROKEN.encode())
        elif path == "/huge.html":
            self._send(200, "text/html", b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>")
        elif path == "/huge-unannounced.html":  # no Content-Length: the cap is applied while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(48):
                self.wfile.write(b"y" * 65536)
        elif path == "/slow.html":
            time.sleep(1.5)
            self._send(200, "text/html", REPORT.encode())
        elif path == "/trickle.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not a page")
        elif path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, "text/html", b"<p>not here</p>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout tests) leaves a broken pipe: expected


@pytest.fixture(scope="module")
def reference() -> Lexicon:
    return Lexicon.from_reference(reference_of(load_reference(REPO / "data" / "reference")[0]))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_gives_its_main_text_and_metadata(server: str) -> None:
    articles, problems = load_articles([f"{server}/report.html"], START)
    assert problems == []
    article = articles[0]
    assert article.title == "Drone downed near test base"
    assert article.outlet == "Example Wire"
    assert article.published == dt.date(2024, 1, 23)
    assert article.url == "https://news.example.org/2024/01/23/drone-downed"
    assert article.origin == f"{server}/report.html"
    # the byline, the photo caption and the list of related links are not the article
    assert "Ain al-Asad" in article.text
    assert "A. Writer" not in article.text
    assert "Al-Tanf" not in article.text
    assert SEEN_AGENTS[-1] == USER_AGENT and "chronology" in USER_AGENT


@pytest.mark.parametrize("page", ["report.html", "truncated.html"])
def test_drafts_from_a_page(server: str, reference: Lexicon, page: str) -> None:
    article = load_articles([f"{server}/{page}"], START)[0][0]
    drafts = extract_drafts(article, reference, START)
    assert [(d["date"], d["location"]["base"], d["intercepted"]) for d in drafts] == [
        ("2024-01-22", "ain-al-asad", True)
    ]
    assert drafts[0]["claimed_by"] == ["islamic-resistance-in-iraq"]
    assert drafts[0]["sources"][0]["url"] == "https://news.example.org/2024/01/23/drone-downed"


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/broken.html", "article-no-text", "no article text"),
        ("/huge.html", "article-fetch-failed", "larger than 2048 KB"),
        ("/huge-unannounced.html", "article-fetch-failed", "larger than 2048 KB"),
        ("/slow.html", "article-fetch-failed", "within 0.5 seconds"),
        ("/trickle.html", "article-fetch-failed", "within 0.5 seconds"),
        ("/report.pdf", "article-not-html", "application/pdf"),
        ("/missing.html", "article-fetch-failed", "HTTP 404"),
        ("/elsewhere", "article-fetch-failed", "HTTP 302"),
    ],
)
def test_a_failed_fetch_is_one_warning_and_the_run_goes_on(server: str, path: str, code: str, words: str) -> None:
    began = time.monotonic()
    articles, problems = load_articles([f"{server}{path}", f"{server}/report.html"], START, timeout=0.5)
    assert time.monotonic() - began < 5
    assert [a.title for a in articles] == ["Drone downed near test base"]
    assert [(p.code, p.location.path, p.severity) for p in problems] == [(code, f"{server}{path}", "warning")]
    assert words in problems[0].message


def test_only_http_addresses_are_fetched() -> None:
    page, problem = fetch_page("file:///etc/passwd")
    assert page is None and problem is not None and problem.code == "article-fetch-failed"


def test_an_html_file_is_read_like_a_page(tmp_path: Path, reference: Lexicon) -> None:
    (tmp_path / "saved page.html").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.htm").write_text(BROKEN, encoding="utf-8")
    articles, problems = load_articles([tmp_path], START)
    assert [(p.code, Path(p.location.path).name) for p in problems] == [("article-no-text", "empty.htm")]
    assert [a.id for a in articles] == ["saved-page"]
    assert articles[0].origin == (tmp_path / "saved page.html").as_posix()
    assert extract_drafts(articles[0], reference, START)[0]["location"]["base"] == "ain-al-asad"


def test_extract_command_on_urls(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, kept = tmp_path / "data", tmp_path / "texts"
    urls = [f"{server}/report.html", f"{server}/report.pdf", f"{server}/slow.html"]
    assert main(["extract", *urls, "--out", str(out), "--timeout", "0.5", "--keep-text", str(kept)]) == 0
    printed = capsys.readouterr()
    assert "article-not-html" in printed.out + printed.err and "article-fetch-failed" in printed.out + printed.err
    assert "1 articles, 1 drafts" in printed.err
    record = next((out / "events").rglob("*.yaml")).read_text(encoding="utf-8")
    assert "url: https://news.example.org/2024/01/23/drone-downed" in record
    assert "quote:" not in record  # a page the project does not keep is cited by link, never quoted
    kept_file = next(kept.glob("*.txt"))
    lines = kept_file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "---" and "title: Drone downed near test base" in lines
    assert f"{kept_file.as_posix()}:" in record  # the draft cites the kept text's lines
