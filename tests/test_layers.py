"""Data flows one way: each module imports only the stages before it; only the CLI layer prints."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Lower layers first. A module may import modules from its own layer or lower ones.
LAYERS = [
    {"problems"},
    {"yamlio", "yamltree"},
    {"records", "cache", "schema", "emit"},
    {"validate", "articles", "history", "redirects", "vendor"},
    {"model", "extract", "extraction"},
    {"charts", "merge", "evaluate", "exports", "feeds", "newrecord", "synth"},
    {"pages"},
    {"site"},
    {"build"},
    {"cli", "commands", "__main__", "mkdocs_hooks"},
]


def _layer(name: str) -> int:
    for index, layer in enumerate(LAYERS):
        if name in layer:
            return index
    raise AssertionError(f"module generator.{name} is not placed in a layer in tests/test_layers.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("generator."))
    return found


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_modules_import_only_earlier_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        if name == "__init__":
            continue
        for imported in _imports(path):
            if imported != name and _layer(imported) > _layer(name):
                wrong.append(f"generator.{name} imports generator.{imported}, a later stage")
    assert not wrong, "\n".join(wrong)


def test_only_the_cli_layer_prints() -> None:
    printing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _module_name(path) in {"cli", "commands", "__main__"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                printing.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not printing, f"print() outside the CLI layer: {printing}"
