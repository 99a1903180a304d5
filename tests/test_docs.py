"""Docs are the spec: every problem code the code can produce is documented, every command has help."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import COMMANDS, build_parser

REPO = Path(__file__).resolve().parent.parent
PROBLEMS_DOC = REPO / "docs" / "reference" / "problems.md"
# Codes built at run time rather than written out as literals.
DYNAMIC_CODES = {"unknown-base", "unknown-actor", "unknown-weapon", "unknown-country", "multiple-documents"}


def documented_codes() -> set[str]:
    return set(re.findall(r"^### ([a-z0-9-]+)$", PROBLEMS_DOC.read_text(encoding="utf-8"), re.MULTILINE))


def codes_in_code() -> set[str]:
    codes = set(DYNAMIC_CODES)
    pattern = re.compile(r'Problem\(\s*(?:[^()"]|\((?:[^()]|\([^()]*\))*\))*?,\s*"([a-z0-9]+(?:-[a-z0-9]+)*)"')
    for path in (REPO / "generator").rglob("*.py"):
        codes.update(pattern.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_problem_code_is_documented() -> None:
    missing = codes_in_code() - documented_codes()
    assert not missing, f"add these codes to docs/reference/problems.md: {sorted(missing)}"


def test_hostile_expectations_use_documented_codes() -> None:
    expected = set()
    for path in (REPO / "tests" / "hostile").rglob("expected.txt"):
        text = path.read_text(encoding="utf-8")
        expected.update(re.findall(r"^\S+:\d+: ([a-z0-9-]+)\s*$", text, re.MULTILINE))
    assert len(expected) > 20, "the hostile suite's expectations name problem codes"
    assert not expected - documented_codes()


def test_every_command_has_help() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    for name in COMMANDS:
        assert name in help_text
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[attr-defined]
        assert sub.description and len(sub.description) > 20, f"command {name} needs a description"
