"""The JSON Schemas: one file per record kind, shared by the validator and contributors' editors.

The schemas are the one description of a record: its fields and their order, types, ranges and id
patterns, and each field's description. This module loads them and turns a schema error into a
problem with a code and the line of the value it is about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import fastjsonschema
import jsonschema

from generator.core.problems import Location, Problem, describe_type, short_repr
from generator.core.yamlio import dotted

SCHEMA_DIR = Path(__file__).parent / "schemas"
# The id rule in words (the pattern itself is in the schemas; see generator.dataset.ids).
ID_RULE = "lower-case letters, digits and hyphens (3-81 characters, starting with a letter or digit)"
DATE_FIELDS = {"date", "as_of", "since", "published", "added"}
ID_LIST_FIELDS = {"weapons", "claimed_by", "targets"}
SCHEMA_FILES = {"event": "event.schema.json", "tally": "tally.schema.json", "reference": "reference.schema.json"}


@dataclass(frozen=True)
class Schema:
    """A schema with a compiled fast check (for the common, valid case) and a full validator (for reports)."""

    kind: str
    document: dict[str, Any]
    fast_check: Callable[[Any], Any]
    full: jsonschema.Draft202012Validator

    def is_valid(self, value: Any) -> bool:
        try:
            self.fast_check(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


@cache
def load_schema(kind: str) -> Schema:
    """Load and compile the schema for a record kind ('event', 'tally' or 'reference')."""
    document = json.loads((SCHEMA_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    return Schema(
        kind=kind,
        document=document,
        fast_check=fastjsonschema.compile(document),
        full=jsonschema.Draft202012Validator(document),
    )


@cache
def casualty_limits() -> dict[str, int]:
    """The largest count each casualty field of an event may hold, as the event schema says."""
    fields = load_schema("event").document["properties"]["casualties"]["properties"]
    return {name: spec["maximum"] for name, spec in fields.items() if "maximum" in spec}


class Located(Protocol):
    """A loaded file that can say where a key path sits (generator.dataset.load.Record)."""

    def at(self, *key_path: str | int) -> Location: ...


def schema_problems(record: Located, kind: str, data: Any) -> list[Problem]:
    """Every way data breaks the kind's schema, as problems (none when it is valid)."""
    schema = load_schema(kind)
    if schema.is_valid(data):
        return []
    return [schema_problem(record, error) for error in schema.full.iter_errors(data)]


def schema_problem(record: Located, error: Any) -> Problem:
    """A jsonschema error as a problem with a code, at the line of the value it is about."""
    path = tuple(error.absolute_path)
    name = dotted(path) or "record"
    validator = error.validator
    if validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        field = dotted((*path, missing[0])) if missing else name
        return Problem(record.at(*path), "missing-field", f"'{field}' is required but missing", field=field)
    if validator == "additionalProperties":
        extra = _extra_key(error)
        if extra is _NO_KEY:
            return Problem(record.at(*path), "unknown-field", f"'{name}' has a field that is not known", field=name)
        field = dotted((*path, str(extra)))
        hint = "check the spelling" if isinstance(extra, str) else "field names are text"
        return Problem(
            record.at(*path, extra), "unknown-field", f"'{field}' is not a known field ({hint})", field=field
        )
    if validator == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        message = f"'{name}' must be {expected_text}; got {describe_type(error.instance)} {short_repr(error.instance)}"
        return Problem(record.at(*path), "wrong-type", message, field=name)
    if validator == "pattern" and path and path[-1] in DATE_FIELDS:
        message = f"'{name}' must be YYYY-MM-DD; got {short_repr(error.instance)}"
        return Problem(record.at(*path), "bad-date", message, field=name)
    if validator == "pattern" and (path[-1:] in (("id",), ("base",)) or _is_id_list(path)):
        message = f"'{name}' must be {ID_RULE}; got {short_repr(error.instance)}"
        return Problem(record.at(*path), "bad-id", message, field=name)
    if validator in {"minimum", "maximum"}:
        bound = "at least" if validator == "minimum" else "at most"
        message = f"'{name}' must be {bound} {error.validator_value}; got {error.instance}"
        return Problem(record.at(*path), "bad-number", message, field=name)
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        message = f"'{name}' must be one of: {options}; got {short_repr(error.instance)}"
        return Problem(record.at(*path), "bad-value", message, field=name)
    if validator in {"minLength", "minItems"}:
        return Problem(record.at(*path), "empty-field", f"'{name}' must not be empty", field=name)
    if validator in {"maxLength", "maxItems"}:
        message = f"'{name}' is too long (limit {error.validator_value})"
        return Problem(record.at(*path), "too-long", message, field=name)
    if validator == "uniqueItems":
        return Problem(record.at(*path), "repeated-item", f"'{name}' lists the same value twice", field=name)
    return Problem(record.at(*path), "schema", f"'{name}': {error.message[:200]}", field=name)


def _is_id_list(path: tuple[Any, ...]) -> bool:
    return len(path) == 2 and path[0] in ID_LIST_FIELDS


_NO_KEY = object()


def _extra_key(error: Any) -> Any:
    """The first key of the mapping that the schema does not list (any type: `1:` gives the number 1)."""
    known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    return next((key for key in instance if not (isinstance(key, str) and key in known)), _NO_KEY)
