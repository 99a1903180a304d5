"""Corrections keep history: dates from git, redirects for merged records, and feeds of new records."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import copy_reference
from records_factory import event, event_file

from generator.dataset.history import _parse_log, read_history
from generator.dataset.load import load_records
from generator.dataset.redirects import check_redirects, redirect_entries
from generator.render.feeds import render_feeds
from generator.render.model import build_chronology
from generator.render.redirects import render_redirects

LOG = "\x002024-03-02\n\ndata/events/2023/a.yaml\n\x002024-01-05\n\ndata/events/2023/a.yaml\ndata/events/2023/b.yaml\n"


def test_git_log_gives_first_and_last_change() -> None:
    history = _parse_log(LOG)
    assert history["data/events/2023/a.yaml"].added == "2024-01-05"
    assert history["data/events/2023/a.yaml"].changed == "2024-03-02"
    assert history["data/events/2023/b.yaml"].changed == "2024-01-05"


def test_history_from_a_real_repository(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        env = {"GIT_AUTHOR_DATE": "2024-01-05T12:00:00", "GIT_COMMITTER_DATE": "2024-01-05T12:00:00"}
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True, env={**env, "HOME": "/"})

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    record = tmp_path / "data" / "events" / "2023" / "a.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("id: a\n")
    git("add", ".")
    git("commit", "-qm", "add")
    assert read_history(tmp_path)["data/events/2023/a.yaml"].added == "2024-01-05"


def test_without_git_history_is_empty_not_an_error(tmp_path: Path) -> None:
    assert read_history(tmp_path / "missing") == {}


def test_redirects_are_checked_and_rendered(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "redirects.yaml").write_text(
        "- {from: old-record-id, to: live-id, reason: merged into another record}\n"
        "- {from: live-id, to: other-live-id}\n"
        "- {from: gone-id, to: nowhere-id}\n"
        "- {from: ../../etc, to: live-id}\n"
    )
    record = load_records(tmp_path / "data").redirects
    assert record is not None
    problems = check_redirects(record, {"live-id", "other-live-id"})
    assert [(p.location.line, p.code) for p in problems] == [
        (2, "redirect-shadows-record"),
        (3, "redirect-target-missing"),
        (4, "bad-redirect"),
    ]
    pages = render_redirects(redirect_entries(record), {"live-id", "other-live-id"})
    assert list(pages) == ["events/old-record-id/index.html"]
    assert 'url=../live-id/"' in pages["events/old-record-id/index.html"]


def test_feeds_list_events_by_date_added(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    copy_reference(data_dir)
    for data in (event(), event(id="2023-11-24-al-tanf-attack", date="2023-11-24", summary="<b>x</b> & y")):
        data["sources"][0]["published"] = data["date"]
        path, text = event_file(data)
        (data_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / path).write_text(text)
    chronology = build_chronology(load_records(data_dir))
    feeds = render_feeds(chronology, "https://example.org/site/")
    atom = ET.fromstring(feeds["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert [e.find("a:id", ns).text for e in entries] == [  # type: ignore[union-attr]
        "https://example.org/site/events/2023-11-24-al-tanf-attack/",
        "https://example.org/site/events/2023-11-23-erbil-air-base-attack/",
    ]
    assert entries[0].find("a:summary", ns).text == "<b>x</b> & y"  # type: ignore[union-attr]
    items = json.loads(feeds["feed.json"])["items"]
    assert [i["date_published"] for i in items] == ["2023-11-24T00:00:00Z", "2023-11-23T00:00:00Z"]
