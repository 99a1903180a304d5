"""Data flows one way between the packages of the pipeline; only the CLI layer prints.

The layers are the package's own folders, in pipeline order: a module may import from its own
package and from packages in earlier layers, never from a later one. A new folder must be placed
here, and a module at the top of generator/ (other than the pipeline and the entry point) fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Earlier layers first. Packages in one layer do not import each other.
LAYERS: list[set[str]] = [
    {"core"},  # problems, the one reader, YAML, config, caches
    {"dataset"},  # records: load, schema, validate, reference, write
    {"ingest", "render"},  # articles to drafts; a valid dataset to pages, charts and downloads
    {"publish"},  # the docs tree, MkDocs and its hooks
    {"tools"},  # `new` and synthetic data
    {"build"},  # the pipeline, stage by stage (generator/build.py)
    {"cli"},  # commands: the only place that prints or exits
    {"__main__"},  # python -m generator
]
TOP_LEVEL_MODULES = {"build", "__main__", "__init__"}


def _layer(package: str) -> int:
    for index, layer in enumerate(LAYERS):
        if package in layer:
            return index
    raise AssertionError(f"generator.{package} is not placed in a layer in tests/test_layers.py")


def _package_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] if node.level == 0 else []
            assert node.level == 0, f"{path}: relative import; write generator.<package>.<module>"
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found.update(name.split(".")[1] for name in names if name.startswith("generator.") and name.count(".") >= 1)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_lives_in_a_package() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem not in TOP_LEVEL_MODULES]
    assert not loose, f"modules at the top of generator/ belong in a stage package: {loose}"
    for path in _modules():
        if path != PACKAGE / "__init__.py":
            _layer(_package_of(path))


def test_packages_import_only_earlier_layers() -> None:
    wrong = []
    for path in _modules():
        package = _package_of(path)
        if package == "__init__":
            continue
        for imported in _imported_packages(path):
            if imported == package:
                continue
            if _layer(imported) >= _layer(package):
                wrong.append(f"{path.relative_to(PACKAGE)} (generator.{package}) imports generator.{imported}")
    assert not wrong, "imports against the pipeline's direction:\n" + "\n".join(wrong)


def test_only_the_cli_layer_prints() -> None:
    printing = []
    for path in _modules():
        if _package_of(path) in {"cli", "__main__"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                printing.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not printing, f"print() outside the CLI layer: {printing}"
