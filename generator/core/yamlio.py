"""Safe YAML reading with line numbers, and deterministic YAML writing.

Records come from strangers' pull requests, so the reader refuses anything that could hurt the
build before parsing (oversized files, deep nesting that would overflow libyaml's C stack) and
refuses anchors and aliases (a "billion laughs" document is a handful of nodes that expands
exponentially when walked). Dates stay strings so that the validator, not the YAML library,
decides what a well-formed date is and says so with a line number.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.core.problems import WARNING, Location, Problem
from generator.core.yamltree import (
    LINE_BREAK,
    MAX_NODE_DEPTH,
    Lines,
    Parsed,
    Slow,
    StrictLoader,
    check_tree,
    dotted,
    fast_build,
    line_of_index,
)

__all__ = ["MAX_FILE_BYTES", "MAX_NODE_DEPTH", "Parsed", "dotted", "dump_yaml", "parse_yaml", "too_large"]

MAX_FILE_BYTES = 512 * 1024
MAX_FLOW_DEPTH = 64
# Block collections nest by indentation (or by `- `, `? `, `: ` indicators on one line), so a line's
# leading run of spaces and indicators bounds how deep the block structure can be at that line.
# libyaml's composer recurses once per level in C: tens of thousands of `- ` crash the interpreter.
MAX_BLOCK_PREFIX = 256
_BLOCK_PREFIX = re.compile(r"[ ]*(?:[-?:](?:[ \t]+|$)[ ]*)*")
# Such a prefix is made of these characters only: text without a run this long has no line too deep.
_LONG_PREFIX = re.compile(rf"[ \t?:-]{{{MAX_BLOCK_PREFIX + 1}}}")
_RAW_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    lines = Lines(text)
    node = _compose(text, path, parsed.problems, lines)
    if node is None:
        return parsed
    try:
        parsed.data = fast_build(node, parsed.positions, lines.at)
        return parsed
    except (Slow, ValueError):  # ValueError: more digits than int() converts (sys.get_int_max_str_digits)
        parsed.positions.clear()  # the careful path below records them again, exactly as it always has
    if not check_tree(node, path, parsed, lines):
        return parsed
    try:
        parsed.data = _construct(text, node)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, RecursionError) as err:
        # An explicit tag on a value it does not fit, such as `!!int abc`.
        line = lines.at(node.start_mark)[0]
        parsed.problems.append(Problem(Location(path, line), "yaml-syntax", f"YAML value error: {err}"))
    return parsed


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
        line = line_of_index(text, text.index("\x00"))[0]
        problems.append(Problem(Location(path, line), "binary-file", "file contains NUL bytes; expected YAML text"))
        return None
    return text


def _precheck(text: str, path: str) -> list[Problem]:
    problems = [] if "\t" not in text and not _LONG_PREFIX.search(text) else _line_problems(text, path)
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


def _line_problems(text: str, path: str) -> list[Problem]:
    """Tab indentation and over-long block prefixes, line by line (only when the text could have them)."""
    problems = []
    too_deep = False
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
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


def _compose(text: str, path: str, problems: list[Problem], lines: Lines) -> Any:
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as err:
        # A character YAML does not allow (control characters, U+FFFE, ...): reported with its position.
        line, column = line_of_index(text, min(max(err.position, 0), len(text)))
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


def _construct(text: str, node: Any) -> Any:
    loader = StrictLoader(text)
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


class _RecordDumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Writes what StrictLoader reads back unchanged: dates unquoted, flat lists inline, mappings as blocks."""


_RecordDumper.yaml_implicit_resolvers = {
    first: list(resolvers) for first, resolvers in StrictLoader.yaml_implicit_resolvers.items()
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
