"""Problems are values: a code, a location and a message. Every stage returns them; only the CLI prints.

A problem's severity is its code's, from the catalogue in generator/core/codes.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.core.codes import ERROR, WARNING, severity_of

__all__ = ["ERROR", "WARNING", "GeneratorError", "Location", "Problem", "Report"]


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    code: str
    message: str
    severity: str = ""  # taken from the catalogue; given only where a stored problem is rebuilt
    field: str = ""

    def __post_init__(self) -> None:
        severity = severity_of(self.code)
        if self.severity and self.severity != severity:
            raise ValueError(f"problem code {self.code!r} is a {severity}, not a {self.severity}")
        object.__setattr__(self, "severity", severity)

    def render(self) -> str:
        return f"{self.location}: {self.severity}[{self.code}] {self.message}"

    def render_github(self) -> str:
        level = "error" if self.severity == ERROR else "warning"
        props = [f"file={_gh_escape_property(self.location.path)}"]
        if self.location.line > 0:
            props.append(f"line={self.location.line}")
        if self.location.column > 0:
            props.append(f"col={self.location.column}")
        props.append(f"title={_gh_escape_property(self.code)}")
        return f"::{level} {','.join(props)}::{_gh_escape_data(self.message)}"


def _gh_escape_data(text: str) -> str:
    # GitHub workflow commands treat %, CR and LF specially in the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def flatten(self) -> list[tuple[str, int, str]]:
        """(path, line, code) triples, the shape tests compare against."""
        return [(p.location.path, p.location.line, p.code) for p in self.sorted()]

    def render(self, fmt: str = "text") -> str:
        problems = self.sorted()
        if fmt == "json":
            return json.dumps([asdict(p) for p in problems], indent=2, sort_keys=True)
        lines = [p.render_github() if fmt == "github" else p.render() for p in problems]
        lines.append(self.summary())
        return "\n".join(lines)

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def pack_problem(problem: Problem) -> tuple[Any, ...]:
    """A Problem as plain values, for marshal."""
    where = problem.location
    return (where.path, where.line, where.column, problem.code, problem.message, problem.severity, problem.field)


def unpack_problem(value: tuple[Any, ...]) -> Problem:
    path, line, column, code, message, severity, field = value
    return Problem(Location(path, line, column), code, message, severity, field)


def describe_type(value: Any) -> str:
    """What kind of YAML value this is, in a contributor's words ("a mapping", "text", ...)."""
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def short_repr(value: Any) -> str:
    """A value as shown in a message: its repr, cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class GeneratorError(Exception):
    """An expected environmental failure (missing folder, unwritable output): shown as one line, no traceback."""
