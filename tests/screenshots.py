"""`make screenshots`: each page type of the built site at 1280 and 390 px wide, in light and dark mode.

Uses Debian's chromium through Playwright, as the browser tests do (tests/browser.py). Writes
screenshots/<page>-<width>-<scheme>.png; the pull-request workflow uploads the folder.

Usage: python tests/screenshots.py [--site site] [--out screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browser import browser, serve, site_prefix

REPO = Path(__file__).resolve().parent.parent
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def page_types(site: Path) -> dict[str, str]:
    """{name: path} for one page of each type, chosen from what the site has."""

    def first(folder: str) -> str:
        found = sorted(p.parent.name for p in (site / folder).glob("*/index.html") if p.parent.name[:1].isalnum())
        return f"{folder}/{found[0]}/" if found else ""

    events = sorted((site / "events").glob("*/index.html"), key=lambda p: p.stat().st_size, reverse=True)
    pages = {
        "home": "",
        "chronology": "chronology/",
        "month": first("chronology"),
        "event": f"events/{events[0].parent.name}/" if events else "",
        "base": "bases/ain-al-asad/" if (site / "bases/ain-al-asad/index.html").is_file() else first("bases"),
        "actor": "actors/islamic-resistance-in-iraq/"
        if (site / "actors/islamic-resistance-in-iraq/index.html").is_file()
        else first("actors"),
        "tallies": "tallies/",
        "downloads": "downloads/",
        "methodology": "methodology/",
        "not-found": "this-page-does-not-exist/",
    }
    return {name: path for name, path in pages.items() if path or name == "home"}


def settle(page: object) -> None:
    """Wait until charts and the map have drawn (or there are none)."""
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('.vega-chart')]
                .every(e => e.dataset.drawn === 'yes' || e.classList.contains('chart-error'))
              && [...document.querySelectorAll('.event-map')].every(e => e.dataset.drawn === 'yes')""",
        timeout=20000,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(REPO / "site"))
    parser.add_argument("--out", default=str(REPO / "screenshots"))
    args = parser.parse_args(argv)
    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").is_file():
        print(f"no built site in {site}: run `make site` first", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with serve(site, site_prefix(REPO)) as url, browser() as chromium:
        for scheme in SCHEMES:
            for width in WIDTHS:
                context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for name, path in page_types(site).items():
                    page.goto(url + path)
                    settle(page)
                    target = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written += 1
                context.close()
    print(f"{written} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
