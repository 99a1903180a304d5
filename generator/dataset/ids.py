"""The id rules: what a record, reference or article id may be, and how new ids are made.

Ids become file names and URL paths, so they are restricted to lower-case ASCII letters, digits
and hyphens: an id can never become a path. The patterns are the schemas' own (one definition,
read from generator/dataset/schemas/); this module gives them to the code that makes and checks ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import cache
from typing import Any

from generator.dataset.schema import ID_RULE, load_schema

__all__ = ["ID_RULE", "article_id", "is_record_id", "make_event_id", "make_tally_id", "slugify"]


@cache
def record_id_pattern() -> re.Pattern[str]:
    """Event and tally ids (also base and other reference ids in records)."""
    return re.compile(load_schema("event").document["properties"]["id"]["pattern"])


@cache
def article_id_pattern() -> re.Pattern[str]:
    """Ids of article files kept in data/articles/ (the file name without its suffix)."""
    sources = load_schema("event").document["properties"]["sources"]["items"]["properties"]
    return re.compile(sources["article"]["pattern"])


def is_record_id(value: Any) -> bool:
    return isinstance(value, str) and record_id_pattern().fullmatch(value) is not None


def article_id(stem: str) -> str | None:
    """The id an article file gets from its name: characters an id may not hold become hyphens."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")
    return cleaned if cleaned and article_id_pattern().fullmatch(cleaned) else None


def slugify(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens; look-alike letters are folded or dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())).strip("-")


def make_event_id(data: dict[str, Any], taken: Container[str] = ()) -> str:
    """<date>-<base id or country>-<attack|strike>, with -2, -3 ... when that id is taken."""
    location = data.get("location") or {}
    site = location.get("base") or slugify(str(location.get("country") or "xx"))
    return _free(slugify(f"{data['date']}-{site}-{data['type']}")[:78], taken)


def make_tally_id(data: dict[str, Any], taken: Container[str] = ()) -> str:
    """<as_of>-<attacks>, with -2, -3 ... when that id is taken."""
    return _free(f"{data['as_of']}-{data['attacks']}", taken)


def _free(wanted: str, taken: Container[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    return candidate
