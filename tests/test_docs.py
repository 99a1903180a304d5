"""Docs are the spec: the problem-code page is the catalogue, every code the code can produce is in it,
and every command has help."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.cli import COMMANDS, build_parser
from generator.core.codes import CATALOGUE, SEVERITY, render_markdown

REPO = Path(__file__).resolve().parent.parent
PROBLEMS_DOC = REPO / "docs" / "reference" / "problems.md"
# Codes built at run time (f-strings) rather than written out as literals, and where they are built.
DYNAMIC_CODES = {"unknown-base", "unknown-actor", "unknown-weapon", "unknown-country", "multiple-documents"}


def codes_in_code() -> set[str]:
    """The second argument of every Problem(...) call in the package, where it is a literal."""
    codes = set(DYNAMIC_CODES)
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and len(node.args) >= 2:
                code = node.args[1]
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    codes.add(code.value)
    return codes


def test_the_problem_page_is_generated_from_the_catalogue() -> None:
    assert PROBLEMS_DOC.read_text(encoding="utf-8") == render_markdown(), "run: python -m generator codes --write"


def test_every_code_the_code_produces_is_in_the_catalogue() -> None:
    missing = codes_in_code() - set(SEVERITY)
    assert not missing, f"add these codes to generator/core/codes.py: {sorted(missing)}"


def test_every_catalogued_code_can_be_produced() -> None:
    stale = set(SEVERITY) - codes_in_code()
    assert not stale, f"codes in the catalogue that nothing produces: {sorted(stale)}"


def test_codes_are_unique_kebab_case_with_a_meaning() -> None:
    codes = [code for section in CATALOGUE for code in section.codes]
    assert len({c.code for c in codes}) == len(codes)
    for code in codes:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code.code), code
        assert code.severity in {"error", "warning"} and len(code.meaning) > 20, code


def test_hostile_expectations_use_catalogued_codes() -> None:
    expected = set()
    for path in (REPO / "tests" / "hostile").rglob("expected.txt"):
        text = path.read_text(encoding="utf-8")
        expected.update(re.findall(r"^\S+:\d+: ([a-z0-9-]+)\s*$", text, re.MULTILINE))
    assert len(expected) > 20, "the hostile suite's expectations name problem codes"
    assert not expected - set(SEVERITY)


def test_every_command_has_help() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    for name in COMMANDS:
        assert name in help_text
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[attr-defined]
        assert sub.description and len(sub.description) > 20, f"command {name} needs a description"
