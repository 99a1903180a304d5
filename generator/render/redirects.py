"""Redirect pages: each retired event id forwards readers to the record that replaced it."""

from __future__ import annotations

import html

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {old}</title>
<meta http-equiv="refresh" content="0; url=../{new}/">
<link rel="canonical" href="../{new}/">
<meta name="robots" content="noindex">
</head>
<body>
<p>This record was {reason}. It is now at <a href="../{new}/">{new}</a>.</p>
</body>
</html>
"""


def render_redirects(entries: list[dict[str, str]], event_ids: set[str]) -> dict[str, str]:
    """{events/<old>/index.html: page} for redirects whose target exists and whose old id is free.

    Ids are well-formed (generator.dataset.redirects keeps only those), so they are safe in a URL.
    """
    pages = {}
    for entry in entries:
        if entry["to"] in event_ids and entry["from"] not in event_ids:
            page = PAGE.format(old=entry["from"], new=entry["to"], reason=html.escape(entry["reason"]))
            pages[f"events/{entry['from']}/index.html"] = page
    return pages
