"""Every link in the built site works: internal links resolve to files (and anchors to ids), external
links are http(s), and no page loads an asset from another host."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

# (tag, attribute) pairs that point at another resource.
LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
}
ASSET_TAGS = {"script", "img", "iframe", "source"}
# <link rel=...> values that make the browser fetch something (canonical, alternate, prev, next do not).
ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"}
ASSET_RELS |= {"preconnect", "dns-prefetch", "mask-icon"}
SCHEMES_ALLOWED_EXTERNAL = {"http", "https"}


@dataclass
class Page:
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rels = set((dict(attrs).get("rel") or "").lower().split())
        for name, value in attrs:
            if name in {"id", "name"} and value and (name == "id" or tag == "a"):
                self.page.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                asset = tag in ASSET_TAGS or (tag == "link" and bool(rels & ASSET_RELS))
                self.page.links.append((tag if not asset or tag != "link" else "link-asset", name, value))


@functools.cache
def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def site_url(root: Path) -> str:
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    return "/"


def resolve(site: Path, page: Path, url: str, prefix: str) -> Path:
    """The file an internal URL points at, relative to the page (directory URLs serve index.html).

    Absolute paths (the 404 page uses them) start with the path of site_url, e.g. /chronology/.
    """
    parts = urlsplit(url)
    target = unquote(parts.path)
    if target.startswith("/"):
        joined = target.removeprefix(prefix).lstrip("/")
    else:
        base = page.parent.relative_to(site).as_posix()
        joined = posixpath.normpath(posixpath.join(base, target)) if target else page.relative_to(site).as_posix()
    path = site / joined
    if target.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def test_every_link_in_the_site_works(built_site: Path) -> None:
    site = built_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    own = site_url(built_site)
    prefix = urlsplit(own).path or "/"
    broken: list[str] = []
    checked = internal = external = anchors = 0
    for page in pages:
        where = page.relative_to(site).as_posix()
        for tag, attribute, url in parse(page).links:
            checked += 1
            if own.startswith("http") and url.startswith(own):
                url = prefix + url.removeprefix(own)  # an absolute link into this site (canonical URLs)
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme or url.startswith("//"):
                external += 1
                if scheme not in SCHEMES_ALLOWED_EXTERNAL:
                    broken.append(f"{where}: <{tag} {attribute}={url!r}>: scheme {scheme or '//'} is not http(s)")
                elif tag in ASSET_TAGS or tag == "link-asset":
                    broken.append(f"{where}: <{tag} {attribute}={url!r}>: asset from another host")
                continue
            internal += 1
            target = resolve(site, page, url, prefix)
            try:
                target.resolve().relative_to(site.resolve())
            except ValueError:
                broken.append(f"{where}: {url!r} points outside the site")
                continue
            if not target.is_file():
                broken.append(f"{where}: {url!r} -> {target.relative_to(site)} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                anchors += 1
                if unquote(parts.fragment) not in parse(target).ids:
                    broken.append(
                        f"{where}: {url!r}: no element with id {parts.fragment!r} in {target.relative_to(site)}"
                    )
    summary = f"checked {checked} links in {len(pages)} pages: {internal} internal"
    summary += f" ({anchors} with anchors), {external} external"
    print(f"\n{summary}")
    assert checked > 500, summary
    assert not broken, summary + "\n" + "\n".join(broken[:50])


def test_no_asset_from_a_third_party_host_in_css(built_site: Path) -> None:
    """Stylesheets pull fonts and images too: @import and url() must stay on the site."""
    site = built_site / "site"
    offenders = []
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for marker in ("url(http", "url('http", 'url("http', "url(//", "@import url(http", '@import "http'):
            if marker in text:
                offenders.append(f"{sheet.relative_to(site)}: {marker}")
    assert offenders == []
