"""data/config.yaml: the campaign start and the site's title, with their defaults, read in one place.

The file is read by the one reader (generator.core.files) with everything else under data/; this
module turns its value into settings and says what is wrong with it. A bad value is reported and
its default is used, so the rest of the run can still check every record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.core.problems import Location, Problem, describe_type, short_repr

DEFAULT_CAMPAIGN_START = dt.date(2023, 10, 17)
DEFAULT_TITLE = "Chronology"


@dataclass(frozen=True)
class Config:
    campaign_start: dt.date = DEFAULT_CAMPAIGN_START
    title: str = DEFAULT_TITLE


Locate = Callable[..., Location]  # the location of a key path in the config file


def read_config(data: Any, locate: Locate) -> tuple[Config, list[Problem]]:
    """Settings from the parsed config file (None when there is none), and its problems."""
    if data is None:
        return Config(), []
    if not isinstance(data, dict):
        message = f"expected a mapping of settings, got {describe_type(data)}"
        return Config(), [Problem(locate(), "not-a-mapping", message)]
    problems = []
    start = parse_date(data.get("campaign_start")) if "campaign_start" in data else DEFAULT_CAMPAIGN_START
    if start is None:
        message = f"'campaign_start' must be a real date as YYYY-MM-DD; got {short_repr(data['campaign_start'])}"
        problems.append(Problem(locate("campaign_start"), "bad-date", message, field="campaign_start"))
        start = DEFAULT_CAMPAIGN_START
    title = data.get("title")
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else DEFAULT_TITLE
    return Config(campaign_start=start, title=title), problems


def parse_date(value: Any) -> dt.date | None:
    """A real calendar date written YYYY-MM-DD, else None."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None
