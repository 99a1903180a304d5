"""Safe YAML reading with line numbers, and deterministic YAML writing.

Records come from strangers' pull requests, so the reader refuses anything that could hurt the
build before parsing (oversized files, deep nesting that would overflow libyaml's C stack) and
refuses anchors and aliases (a "billion laughs" document is a handful of nodes that expands
exponentially when walked). Dates stay strings so that the validator, not the YAML library,
decides what a well-formed date is and says so with a line number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import WARNING, Location, Problem

MAX_FILE_BYTES = 512 * 1024
MAX_FLOW_DEPTH = 64
MAX_NODE_DEPTH = 64
# Block collections nest by indentation (or by `- `, `? `, `: ` indicators on one line), so a line's
# leading run of spaces and indicators bounds how deep the block structure can be at that line.
# libyaml's composer recurses once per level in C: tens of thousands of `- ` crash the interpreter.
MAX_BLOCK_PREFIX = 256
_BLOCK_PREFIX = re.compile(r"[ ]*(?:[-?:](?:[ \t]+|$)[ ]*)*")
# Editors, git and GitHub count lines at \n, \r\n and \r; libyaml also breaks lines at U+0085,
# U+2028 and U+2029, which turn up in text pasted from web pages.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_RAW_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")

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
    lines = _Lines(text)
    node = _compose(text, path, parsed.problems, lines)
    if node is None:
        return parsed
    if not _check_tree(node, path, parsed, lines):
        return parsed
    try:
        parsed.data = _construct(text, node)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as err:
        # An explicit tag on a value it does not fit, such as `!!int abc`.
        line = lines.at(node.start_mark)[0]
        parsed.problems.append(Problem(Location(path, line), "yaml-syntax", f"YAML value error: {err}"))
    return parsed


class _Lines:
    """Line and column of a libyaml mark, counted the way editors and GitHub count lines."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        if any(char in text for char in _YAML_ONLY_BREAKS):
            self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
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


def _line_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, with \\n, \\r\\n or \\r ending lines."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def too_large(size: int, path: str, limit: int = MAX_FILE_BYTES) -> Problem:
    """The problem for a file over the size limit (the loader refuses it without reading it all)."""
    return Problem(
        Location(path, 1),
        "file-too-large",
        f"file is {size:,} bytes; a data file may be at most {limit:,} bytes",
    )


def _decode(raw: bytes, path: str, problems: list[Problem]) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        problems.append(too_large(len(raw), path))
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
        line = len(_RAW_LINE_BREAK.findall(raw, 0, err.start)) + 1
        problems.append(
            Problem(Location(path, line), "not-utf8", f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save as UTF-8")
        )
        return None
    if "\x00" in text:
        line = _line_of_index(text, text.index("\x00"))[0]
        problems.append(Problem(Location(path, line), "binary-file", "file contains NUL bytes; expected YAML text"))
        return None
    return text


def _precheck(text: str, path: str) -> list[Problem]:
    problems = []
    too_deep = False
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(Problem(Location(path, number), "yaml-tab", "indentation uses a tab; YAML needs spaces"))
        prefix = _BLOCK_PREFIX.match(line)
        if not too_deep and prefix is not None and prefix.end() > MAX_BLOCK_PREFIX:
            too_deep = True
            message = (
                f"line is indented (with spaces and '-', '?' or ':') more than {MAX_BLOCK_PREFIX} columns;"
                " records are at most a few levels deep"
            )
            problems.append(Problem(Location(path, number), "yaml-too-deep", message))
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
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return 0, 1  # too few brackets to nest too deep: skip the character-by-character walk
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


def _compose(text: str, path: str, problems: list[Problem], lines: _Lines) -> Any:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as err:
        # A character YAML does not allow (control characters, U+FFFE, ...): reported with its position.
        line, column = _line_of_index(text, min(max(err.position, 0), len(text)))
        character = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        message = f"YAML syntax error: character {character} is not allowed in YAML ({err.reason})"
        problems.append(Problem(Location(path, line, column), "yaml-syntax", message))
        return None
    except yaml.MarkedYAMLError as err:
        mark: Any = err.problem_mark or err.context_mark
        line, column = lines.at(mark) if mark is not None else (1, 0)
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


def _first_alias(parsed: Parsed, path: str, lines: _Lines) -> Location | None:
    """Where the first alias (*name) sits; the node tree only knows where its anchor was."""
    for event in yaml.parse(parsed.source, Loader=_StrictLoader):
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            return Location(path, *lines.at(mark))
    return None


def _check_tree(root: Any, path: str, parsed: Parsed, lines: _Lines) -> bool:
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


def _check_mapping(
    node: Any, key_path: Path, depth: int, path: str, parsed: Parsed, stack: list, lines: _Lines
) -> bool:
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
