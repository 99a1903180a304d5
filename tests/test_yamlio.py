from __future__ import annotations

import pytest

from generator.core.yamlio import MAX_FILE_BYTES, parse_yaml


def codes(raw: bytes) -> list[tuple[int, str]]:
    return [(p.location.line, p.code) for p in parse_yaml(raw, "x.yaml").problems]


def test_values_and_positions() -> None:
    parsed = parse_yaml(b"id: a-b-c\nlocation:\n  base: tanf\nweapons: [drone, rocket]\n", "x.yaml")
    assert parsed.problems == []
    assert parsed.data == {"id": "a-b-c", "location": {"base": "tanf"}, "weapons": ["drone", "rocket"]}
    assert parsed.positions[("location", "base")] == (3, 3)
    assert parsed.positions[("weapons", 1)] == (4, 18)
    assert parsed.line_of(("location", "base", "missing")) == (3, 3)


def test_dates_stay_text_and_yes_is_not_a_boolean() -> None:
    parsed = parse_yaml(b"date: 2023-02-30\nflag: yes\nok: true\nn: 0x10\n", "x.yaml")
    assert parsed.data == {"date": "2023-02-30", "flag": "yes", "ok": True, "n": "0x10"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: [1\n", [(2, "yaml-syntax")]),
        (b"a: 1\n\tb: 2\n", [(2, "yaml-tab")]),
        (b"a: 1\nb: 2\na: 3\n", [(3, "duplicate-key")]),
        (b"a: &x [1]\nb: *x\n", [(2, "yaml-alias")]),
        (b"a: &a [1, 1]\nb: &b [*a, *a]\nc: [*b, *b]\n", [(2, "yaml-alias")]),
        (b"base: &b {x: 1}\nother:\n  <<: *b\n", [(3, "yaml-alias")]),
        (b"a: " + b"[" * 200 + b"]" * 200 + b"\n", [(1, "yaml-too-deep")]),
        (b"a: 1\nb: \xff\xfe\n", [(2, "not-utf8")]),
        (b"", [(1, "empty-file")]),
        (b"# only a comment\n", [(1, "empty-file")]),
        (b"a: 1\x00\n", [(1, "binary-file")]),
        (b"a: !!python/object:os.system x\n", [(1, "yaml-tag")]),
        (b"a: 1\n---\nb: 2\n", [(2, "multiple-documents")]),
    ],
)
def test_bad_yaml_is_reported_not_raised(raw: bytes, expected: list[tuple[int, str]]) -> None:
    assert codes(raw) == expected


def test_byte_order_mark_is_a_warning_and_the_file_still_loads() -> None:
    parsed = parse_yaml(b"\xef\xbb\xbfa: 1\n", "x.yaml")
    assert parsed.data == {"a": 1}
    assert [(p.code, p.severity) for p in parsed.problems] == [("utf8-bom", "warning")]


def test_oversized_file_is_refused_before_parsing() -> None:
    assert codes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n") == [(1, "file-too-large")]
