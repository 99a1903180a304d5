"""Script injection: records and reference data full of HTML, Markdown and template payloads, in real Chromium.

Every free-text field (summary, place, notes, outlet, quote, source title; names, aliases and regions
of bases, actors, weapons and countries) holds payloads. The site is built end to end and the pages
that show them are opened in headless Chromium: no dialog opens, no payload script runs (each sets
window.__pwned or calls alert), no element carries an on* attribute, no link is javascript:, and the
payload text is shown literally.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Watched, browser, serve
from conftest import copy_site_tree, run_generator
from records_factory import event

from generator.core.yamlio import dump_yaml
from generator.dataset.write import render_record

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Each payload either sets window.__pwned, calls alert (a dialog), or tries to add markup or attributes.
PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\">",
    "[click me](javascript:window.__pwned='mdlink')",
    '<div markdown="1">**raw block** <a href="javascript:alert(\'block\')">x</a></div>',
    "{: onclick=\"window.__pwned='attrlist'\" }",
    "{{ 7*7 }} {{ config.site_name }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "\"><script>alert('breakout')</script>",
    "' onmouseover='window.__pwned=1' x='",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<details open ontoggle=\"window.__pwned='toggle'\">",
    "<input autofocus onfocus=\"window.__pwned='focus'\">",
    "<body onload=\"alert('body')\">",
    "<style>*{display:none}</style>",
    "<!-- comment --> *emph* `code` __bold__",
    "&lt;script&gt;alert('entity')&lt;/script&gt;",
    "<a href=\"data:text/html,<script>alert('data')</script>\">d</a>",
]
LONG_WORD = "W" * 2000  # the longest word any field accepts (notes: 2,000 characters); longer is refused


def payload(*indexes: int, limit: int = 1000) -> str:
    text = " ".join(PAYLOADS[i] for i in indexes)
    assert len(text) <= limit
    return text


ALL = list(range(len(PAYLOADS)))
FIRST, SECOND = ALL[: len(ALL) // 2], ALL[len(ALL) // 2 :]

BASE = {
    "id": "evil-base",
    "name": payload(0, 1, 2, limit=200),
    "aliases": [payload(3, limit=200), payload(5, limit=200), payload(11, limit=200)],
    "country": "ZZ",
    "region": payload(6, 7, 8, limit=200),
    "lat": 33.0,
    "lon": 40.0,
}
ACTOR = {
    "id": "evil-actor",
    "name": payload(9, 10, limit=200),
    "aliases": [payload(12, limit=200), payload(13, 14, limit=200)],
    "kind": payload(16, limit=100),
}
WEAPON = {"id": "evil-weapon", "name": payload(4, 0, limit=200), "aliases": [payload(17, limit=200)]}
COUNTRY = {"id": "ZZ", "name": payload(15, limit=200), "aliases": [payload(2, limit=200)]}

ATTACK = event(
    id="2024-01-10-evil-base-attack",
    date="2024-01-10",
    location={"base": "evil-base", "country": "ZZ", "place": payload(*FIRST[:6], limit=300)},
    weapons=["evil-weapon"],
    claimed_by=["evil-actor"],
    summary=payload(*ALL[:12], limit=1000),
    notes=payload(*ALL[12:]) + " " + LONG_WORD[: 2000 - len(payload(*ALL[12:])) - 1],
)
# Quotes are allowed only from articles the project keeps: these sources cite a seed article.
KEPT = "000_1072769faea538f9"
ATTACK["sources"] = [
    {
        "article": KEPT,
        "outlet": payload(0, 1, limit=200),
        "url": "https://example.org/evil",
        "published": "2024-01-10",
        "title": payload(*SECOND, limit=500) if len(payload(*SECOND)) <= 500 else payload(*SECOND[:6], limit=500),
        "quote": PAYLOADS[2],
    },
    {"article": KEPT, "outlet": payload(5, 6, limit=200), "url": None, "published": "2024-01-11", "quote": PAYLOADS[3]},
]
STRIKE = event(
    id="2024-01-11-zz-strike",
    type="strike",
    date="2024-01-11",
    location={"base": None, "country": "ZZ", "place": payload(*SECOND[:5], limit=300)},
    weapons=["evil-weapon"],
    claimed_by=[],
    targets=["evil-actor"],
    casualties={"us_killed": None, "us_injured": None, "killed": 1},
    summary=LONG_WORD[:1000],
)
STRIKE["sources"] = [copy.deepcopy(ATTACK["sources"][1])]
STRIKE["sources"][0]["published"] = "2024-01-11"

# Where each payload-bearing text must be shown, by page.
EXPECTED_TEXT = {
    f"events/{ATTACK['id']}/": [ATTACK["summary"], ATTACK["location"]["place"], ATTACK["sources"][0]["outlet"]],
    f"events/{STRIKE['id']}/": [STRIKE["location"]["place"], COUNTRY["name"], ACTOR["name"]],
    "bases/evil-base/": [BASE["region"], *BASE["aliases"]],
    "actors/evil-actor/": [*ACTOR["aliases"], ACTOR["kind"]],
    "": [BASE["name"]],
    "chronology/": [BASE["name"], WEAPON["name"]],
}
ON_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(el =>
  [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
    .map(a => el.tagName + ' ' + a.name + '=' + a.value))"""
SCRIPT_LINKS = """() => [...document.querySelectorAll('[href],[src],[action],[formaction]')].flatMap(el =>
  ['href', 'src', 'action', 'formaction'].map(n => el.getAttribute(n) || '')
    .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v)))"""


def placements() -> int:
    """How many (field, payload) pairs the data holds."""
    texts = [
        *(BASE["name"], BASE["region"], *BASE["aliases"]),
        *(ACTOR["name"], ACTOR["kind"], *ACTOR["aliases"]),
        *(WEAPON["name"], *WEAPON["aliases"], COUNTRY["name"], *COUNTRY["aliases"]),
        *(ATTACK["summary"], ATTACK["location"]["place"], ATTACK["notes"], STRIKE["location"]["place"]),
        *(v for s in ATTACK["sources"] for k, v in s.items() if k in {"outlet", "title", "quote"}),
    ]
    return sum(text.count(p) for text in texts for p in PAYLOADS)


def append_entry(path: Path, entry: dict[str, Any]) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + dump_yaml([entry]), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site_tree(tmp_path_factory.mktemp("injection"))
    reference = root / "data" / "reference"
    for name, entry in (("bases", BASE), ("actors", ACTOR), ("weapons", WEAPON), ("countries", COUNTRY)):
        append_entry(reference / f"{name}.yaml", entry)
    for record in (ATTACK, STRIKE):
        path = root / "data" / "events" / record["date"][:4] / f"{record['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_record("event", record), encoding="utf-8")
    completed = run_generator(root, "build", "--no-extract", "--site")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Iterator[tuple[str, Any]]:
    with serve(hostile_site) as url, browser() as chromium:
        yield url, chromium


def check_page(site: tuple[str, Any], path: str) -> Watched:
    url, chromium = site
    watched = Watched(chromium.new_page())
    response = watched.page.goto(url + path)
    assert response is not None and response.status == 200, path
    watched.page.wait_for_load_state("networkidle")
    if watched.page.locator(".vega-chart").count():
        watched.page.wait_for_selector(".vega-chart svg", timeout=15000)
    watched.page.mouse.move(200, 200)  # give onmouseover a chance
    assert_clean(watched, path)
    return watched


def assert_clean(watched: Watched, path: str) -> None:
    page = watched.page
    assert page.evaluate("() => window.__pwned") is None, f"{path}: a payload ran: {page.evaluate('window.__pwned')}"
    assert watched.dialogs == [], f"{path}: a payload opened a dialog: {watched.dialogs}"
    assert page.evaluate(ON_ATTRIBUTES) == [], f"{path}: elements with on* attributes"
    assert page.evaluate(SCRIPT_LINKS) == [], f"{path}: javascript:/data: links"
    assert page.locator("article iframe, article style, article img[src='x']").count() == 0, f"{path}: markup from data"
    assert _data_scripts(page) == [], f"{path}: a script element from data"
    assert watched.foreign_requests == [], f"{path}: {watched.foreign_requests}"


def _data_scripts(page: Any) -> list[str]:
    """Inline scripts in the content area whose text comes from a payload."""
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    return [s for s in scripts if "__pwned" in s or "alert(" in s]


def test_the_data_holds_every_payload_in_every_field() -> None:
    count = placements()
    print(
        f"\n{len(PAYLOADS)} payloads, {count} placements in free-text fields, plus a {len(LONG_WORD):,}-character word"
    )
    assert len(PAYLOADS) >= 15
    assert count >= 40


@pytest.mark.parametrize("path", sorted(EXPECTED_TEXT))
def test_payloads_are_shown_as_text_and_never_run(site: tuple[str, Any], path: str) -> None:
    watched = check_page(site, path)
    # Tables behind a <summary> (the home page's "Events by place") are hidden until opened: open them.
    watched.page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert_clean(watched, path)
    text = watched.page.inner_text("body")
    normalised = re.sub(r"\s+", " ", text)
    for expected in EXPECTED_TEXT[path]:
        assert re.sub(r"\s+", " ", expected) in normalised, f"{path}: not shown literally: {expected[:80]!r}"


def test_event_page_shows_notes_and_sources_literally(site: tuple[str, Any]) -> None:
    watched = check_page(site, f"events/{ATTACK['id']}/")
    text = re.sub(r"\s+", " ", watched.page.inner_text("body"))
    for expected in [ATTACK["notes"], ATTACK["sources"][0]["title"], ATTACK["sources"][1]["outlet"], PAYLOADS[3]]:
        assert re.sub(r"\s+", " ", expected) in text, expected[:80]
    hrefs = watched.page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert "https://example.org/evil" in hrefs


def test_search_results_do_not_run_payloads(site: tuple[str, Any]) -> None:
    watched = check_page(site, "")
    search = watched.page.locator("input.md-search__input")
    search.click()
    found = {}
    for query in ("onerror", "pwned", "script", "onclick"):
        search.fill("")
        search.press_sequentially(query, delay=20)  # Material searches on key events
        watched.page.wait_for_timeout(800)
        found[query] = watched.page.locator(".md-search-result__item").count()
        assert_clean(watched, f"search {query!r}")
    assert found["onerror"] > 0, f"the payloads should be searchable text: {found}"
