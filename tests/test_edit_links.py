"""Every generated page's edit link leads to a file in the repository: its record, or what the page is made from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

EDIT_LINK = re.compile(r'<a href="([^"]+)" title="Edit this page" class="md-content__button md-icon"')


def test_every_generated_page_has_an_edit_link_to_an_existing_file(built_site: Path) -> None:
    site = built_site / "site"
    generated = built_site / "docs" / "generated"
    checked = 0
    for source in sorted(generated.rglob("*.md")):
        relative = source.relative_to(generated).with_suffix("")
        page = site / relative / "index.html" if relative.name != "index" else site / relative.parent / "index.html"
        html = page.read_text(encoding="utf-8")
        links = EDIT_LINK.findall(html)
        assert len(links) == 1, f"{relative}: expected one edit link, found {links}"
        assert "/edit/main/" in links[0], links[0]
        target = links[0].split("/edit/main/", 1)[1]
        assert (built_site / target).is_file(), f"{relative}: edit link points at missing {target}"
        checked += 1
    assert checked > 40


def test_event_pages_edit_their_record(built_site: Path) -> None:
    for page in sorted((built_site / "site" / "events").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect left by a retired id (data/redirects.yaml), not an event page
        (link,) = EDIT_LINK.findall(html)
        assert re.search(rf"/edit/main/data/events/\d{{4}}/{page.parent.name}\.yaml$", link), link
