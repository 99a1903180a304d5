"""Valid records to start tests from; each test changes one thing and checks the one problem it causes."""

from __future__ import annotations

import copy
import re
from typing import Any

from generator.dataset.write import render_record

EVENT: dict[str, Any] = {
    "id": "2023-11-23-erbil-air-base-attack",
    "type": "attack",
    "date": "2023-11-23",
    "date_precision": "day",
    "location": {"base": "erbil-air-base", "country": "IQ", "place": "Erbil International Airport"},
    "weapons": ["drone"],
    "claimed_by": ["islamic-resistance-in-iraq"],
    "targets": [],
    "casualties": {"us_killed": 0, "us_injured": 0, "killed": None},
    "intercepted": None,
    "summary": "A drone attacked U.S. and coalition forces at Erbil International Airport.",
    "sources": [
        {
            "article": "000_1072769faea538f9",
            "outlet": "AFP",
            "url": "https://example.org/news/1",
            "published": "2023-11-23",
            "quote": "drones attacked US and coalition forces stationed at Erbil International Airport",
        }
    ],
    "review": "reviewed",
}

TALLY: dict[str, Any] = {
    "id": "2023-11-23-72",
    "as_of": "2023-11-23",
    "attacks": 72,
    "since": "2023-10-17",
    "iraq": None,
    "syria": None,
    "injured": 60,
    "stated_by": "a U.S. military official",
    "sources": [
        {
            "outlet": "AFP",
            "url": "https://example.org/news/1",
            "published": "2023-11-23",
            "title": "Washington has recorded 72 attacks",
        }
    ],
    "review": "reviewed",
}


def event(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(EVENT)
    data.update(changes)
    return data


def tally(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(TALLY)
    data.update(changes)
    return data


def event_file(data: dict[str, Any] | None = None, **changes: Any) -> tuple[str, str]:
    data = data if data is not None else event(**changes)
    date = str(data.get("date", ""))
    year = date[:4] if re.match(r"^\d{4}-", date) else "2023"
    return f"events/{year}/{data.get('id', EVENT['id'])}.yaml", render_record("event", data)


def tally_file(data: dict[str, Any] | None = None, **changes: Any) -> tuple[str, str]:
    data = data if data is not None else tally(**changes)
    return f"tallies/{data['id']}.yaml", render_record("tally", data)
