"""A second site engine as insurance: ProperDocs (the maintained fork of MkDocs 1.x) builds the same site.

MkDocs stays the default. This test builds the repository's site with ProperDocs from the same
mkdocs.yml and generated docs, and compares it with the MkDocs build page by page: every file
must exist in both, with the same bytes, apart from the `generator` meta tag that names the engine.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from conftest import run_generator

from generator.publish.mkdocs import run_mkdocs

pytestmark = pytest.mark.slow
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        found[path.relative_to(root).as_posix()] = gzip.decompress(raw) if path.suffix == ".gz" else raw
    return found


def test_properdocs_builds_the_same_site(built_site: Path) -> None:
    run_generator(built_site, "build", check=True)
    code, output = run_mkdocs(built_site, built_site / "site-properdocs", engine="properdocs")
    assert code == 0, output
    mkdocs, properdocs = _files(built_site / "site"), _files(built_site / "site-properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    different = [
        name
        for name, raw in mkdocs.items()
        if GENERATOR_META.sub(b"", raw) != GENERATOR_META.sub(b"", properdocs[name])
    ]
    assert different == [], f"{len(different)} files differ beyond the generator tag, e.g. {different[:5]}"
    assert b"ProperDocs" in properdocs["index.html"]
