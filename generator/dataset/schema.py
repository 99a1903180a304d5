"""The JSON Schemas: one file per record kind, shared by the validator and contributors' editors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

SCHEMA_DIR = Path(__file__).parent / "schemas"
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
