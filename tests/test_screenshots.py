"""`make screenshots` writes each page type at 1280 and 390 px in light and dark mode, and the
pull-request workflow runs it and uploads the folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import screenshots

from generator.core.yamlio import parse_yaml

REPO = Path(__file__).resolve().parent.parent
PAGE_TYPES = {"home", "chronology", "event", "base", "actor", "tallies", "downloads", "not-found"}


@pytest.mark.browser
@pytest.mark.slow
def test_screenshots_of_each_page_type_at_both_widths_in_both_modes(built_site: Path, tmp_path: Path) -> None:
    assert screenshots.main(["--site", str(built_site / "site"), "--out", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.glob("*.png")}
    for name in PAGE_TYPES:
        for width in screenshots.WIDTHS:
            for scheme in screenshots.SCHEMES:
                shot = f"{name}-{width}-{scheme}.png"
                assert shot in written, shot
                assert (tmp_path / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_makefile_and_the_pull_request_workflow_make_and_upload_them() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^screenshots:.*\n\t\$\(PY\) tests/screenshots\.py --site site --out screenshots$", makefile, re.M
    )
    workflow = parse_yaml((REPO / ".github/workflows/pr.yml").read_bytes(), "pr.yml").data
    steps = workflow["jobs"]["test"]["steps"]
    runs = [i for i, step in enumerate(steps) if step.get("run") == "make screenshots"]
    uploads = [
        i
        for i, step in enumerate(steps)
        if str(step.get("uses", "")).startswith("actions/upload-artifact@")
        and step.get("with", {}).get("path") == "screenshots/"
    ]
    assert runs and uploads and runs[0] < uploads[0]
