"""The safe-link rule: which URLs from a record or an article may become a link on a page.

Records and articles come from strangers, so a URL is rendered as a link only when it is an
http(s) address with a host and none of the characters that could end an HTML attribute, start
Markdown or template syntax, or hide another scheme: whitespace, quotes, angle brackets,
backticks and backslashes. Every reader and writer of URLs asks this module; nothing else
decides what a safe link is.
"""

from __future__ import annotations

import re
from typing import Any

MAX_URL_LENGTH = 2000
# A host (no slash, ? or # before it), then an optional path; the characters left out are the rule.
_UNSAFE = "\\s\"'<>`\\\\"
_SAFE_URL = re.compile(rf"https?://[^{_UNSAFE}/?#]+[^{_UNSAFE}]*", re.IGNORECASE)

SAFE_URL_DESCRIPTION = "an http:// or https:// link without spaces, quotes, backticks or <>"


def is_safe_url(value: Any) -> bool:
    """True when value is text that is an http(s) link with a host and no unsafe character."""
    return isinstance(value, str) and len(value) <= MAX_URL_LENGTH and _SAFE_URL.fullmatch(value) is not None


def safe_url(value: Any) -> str:
    """The URL when it is safe to render as a link, else "" (render no link)."""
    return value if is_safe_url(value) else ""
