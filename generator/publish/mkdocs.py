"""Running the site engine (MkDocs) on the generated docs tree, and what the generator reads from mkdocs.yml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from generator.core.problems import GeneratorError
from generator.core.urls import is_safe_url
from generator.publish.tree import clean_stale_staging, swap_in

DEFAULT_SITE_URL = "https://example.invalid/chronology/"
ENGINES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}


def site_url(repo_root: Path) -> str:
    """site_url from mkdocs.yml (the project's own file, not data), used for absolute links in feeds."""
    config_path = repo_root / "mkdocs.yml"
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return DEFAULT_SITE_URL
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) and is_safe_url(value) else DEFAULT_SITE_URL


def run_mkdocs(repo_root: Path, site_dir: Path, strict: bool = True, engine: str = "mkdocs") -> tuple[int, str]:
    """Build the site into a staging folder and swap it in only when the build succeeded."""
    site_dir = Path(site_dir)
    clean_stale_staging(site_dir)
    staging = site_dir.parent / f".staging-{site_dir.name}-mkdocs"
    module = ENGINES[engine]
    command = [sys.executable, "-m", module, "build", "-q", "-f", str(repo_root / "mkdocs.yml"), "-d", str(staging)]
    if strict:
        command.append("--strict")
    try:
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as err:
        raise GeneratorError(f"could not run {engine}: {err}") from err
    output = (completed.stdout + completed.stderr).strip()
    if completed.returncode != 0:
        return completed.returncode, output
    swap_in(staging, site_dir)
    return 0, output
