"""Each validation rule, with a record that breaks it and the exact (path, line, code) it must produce."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from records_factory import event, event_file, tally, tally_file

from generator.dataset.load import load_records
from generator.dataset.validate import validate_records
from generator.dataset.write import render_record

TODAY = dt.date(2024, 6, 1)
EVENT_PATH = "data/events/2023/2023-11-23-erbil-air-base-attack.yaml"
MakeTree = Callable[[dict[str, Any]], Path]


def problems(data_dir: Path) -> list[tuple[str, int, str]]:
    return validate_records(load_records(data_dir), today=TODAY).flatten()


def test_valid_records_have_no_problems(make_tree: MakeTree) -> None:
    assert problems(make_tree(dict([event_file(), tally_file()]))) == []


def test_the_repository_data_is_valid(repo: Path) -> None:
    report = validate_records(load_records(repo / "data"))
    assert report.errors == [], report.render()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"date": "2023-02-30"}, [(4, "bad-date")]),
        ({"date": "23/11/2023"}, [(4, "bad-date")]),
        ({"date": "2023-10-16"}, [(4, "date-before-campaign")]),
        ({"type": "raid"}, [(3, "bad-value")]),
        ({"weapons": ["drone", "laser"]}, [(10, "unknown-weapon")]),
        ({"claimed_by": ["nobody-group"]}, [(11, "unknown-actor")]),
        ({"location": {"base": "atlantis", "country": "IQ", "place": "x"}}, [(7, "unknown-base")]),
        ({"location": {"base": None, "country": "ZZ", "place": "x"}}, [(8, "unknown-country")]),
        ({"casualties": {"us_killed": -1, "us_injured": 0, "killed": None}}, [(14, "bad-number")]),
        ({"casualties": {"us_killed": 0, "us_injured": 99999999, "killed": None}}, [(15, "bad-number")]),
        ({"casualties": {"us_killed": "two", "us_injured": 0, "killed": None}}, [(14, "wrong-type")]),
        ({"intercepted": "maybe"}, [(17, "wrong-type")]),
        ({"summary": ""}, [(18, "empty-field")]),
        ({"sources": []}, [(19, "empty-field")]),
        ({"colour": "red"}, [(26, "unknown-field")]),
        ({"review": "approved"}, [(25, "bad-value")]),
    ],
)
def test_field_rules(make_tree: MakeTree, changes: dict[str, Any], expected: list[tuple[int, str]]) -> None:
    data_dir = make_tree(dict([event_file(**changes)]))
    assert problems(data_dir) == [(EVENT_PATH, line, code) for line, code in expected]


@pytest.mark.parametrize(
    ("source_changes", "line", "code"),
    [
        ({"url": "javascript:alert(1)"}, 22, "bad-url"),
        ({"url": "data:text/html,<script>alert(1)</script>"}, 22, "bad-url"),
        ({"url": "file:///etc/passwd"}, 22, "bad-url"),
        ({"published": "2023-11-22"}, 4, "date-after-source"),
        ({"published": "2025-01-01"}, 23, "date-in-future"),
        ({"quote": " ".join(["word"] * 31)}, 24, "quote-too-long"),
    ],
)
def test_source_rules(make_tree: MakeTree, source_changes: dict[str, Any], line: int, code: str) -> None:
    data = event()
    data["sources"][0].update(source_changes)
    assert problems(make_tree(dict([event_file(data)]))) == [(EVENT_PATH, line, code)]


def test_future_event_date(make_tree: MakeTree) -> None:
    data = event(id="2024-07-01-erbil-air-base-attack", date="2024-07-01")
    data["sources"][0]["published"] = "2024-07-01"
    path = "data/events/2024/2024-07-01-erbil-air-base-attack.yaml"
    assert problems(make_tree(dict([event_file(data)]))) == [(path, 4, "date-in-future"), (path, 23, "date-in-future")]


@pytest.mark.parametrize("field", ["id", "type", "date", "location", "weapons", "sources", "summary", "review"])
def test_every_required_field(make_tree: MakeTree, field: str) -> None:
    data = event()
    del data[field]
    found = problems(make_tree(dict([event_file(data)])))
    assert found[0][2] == "missing-field"
    assert found[0][:2] == (EVENT_PATH, 2)


def test_missing_nested_field_points_at_its_mapping(make_tree: MakeTree) -> None:
    data = event()
    del data["location"]["country"]
    assert problems(make_tree(dict([event_file(data)]))) == [(EVENT_PATH, 6, "missing-field")]


def test_missing_field_message_names_the_field(make_tree: MakeTree) -> None:
    data = event()
    del data["summary"]
    report = validate_records(load_records(make_tree(dict([event_file(data)]))), today=TODAY)
    assert report.errors[0].render() == f"{EVENT_PATH}:2:1: error[missing-field] 'summary' is required but missing"


def test_id_must_equal_file_name(make_tree: MakeTree) -> None:
    text = render_record("event", event())
    data_dir = make_tree({"events/2023/other-name.yaml": text})
    assert problems(data_dir) == [("data/events/2023/other-name.yaml", 2, "id-mismatch")]


def test_event_in_the_wrong_year_folder(make_tree: MakeTree) -> None:
    data_dir = make_tree({f"events/2024/{event()['id']}.yaml": render_record("event", event())})
    assert problems(data_dir) == [(f"data/events/2024/{event()['id']}.yaml", 4, "wrong-folder")]


@pytest.mark.parametrize("bad_id", ["../../etc", "has space", "UPPER-case", "a/b", "2023-11-23-erbіl-attack", "ab"])
def test_ids_cannot_become_paths_or_look_alikes(make_tree: MakeTree, bad_id: str) -> None:
    data = event(id=bad_id)
    data_dir = make_tree({"events/2023/bad.yaml": render_record("event", data)})
    assert ("data/events/2023/bad.yaml", 2, "bad-id") in problems(data_dir)


def test_duplicate_ids_across_folders(make_tree: MakeTree) -> None:
    text = render_record("event", event())
    data_dir = make_tree({f"events/2023/{event()['id']}.yaml": text, f"events/extra/{event()['id']}.yaml": text})
    found = problems(data_dir)
    assert ("data/events/extra/2023-11-23-erbil-air-base-attack.yaml", 2, "duplicate-id") in found


def test_suspected_duplicate_event_is_a_warning(make_tree: MakeTree) -> None:
    second = event(id="2023-11-23-erbil-air-base-attack-2")
    data_dir = make_tree(dict([event_file(), event_file(second)]))
    report = validate_records(load_records(data_dir), today=TODAY)
    assert report.ok
    assert [(p.location.line, p.code, p.severity) for p in report.problems] == [(4, "possible-duplicate", "warning")]


def test_tally_must_not_decrease(make_tree: MakeTree) -> None:
    later = tally(id="2023-12-01-70", as_of="2023-12-01", attacks=70)
    later["sources"][0]["published"] = "2023-12-01"
    data_dir = make_tree(dict([tally_file(), tally_file(later)]))
    assert problems(data_dir) == [("data/tallies/2023-12-01-70.yaml", 4, "tally-decreases")]


def test_a_lower_bound_stated_later_is_not_a_decrease(make_tree: MakeTree) -> None:
    """'More than 70' after an exact 72 does not contradict it; an exact 70 would."""
    later = tally(id="2023-12-01-70", as_of="2023-12-01", attacks=70, qualifier="more than")
    later["sources"][0]["published"] = "2023-12-01"
    data_dir = make_tree(dict([tally_file(), tally_file(later)]))
    assert problems(data_dir) == []


def test_all_problems_in_one_run(make_tree: MakeTree) -> None:
    files = dict(
        [
            event_file(date="2023-02-30"),
            event_file(event(id="2023-11-24-al-tanf-attack", date="2023-11-24", weapons=["laser"])),
            ("events/2023/broken.yaml", "id: [unclosed\n"),
        ]
    )
    codes = [code for _, _, code in problems(make_tree(files))]
    assert sorted(codes) == ["bad-date", "date-after-source", "unknown-weapon", "yaml-syntax"]


def test_no_traceback_for_a_non_mapping_record(make_tree: MakeTree) -> None:
    data_dir = make_tree({"events/2023/list.yaml": "- 1\n- 2\n", "events/2023/text.yaml": "just text\n"})
    assert problems(data_dir) == [
        ("data/events/2023/list.yaml", 1, "not-a-mapping"),
        ("data/events/2023/text.yaml", 1, "not-a-mapping"),
    ]
