"""The node tree of one YAML document: where each key sits, whether it is safe, and its value.

libyaml (through PyYAML's C loader) composes the tree; this module reads it. Most records are clean,
and for those one pass both checks the tree and builds the value (fast_build). Anything else takes
the careful path: check_tree reports every problem, and PyYAML's own constructor builds the value.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.core.problems import Location, Problem

MAX_NODE_DEPTH = 64
# Editors, git and GitHub count lines at \n, \r\n and \r; libyaml also breaks lines at U+0085,
# U+2028 and U+2029, which turn up in text pasted from web pages.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")

Path = tuple[str | int, ...]
_ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP = f"{_TAG}seq", f"{_TAG}map"
_FLOAT_TEXT = r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
# Scalars whose value PyYAML's constructor gives as plain int()/float(): no octal `010`, no `1_000`, no `0x1f`.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(_FLOAT_TEXT)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2-like scalars: no timestamps, no yes/no booleans, no sexagesimals."""

    # libyaml's composer calls these three in Python for every node. Without path resolvers (this
    # loader has none) resolve() depends only on the implicit resolvers, looked up here without the
    # list building of BaseResolver.resolve, and descending and ascending do nothing.
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


StrictLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (_FLOAT, rf"^{_FLOAT_TEXT}$", "-+0123456789."),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))
_RESOLVERS = {
    first: tuple(resolvers + StrictLoader.yaml_implicit_resolvers.get(None, []))
    for first, resolvers in StrictLoader.yaml_implicit_resolvers.items()
    if first is not None
}


@dataclass
class Parsed:
    """What one YAML file holds: its value, where each key sits, and what was wrong with it."""

    data: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""

    def line_of(self, path: Path) -> tuple[int, int]:
        """Line and column of a key path, walking up to the nearest parent that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class Lines:
    """Line and column of a libyaml mark, counted the way editors and GitHub count lines."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        if any(char in text for char in _YAML_ONLY_BREAKS):
            self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
        # libyaml puts an end-of-stream mark after an implied final line break; no line past the file's last.
        self.last = text.count("\n") + text.count("\r") - text.count("\r\n") + 1

    def at(self, mark: Any) -> tuple[int, int]:
        if not self.starts or getattr(mark, "index", None) is None:
            line, column = mark.line + 1, mark.column + 1
        else:
            line, column = self.of_index(mark.index)
        return (line, column) if line <= self.last else (self.last, 1)

    def of_index(self, index: int) -> tuple[int, int]:
        if not self.starts:
            return 1, index + 1
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def line_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, with \\n, \\r\\n or \\r ending lines."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def _first_alias(parsed: Parsed, path: str, lines: Lines) -> Location | None:
    """Where the first alias (*name) sits; the node tree only knows where its anchor was."""
    for event in yaml.parse(parsed.source, Loader=StrictLoader):
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            return Location(path, *lines.at(mark))
    return None


class Slow(Exception):
    """A tree the one-pass builder leaves to the careful path: a problem to report, or a value that is not plain."""


def fast_build(root: Any, positions: dict[Path, tuple[int, int]], at: Callable[[Any], tuple[int, int]]) -> Any:
    """Key positions and the value of a clean tree, in one pass, as check_tree and PyYAML would make them.

    Records are clean: text keys, plain scalars, a few levels deep. For those this walk checks and
    builds at once. Anything else (a problem check_tree would report, an explicit tag, a key that is
    not text, octal `010`) raises Slow, and the caller takes the careful path from the start.
    """
    positions[()] = at(root.start_mark)
    return _build(root, (), 0, positions, at, set())


def _build(node: Any, key_path: Path, depth: int, positions: dict, at: Callable, seen: set[int]) -> Any:
    if depth > MAX_NODE_DEPTH or id(node) in seen:
        raise Slow
    seen.add(id(node))
    kind = type(node)
    if kind is yaml.ScalarNode:
        return _plain_value(node)
    if kind is yaml.MappingNode and node.tag == _MAP:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                raise Slow
            key = key_node.value
            if key == "<<" or key in out:
                raise Slow
            child = (*key_path, key)
            positions[child] = at(key_node.start_mark)
            out[key] = _build(value_node, child, depth + 1, positions, at, seen)
        return out
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        items = []
        for index, item in enumerate(node.value):
            child = (*key_path, index)
            positions[child] = at(item.start_mark)
            items.append(_build(item, child, depth + 1, positions, at, seen))
        return items
    raise Slow


def _plain_value(node: Any) -> Any:
    """What SafeConstructor makes of a scalar node, for the plain cases only; Slow for the rest."""
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _INT and _PLAIN_INT.fullmatch(value):
        return int(value)
    if tag == _FLOAT and _PLAIN_FLOAT.fullmatch(value):
        return float(value)
    if tag == _NULL:
        return None
    if tag == _BOOL and value in _BOOLS:
        return _BOOLS[value]
    raise Slow


def check_tree(root: Any, path: str, parsed: Parsed, lines: Lines) -> bool:
    """Record key positions; refuse aliases, duplicate keys, explicit tags and deep trees."""
    seen: set[int] = set()
    ok = True
    stack: list[tuple[Any, Path, int]] = [(root, (), 0)]
    parsed.positions[()] = lines.at(root.start_mark)
    while stack:
        node, key_path, depth = stack.pop()
        where = Location(path, *lines.at(node.start_mark))
        if id(node) in seen:
            where = _first_alias(parsed, path, lines) or where
            message = "anchors and aliases (&, *) are not allowed in records"
            parsed.problems.append(Problem(where, "yaml-alias", message))
            return False
        seen.add(id(node))
        if depth > MAX_NODE_DEPTH:
            parsed.problems.append(Problem(where, "yaml-too-deep", f"values nest more than {MAX_NODE_DEPTH} levels"))
            return False
        if isinstance(node, yaml.MappingNode):
            ok = _check_mapping(node, key_path, depth, path, parsed, stack, lines) and ok
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*key_path, index)
                parsed.positions[child] = lines.at(item.start_mark)
                stack.append((item, child, depth + 1))
        if node.tag not in _ALLOWED_TAGS:
            parsed.problems.append(Problem(where, "yaml-tag", f"YAML tag {node.tag!r} is not allowed"))
            ok = False
    return ok


def _check_mapping(node: Any, key_path: Path, depth: int, path: str, parsed: Parsed, stack: list, lines: Lines) -> bool:
    ok = True
    keys: dict[Any, int] = {}
    for key_node, value_node in node.value:
        line, column = lines.at(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
            parsed.problems.append(Problem(Location(path, line, column), "yaml-key", "mapping keys must be plain text"))
            ok = False
            continue
        key = _scalar_key(key_node)
        if key == "<<":
            parsed.problems.append(
                Problem(Location(path, line, column), "yaml-alias", "merge keys (<<) are not allowed in records")
            )
            ok = False
            continue
        # True == 1 in Python: keep them apart here so the message names what the file says.
        seen_as = (isinstance(key, bool), key)
        if seen_as in keys:
            name = _dotted((*key_path, str(key_node.value)))
            parsed.problems.append(
                Problem(
                    Location(path, line, column),
                    "duplicate-key",
                    f"key '{name}' appears twice (first on line {keys[seen_as]}); keep one",
                    field=name,
                )
            )
            ok = False
            continue
        keys[seen_as] = line
        child = (*key_path, key)
        parsed.positions[child] = (line, column)
        stack.append((value_node, child, depth + 1))
    return ok


def _scalar_key(node: Any) -> Any:
    """The dictionary key the loader will build from a scalar key node (`1:` is the number 1, `~:` is None)."""
    tag, value = node.tag, node.value
    try:
        if tag == "tag:yaml.org,2002:int":
            return int(value)
        if tag == "tag:yaml.org,2002:float":
            return float(value)
    except ValueError:
        return value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


dotted = _dotted
