"""The built site in real headless Chromium, served on localhost under its public path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from browser import REPO, Watched, browser, serve, site_prefix

from generator.dataset.load import load_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHARTS_DRAWN = """() => [...document.querySelectorAll('.vega-chart')].every(e => e.dataset.drawn === 'yes'
    || e.classList.contains('chart-error'))"""


@pytest.fixture(scope="module")
def site(built_site: Path) -> Iterator[tuple[str, Any]]:
    with serve(built_site / "site", site_prefix(REPO)) as url, browser() as chromium:
        yield url, chromium


def open_page(site: tuple[str, Any], path: str, **context: Any) -> Watched:
    url, chromium = site
    page = chromium.new_context(**context).new_page() if context else chromium.new_page()
    watched = Watched(page)
    response = watched.page.goto(url + path)
    assert response is not None and response.status == 200, path
    return watched


def test_home_charts_and_map_draw_without_errors_or_foreign_requests(site: tuple[str, Any]) -> None:
    watched = open_page(site, "")
    for chart in ("home-weekly", "home-timeline"):
        watched.page.wait_for_selector(
            f'.vega-chart[data-chart="{chart}"] svg .mark-rect path, '
            f'.vega-chart[data-chart="{chart}"] svg .mark-symbol path',
            timeout=15000,
        )
    watched.page.wait_for_selector('.event-map[data-drawn="yes"] svg circle.event', timeout=15000)
    watched.page.wait_for_load_state("networkidle")
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_event_page_links_to_its_base_and_actor_pages(site: tuple[str, Any], built_site: Path) -> None:
    records = load_records(built_site / "data").events
    record = next(r for r in records if r.data["location"]["base"] and r.data["claimed_by"])
    watched = open_page(site, f"events/{record.data['id']}/")
    watched.page.wait_for_selector(".vega-chart svg", timeout=15000)
    targets = [f"bases/{record.data['location']['base']}/", f"actors/{record.data['claimed_by'][0]}/"]
    for target in targets:
        href = watched.page.locator(f'.event-record a[href$="{target}"]').first.get_attribute("href")
        assert href, target
        linked = open_page(site, urljoin(watched.page.url, href).removeprefix(site[0]))
        linked.page.wait_for_selector(".vega-chart svg", timeout=15000)
        assert linked.console_errors == []
        assert linked.foreign_requests == []
    watched.page.locator(f'.event-record a[href$="{targets[0]}"]').first.click()
    watched.page.wait_for_url(f"**/{targets[0]}")
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_tower_22_is_reachable_from_the_home_page_by_clicks(site: tuple[str, Any]) -> None:
    """The deadliest attack of the campaign: home page, its place table, the base, then the event."""
    watched = open_page(site, "")
    page = watched.page
    page.get_by_text("Events by place, as a table").click()
    page.get_by_role("link", name="Tower 22", exact=True).first.click()
    page.wait_for_url("**/bases/tower-22/")
    page.locator('a[href$="events/2024-01-28-tower-22-attack/"]').first.click()
    page.wait_for_url("**/events/2024-01-28-tower-22-attack/")
    record = page.locator(".event-record").inner_text()
    assert "Tower 22" in page.locator("h1").inner_text()
    assert re.search(r"\b3\b|three", record), record[:400]
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def search(watched: Watched, words: str) -> list[str]:
    box = watched.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words, delay=30)  # Material searches on key events, not on a bare fill()
    watched.page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    return [a.get_attribute("href") or "" for a in watched.page.locator(".md-search-result__item a").all()]


def search_terms(built_site: Path) -> dict[str, tuple[str, set[str]]]:
    """Words to search for, from the built data: a base's name, an outlet's name, and a word that only one
    summary has; with the events each should find."""
    events = [r.data for r in load_records(built_site / "data").events]
    by_outlet: dict[str, set[str]] = {}
    for e in events:
        for source in e["sources"]:
            by_outlet.setdefault(source["outlet"], set()).add(e["id"])
    outlet = max((o for o in by_outlet if o.isalpha() and o != "unknown"), key=lambda o: (len(by_outlet[o]), o))
    words: dict[str, set[str]] = {}
    for e in events:
        for word in re.findall(r"[A-Za-z]{7,}", e["summary"]):
            words.setdefault(word.lower(), set()).add(e["id"])
    rare = sorted(w for w, ids in words.items() if len(ids) == 1)
    assert rare, "no summary word is found in one summary only"
    base_events = {e["id"] for e in events if e["location"]["base"] == "al-shaddadi"}
    return {
        "base": ("Shaddadi", base_events),
        "outlet": (outlet, by_outlet[outlet]),
        "summary": (rare[len(rare) // 2], words[rare[len(rare) // 2]]),
    }


@pytest.mark.parametrize("kind", ["base", "outlet", "summary"])
def test_search_finds_events_by_place_outlet_and_summary(site: tuple[str, Any], built_site: Path, kind: str) -> None:
    words, expected = search_terms(built_site)[kind]
    watched = open_page(site, "")
    hrefs = search(watched, words)
    found = {h.split("/events/")[1].split("/")[0] for h in hrefs if "/events/" in h}
    assert found & expected, (words, hrefs)
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_filtering_the_chronology_by_base_keeps_only_its_events_and_the_address_keeps_the_filter(
    site: tuple[str, Any], built_site: Path
) -> None:
    events = [r.data for r in load_records(built_site / "data").events]
    base = "ain-al-asad"
    expected = sorted(e["id"] for e in events if e["location"]["base"] == base)
    assert 0 < len(expected) < len(events)
    watched = open_page(site, "chronology/")
    watched.page.wait_for_selector('#filter-results[data-ready="yes"]', timeout=15000)
    watched.page.select_option("#f-base", base)
    watched.page.wait_for_function(f"document.getElementById('filter-results').dataset.count === '{len(expected)}'")
    shown = watched.page.eval_on_selector_all(
        "#filter-results tbody a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in shown) == expected
    assert parse_qs(urlsplit(watched.page.url).query) == {"base": [base]}
    # The address alone brings the same view back, sorted as asked.
    again = open_page(site, f"chronology/?base={base}&sort=date&dir=asc")
    again.page.wait_for_selector('#filter-results[data-ready="yes"]', timeout=15000)
    assert again.page.input_value("#f-base") == base
    dates = again.page.eval_on_selector_all("#filter-results tbody td.date", "cells => cells.map(c => c.textContent)")
    assert dates == sorted(dates) and len(dates) == len(expected)
    assert watched.console_errors == [] and again.console_errors == []


def test_chronology_pages_and_sorts_in_the_table_it_keeps(site: tuple[str, Any], built_site: Path) -> None:
    total = len(load_records(built_site / "data").events)
    assert total > 100  # enough events for two pages and a remainder
    watched = open_page(site, "chronology/")
    page = watched.page
    page.wait_for_selector('#filter-results[data-ready="yes"]', timeout=15000)
    rows = "#filter-results tbody tr"
    assert page.locator(rows).count() == 50
    page.click("#filter-results button[data-more]")
    assert page.locator(rows).count() == 100
    page.click('#filter-results button[data-sort="where"]')
    assert page.locator(rows).count() == 100  # a new order keeps what the reader has opened
    sorts = page.eval_on_selector_all("#filter-results th", "h => h.map(x => x.getAttribute('aria-sort'))")
    assert sorts == [None, None, "ascending", None, None]
    assert parse_qs(urlsplit(page.url).query) == {"sort": ["where"], "dir": ["asc"]}
    # A filter change starts again from the first page; with fewer events than a page, there is no "more".
    page.select_option("#f-base", "ain-al-asad")
    page.wait_for_function(f"document.getElementById('filter-results').dataset.count !== '{total}'")
    assert page.locator("#filter-results .pager-more").is_hidden()
    page.select_option("#f-base", "")
    page.wait_for_function(f"document.getElementById('filter-results').dataset.count === '{total}'")
    assert page.locator(rows).count() == 50
    assert page.locator("#filter-results button[data-more]").inner_text() == "Show 50 more"
    assert watched.console_errors == []


def test_map_zooms_pans_and_opens_an_event(site: tuple[str, Any]) -> None:
    watched = open_page(site, "", viewport={"width": 1280, "height": 900})
    page = watched.page
    page.wait_for_selector('.event-map[data-drawn="yes"]', timeout=15000)
    labels = page.eval_on_selector_all(".event-map text.base:not([visibility])", "t => t.map(x => x.textContent)")
    assert "Ain al-Asad Air Base" in labels
    assert page.locator(".event-map circle.ring").count() >= 1  # unnamed sites, placed at their country
    land = page.locator(".event-map g.land")
    before = land.get_attribute("transform")
    page.locator('.map-controls button[aria-label="Zoom in"]').click()
    assert land.get_attribute("transform") != before
    box = page.locator(".event-map svg").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 40, steps=5)
    page.mouse.up()
    zoomed = land.get_attribute("transform") or ""
    assert "scale(1.6)" in zoomed and zoomed != before
    page.locator('.map-controls button[aria-label="Show the whole map"]').click()
    page.locator(".event-map a circle.event").first.click()
    page.wait_for_url(re.compile(r".*/events/[a-z0-9-]+/$"))
    assert watched.console_errors == []


def test_charts_keep_their_dates_west_of_utc(site: tuple[str, Any]) -> None:
    labels = {}
    for zone in ("UTC", "America/Los_Angeles"):
        watched = open_page(site, "", timezone_id=zone)
        watched.page.wait_for_selector('.vega-chart[data-chart="home-weekly"] svg .mark-rect path', timeout=15000)
        labels[zone] = watched.page.eval_on_selector_all(
            '.vega-chart[data-chart="home-weekly"] svg .role-axis-label text', "t => t.map(x => x.textContent)"
        )
        first = watched.page.locator('.vega-chart[data-chart="home-weekly"] svg .mark-rect path').first.bounding_box()
        labels[zone + " first bar"] = round(first["x"]) if first else None
    assert labels["UTC"] == labels["America/Los_Angeles"]
    assert labels["UTC first bar"] == labels["America/Los_Angeles first bar"]


def test_every_chart_on_the_site_draws_a_mark_and_none_fails(site: tuple[str, Any], built_site: Path) -> None:
    root = built_site / "site"
    pages = sorted(p.parent.relative_to(root).as_posix() for p in root.rglob("index.html"))
    checked = 0
    url, chromium = site
    page = chromium.new_page()
    for path in pages:
        path = "" if path == "." else path + "/"
        html = (root / path / "index.html").read_text(encoding="utf-8")
        assert "could not be drawn" not in html, path
        if "vega-chart" not in html:
            continue
        watched = Watched(page)
        page.goto(url + path)
        page.wait_for_function(CHARTS_DRAWN, timeout=20000)
        counts = page.eval_on_selector_all(
            ".vega-chart",
            "charts => charts.map(c => c.querySelectorAll("
            "'svg .mark-rect path, svg .mark-symbol path, svg .mark-line path').length)",
        )
        assert counts and all(n > 0 for n in counts), (path, counts)
        assert "could not be drawn" not in page.content(), path
        assert page.locator(".chart-error").count() == 0, path
        assert watched.console_errors == [], (path, watched.console_errors)
        checked += len(counts)
    assert checked >= 10
