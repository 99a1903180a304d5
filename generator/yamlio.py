"""Safe YAML reading with line numbers, and deterministic YAML writing.

Records come from strangers' pull requests, so the reader refuses anything that could hurt the
build before parsing (oversized files, deep nesting that would overflow libyaml's C stack) and
refuses anchors and aliases (a "billion laughs" document is a handful of nodes that expands
exponentially when walked). Dates stay strings so that the validator, not the YAML library,
decides what a well-formed date is and says so with a line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import WARNING, Location, Problem

MAX_FILE_BYTES = 512 * 1024
MAX_FLOW_DEPTH = 64
MAX_NODE_DEPTH = 64

Path = tuple[str | int, ...]
_ALLOWED_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2-like scalars: no timestamps, no yes/no booleans, no sexagesimals."""


_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


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


def parse_yaml(raw: bytes, path: str) -> Parsed:
    """Parse one YAML document from bytes; never raises for bad input."""
    parsed = Parsed()
    text = _decode(raw, path, parsed.problems)
    if text is None:
        return parsed
    if not text.strip():
        parsed.problems.append(Problem(Location(path, 1), "empty-file", "file is empty; expected a YAML mapping"))
        return parsed
    precheck = _precheck(text, path)
    if precheck:
        parsed.problems.extend(precheck)
        return parsed
    parsed.source = text
    node = _compose(text, path, parsed.problems)
    if node is None:
        return parsed
    if not _check_tree(node, path, parsed):
        return parsed
    try:
        parsed.data = _construct(text, node)
    except (yaml.YAMLError, ValueError, TypeError) as err:
        # An explicit tag on a value it does not fit, such as `!!int abc`.
        line = node.start_mark.line + 1
        parsed.problems.append(Problem(Location(path, line), "yaml-syntax", f"YAML value error: {err}"))
    return parsed


def _decode(raw: bytes, path: str, problems: list[Problem]) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                Location(path, 1),
                "file-too-large",
                f"file is {len(raw):,} bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes",
            )
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                Location(path, 1),
                "utf8-bom",
                "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
                WARNING,
            )
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(
            Problem(Location(path, line), "not-utf8", f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save as UTF-8")
        )
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(Location(path, line), "binary-file", "file contains NUL bytes; expected YAML text"))
        return None
    return text


def _precheck(text: str, path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(Problem(Location(path, number), "yaml-tab", "indentation uses a tab; YAML needs spaces"))
    depth, deepest_line = _flow_depth(text)
    if depth > MAX_FLOW_DEPTH:
        problems.append(
            Problem(
                Location(path, deepest_line),
                "yaml-too-deep",
                f"brackets nest more than {MAX_FLOW_DEPTH} levels deep; records are at most a few levels deep",
            )
        )
    return problems


def _flow_depth(text: str) -> tuple[int, int]:
    """Deepest nesting of [ and { (a conservative count: brackets inside strings count too)."""
    depth = deepest = 0
    line = deepest_line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
                if deepest > MAX_FLOW_DEPTH:
                    break
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1
    return deepest, deepest_line


def _compose(text: str, path: str, problems: list[Problem]) -> Any:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark: Any = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 0)
        message = err.problem or "invalid YAML"
        if err.context:
            message = f"{err.context}: {message}"
        code = "multiple-documents" if "single document" in str(err) else "yaml-syntax"
        problems.append(Problem(Location(path, line, column), code, f"YAML syntax error: {message}"))
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as err:
        problems.append(Problem(Location(path, 1), "yaml-syntax", f"YAML syntax error: {err}"))
        return None
    finally:
        loader.dispose()
    if node is None:
        problems.append(Problem(Location(path, 1), "empty-file", "file holds no YAML value; expected a mapping"))
    return node


def _first_alias(parsed: Parsed, path: str) -> Location | None:
    """Where the first alias (*name) sits; the node tree only knows where its anchor was."""
    for event in yaml.parse(parsed.source, Loader=_StrictLoader):
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            return Location(path, mark.line + 1, mark.column + 1)
    return None


def _check_tree(root: Any, path: str, parsed: Parsed) -> bool:
    """Record key positions; refuse aliases, duplicate keys, explicit tags and deep trees."""
    seen: set[int] = set()
    ok = True
    stack: list[tuple[Any, Path, int]] = [(root, (), 0)]
    parsed.positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    while stack:
        node, key_path, depth = stack.pop()
        where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in seen:
            where = _first_alias(parsed, path) or where
            message = "anchors and aliases (&, *) are not allowed in records"
            parsed.problems.append(Problem(where, "yaml-alias", message))
            return False
        seen.add(id(node))
        if depth > MAX_NODE_DEPTH:
            parsed.problems.append(Problem(where, "yaml-too-deep", f"values nest more than {MAX_NODE_DEPTH} levels"))
            return False
        if isinstance(node, yaml.MappingNode):
            ok = _check_mapping(node, key_path, depth, path, parsed, stack) and ok
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*key_path, index)
                parsed.positions[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
                stack.append((item, child, depth + 1))
        if node.tag not in _ALLOWED_TAGS:
            parsed.problems.append(Problem(where, "yaml-tag", f"YAML tag {node.tag!r} is not allowed"))
            ok = False
    return ok


def _check_mapping(node: Any, key_path: Path, depth: int, path: str, parsed: Parsed, stack: list) -> bool:
    ok = True
    keys: dict[str, int] = {}
    for key_node, value_node in node.value:
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            parsed.problems.append(Problem(Location(path, line, column), "yaml-key", "mapping keys must be plain text"))
            ok = False
            continue
        key = key_node.value
        if key == "<<":
            parsed.problems.append(
                Problem(Location(path, line, column), "yaml-alias", "merge keys (<<) are not allowed in records")
            )
            ok = False
            continue
        if key in keys:
            parsed.problems.append(
                Problem(
                    Location(path, line, column),
                    "duplicate-key",
                    f"key '{_dotted((*key_path, key))}' appears twice (first on line {keys[key]}); keep one",
                    field=_dotted((*key_path, key)),
                )
            )
            ok = False
            continue
        keys[key] = line
        child = (*key_path, key)
        parsed.positions[child] = (line, column)
        stack.append((value_node, child, depth + 1))
    return ok


def _construct(text: str, node: Any) -> Any:
    loader = _StrictLoader(text)
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


class _RecordDumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Writes what _StrictLoader reads back unchanged: dates unquoted, flat lists inline, mappings as blocks."""


_RecordDumper.yaml_implicit_resolvers = {
    first: list(resolvers) for first, resolvers in _StrictLoader.yaml_implicit_resolvers.items()
}


def _represent_list(dumper: Any, data: list[Any]) -> Any:
    flat = all(not isinstance(item, (dict, list)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


def _represent_dict(dumper: Any, data: dict[str, Any]) -> Any:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_RecordDumper.add_representer(list, _represent_list)
_RecordDumper.add_representer(dict, _represent_dict)


def dump_yaml(data: Any) -> str:
    """Deterministic YAML: keys in the order given, block mappings, inline flat lists, Unicode kept."""
    return str(yaml.dump(data, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=10000))
