"""Accessibility and readability of the built site in real Chromium, in light and dark mode and on a phone.

- axe-core (the npm package, from node_modules, injected at test time) finds no serious or critical
  violation, colour contrast included, on each page type in light and dark mode;
- at 390 px no page scrolls sideways and no table cell breaks a word in two;
- in dark mode every chart's text has a contrast of at least 4.5 against the chart's own background.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import AXE_COUNTS, REPO, browser, serve, site_prefix

from generator.dataset.load import load_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
EVENT = "events/{event}/"  # an attack at a named base that a group claimed, chosen from the built data
PAGES = {
    "home": "",
    "chronology": "chronology/",
    "event": EVENT,
    "base": "bases/ain-al-asad/",
    "actor": "actors/islamic-resistance-in-iraq/",
    "tallies": "tallies/",
    "downloads": "downloads/",
    "404": "no-such-page/",
}
PHONE_PAGES = {**PAGES, "month": "chronology/{month}/", "methodology": "methodology/", "bases": "bases/"}
READY = """() => [...document.querySelectorAll('.vega-chart')].every(e => e.dataset.drawn === 'yes')
    && [...document.querySelectorAll('.event-map')].every(e => e.dataset.drawn === 'yes')
    && [...document.querySelectorAll('#filter-results')].every(e => e.dataset.ready === 'yes')"""


def _axe_matches_lock() -> bool:
    installed = REPO / "node_modules" / "axe-core" / "package.json"
    if not installed.is_file() or not AXE.is_file():
        return False
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/axe-core"]["version"]
    return bool(json.loads(installed.read_text(encoding="utf-8")).get("version") == wanted)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules, installed from package-lock.json first when it is missing."""
    lock_path = Path(tempfile.gettempdir()) / f"chronology-npm-ci-{os.getuid()}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _axe_matches_lock():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("node_modules/axe-core is missing and npm is not installed: install npm, run `npm ci`")
            result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=REPO, capture_output=True, text=True)
            assert result.returncode == 0, f"`npm ci` failed:\n{result.stdout}\n{result.stderr}"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(built_site: Path) -> Iterator[tuple[str, Any, dict[str, str]]]:
    records = sorted((r.data for r in load_records(built_site / "data").events), key=lambda d: d["id"])
    chosen = next((d for d in records if d["location"]["base"] and d["claimed_by"]), records[0])
    names = {"event": chosen["id"], "month": chosen["date"][:7]}
    with serve(built_site / "site", site_prefix(REPO)) as url, browser() as chromium:
        yield url, chromium, names


def load(site: tuple[str, Any, dict[str, str]], path: str, scheme: str, width: int = 1280) -> Any:
    url, chromium, names = site
    path = path.format(**names)
    page = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(READY, timeout=20000)
    scheme_attribute = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme_attribute == ("slate" if scheme == "dark" else "default"), scheme_attribute
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(
    site: tuple[str, Any, dict[str, str]], axe_source: str, name: str, scheme: str
) -> None:
    page = load(site, PAGES[name], scheme)
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    serious = [v for v in results if v["impact"] in ("serious", "critical")]
    AXE_COUNTS[(name, scheme)] = (len(serious), len(results))
    assert serious == [], json.dumps(serious, indent=1)


PHONE_CHECK = """() => {
  const broken = [];
  for (const cell of [...document.querySelectorAll('td, th')].slice(0, 400)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.sr-only')) continue;
      const text = node.textContent;
      const words = /\\S+/g;
      for (let m = words.exec(text); m; m = words.exec(text)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return {width: document.documentElement.scrollWidth, viewport: window.innerWidth, broken: broken.slice(0, 10)};
}"""


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_phone_width_no_sideways_scroll_and_no_word_broken_in_a_cell(
    site: tuple[str, Any, dict[str, str]], name: str
) -> None:
    page = load(site, PHONE_PAGES[name], "light", width=390)
    found = page.evaluate(PHONE_CHECK)
    assert found["width"] <= found["viewport"], f"{name} scrolls sideways: {found['width']} px wide at 390"
    assert found["broken"] == [], f"{name}: words broken across lines in table cells: {found['broken']}"


CONTRAST = """() => {
  function rgb(colour) {
    const probe = document.createElement('canvas').getContext('2d');
    probe.fillStyle = '#000'; probe.fillStyle = colour;
    const v = probe.fillStyle;
    if (v.startsWith('#')) return [1, 3, 5].map(i => parseInt(v.slice(i, i + 2), 16));
    return v.match(/[\\d.]+/g).slice(0, 3).map(Number);
  }
  function luminance(c) {
    const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }
  const out = [];
  for (const chart of document.querySelectorAll('.vega-chart svg')) {
    const background = chart.querySelector('.background') || chart.querySelector('rect');
    const bg = rgb(background ? getComputedStyle(background).fill : getComputedStyle(chart).backgroundColor);
    for (const text of chart.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      out.push({chart: chart.parentElement.dataset.chart, text: text.textContent,
                ratio: ratio(rgb(getComputedStyle(text).fill), bg), background: bg});
    }
  }
  return out;
}"""


@pytest.mark.parametrize(
    "path",
    [
        "",
        "tallies/",
        "bases/ain-al-asad/",
        "actors/islamic-resistance-in-iraq/",
        EVENT,
    ],
)
def test_dark_mode_chart_text_contrast(site: tuple[str, Any, dict[str, str]], path: str) -> None:
    page = load(site, path, "dark")
    texts = page.evaluate(CONTRAST)
    assert texts, f"no chart text on {path or 'home'}"
    low = [t for t in texts if t["ratio"] < 4.5]
    assert low == [], low[:5]
    assert all(sum(t["background"]) < 3 * 128 for t in texts), "dark mode charts should draw on a dark background"
