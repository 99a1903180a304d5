"""MkDocs hooks: what only the engine can do, to keep builds of 10,000 pages fast.

The generator writes the whole docs tree the engine reads (docs/generated/, the hand-written pages
included) and each generated page names its edit target in front matter (`edit_path`, which the
theme override overrides/partials/actions.html turns into the edit link). So a build without these
hooks gives the same site, only slower and with a larger search index; what remains here are two
optimisations that need the engine's Markdown and search plugin.

Generated pages are mostly raw HTML blocks that the generator has already rendered and escaped.
Python-Markdown would parse every one of them with its HTML parser only to pass it through
unchanged, which costs more than everything else it does for these pages. So on generated pages
each raw HTML block is set aside before Markdown runs (a one-word placeholder paragraph stands in
for it) and put back, byte for byte, in the HTML Markdown produced. Headings, links and lists
written in Markdown are still converted, and MkDocs still builds the table of contents from them.
Search indexes each generated page's title and opening facts (for an event: where it happened and
which groups), not its tables and sources: Material's search plugin parses all of a page's HTML it
is given, so it is given only the part before the first heading, and the whole page is put back
before the theme renders it. Elements marked data-search-exclude in that part are left out too.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

_PLACEHOLDER = "generatedrawblock{}x"
_PLACEHOLDER_HTML = re.compile(r"<p>generatedrawblock(\d+)x</p>")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_FIRST_HEADING = re.compile(r"<h[1-6][ >]")
_SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')  # as Material's search plugin removes them
# Tags that open a raw HTML block in Markdown (its content is passed through, never parsed).
_BLOCK_TAGS = {"blockquote", "details", "div", "dl", "figure", "ol", "p", "section", "table", "ul"}


def _generated(page: Any) -> bool:
    """A page the generator rendered: it names the file to edit in its front matter."""
    return bool(page.meta.get("edit_path"))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if not _generated(page):
        return markdown
    markdown, page.raw_html_blocks = set_aside_html(markdown)
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    blocks = getattr(page, "raw_html_blocks", None)
    if blocks is None:
        return html
    page.raw_html_blocks = None
    return _PLACEHOLDER_HTML.sub(lambda match: blocks[int(match.group(1))], html)


@event_priority(100)  # before the search plugin indexes the page
def _give_search_the_opening(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if _generated(page) and getattr(page, "full_content", None) is None and page.content:
        page.full_content = _SEARCH_ATTRIBUTE.sub("", page.content)
        heading = _FIRST_HEADING.search(page.content)
        page.content = page.content[: heading.start()] if heading else page.content
    return context


@event_priority(-100)  # after it, before the theme renders the page
def _put_the_page_back(context: Any, page: Any, config: Any, nav: Any) -> Any:
    full = getattr(page, "full_content", None)
    if full is not None:
        page.content = full
        page.full_content = None
    return context


on_page_context = CombinedEvent(_give_search_the_opening, _put_the_page_back)


def set_aside_html(markdown: str) -> tuple[str, list[str]]:
    """Markdown with each raw HTML block replaced by a placeholder paragraph, and the blocks.

    A raw HTML block starts with `<` at the start of a line after a blank line (or at the start)
    and ends at the first blank line where every element it opened is closed, as Markdown reads it.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _TAG.match(line) if line.startswith("<") else None
        if not (opening and not opening.group(1) and opening.group(2).lower() in _BLOCK_TAGS) or (
            out and out[-1].strip()
        ):
            out.append(line)
            index += 1
            continue
        block: list[str] = []
        depth = 0
        while index < len(lines) and (not block or lines[index].strip() or depth > 0):
            block.append(lines[index])
            depth += _depth_change(lines[index])
            index += 1
        blocks.append("\n".join(block).rstrip("\n"))
        out.append(_PLACEHOLDER.format(len(blocks) - 1))
    return "\n".join(out), blocks


def _depth_change(line: str) -> int:
    change = 0
    for closing, tag, self_closing in _TAG.findall(line):
        if tag.lower() in _VOID or self_closing:
            continue
        change += -1 if closing else 1
    return change
