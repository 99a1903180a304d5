"""The built site in real headless Chromium, served on localhost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from browser import Watched, browser, serve

from generator.dataset.load import load_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(built_site: Path) -> Iterator[tuple[str, Any]]:
    with serve(built_site / "site") as url, browser() as chromium:
        yield url, chromium


def open_page(site: tuple[str, Any], path: str) -> Watched:
    url, chromium = site
    watched = Watched(chromium.new_page())
    response = watched.page.goto(url + path)
    assert response is not None and response.status == 200, path
    return watched


def test_home_chart_draws_svg_without_errors_or_foreign_requests(site: tuple[str, Any]) -> None:
    watched = open_page(site, "")
    watched.page.wait_for_selector('.vega-chart[data-chart="home-weekly"] svg', timeout=15000)
    watched.page.wait_for_selector('.vega-chart[data-chart="home-map"] svg path', timeout=15000)
    assert watched.page.locator(".vega-chart svg").count() == 2
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


def test_search_finds_an_event_by_base_name(site: tuple[str, Any]) -> None:
    watched = open_page(site, "")
    search = watched.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Shaddadi", delay=30)  # Material searches on key events, not on a bare fill()
    result = watched.page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") or "" for a in watched.page.locator(".md-search-result__item a").all()]
    assert any("/events/" in h and "al-shaddadi" in h for h in hrefs), hrefs
    assert watched.console_errors == []
    assert watched.foreign_requests == []


INDEX_PAGES = ["chronology/", "tallies/", "bases/ain-al-asad/", "actors/islamic-resistance-in-iraq/"]


@pytest.mark.parametrize("path", INDEX_PAGES)
def test_index_pages_draw_and_stay_local(site: tuple[str, Any], path: str) -> None:
    watched = open_page(site, path)
    if watched.page.locator(".vega-chart").count():
        watched.page.wait_for_selector(".vega-chart svg", timeout=15000)
    watched.page.wait_for_load_state("networkidle")
    assert watched.console_errors == []
    assert watched.foreign_requests == []
