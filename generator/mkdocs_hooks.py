"""MkDocs hooks: serve docs/generated/ at the site root, and point edit links at the records.

The generator writes into one folder, docs/generated/, so that a build can swap the whole folder
in atomically. Readers should not see "generated" in permalinks, so its files are re-rooted here.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.structure.files import File, Files

GENERATED = "generated/"


def on_files(files: Files, config: Any) -> Files:
    generated_dir = os.path.join(config["docs_dir"], GENERATED.rstrip("/"))
    for file in list(files):
        if not file.src_uri.startswith(GENERATED):
            continue
        files.remove(file)
        moved = File(
            file.src_uri[len(GENERATED) :],
            src_dir=generated_dir,
            dest_dir=config["site_dir"],
            use_directory_urls=config["use_directory_urls"],
            inclusion=file.inclusion,
        )
        files.append(moved)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """A generated page names the file to edit in its front matter: its record, or the page template."""
    if page.file.src_dir and page.file.src_dir.rstrip("/").endswith("generated"):
        edit_path = page.meta.get("edit_path")
        repo_url = (config.get("repo_url") or "").rstrip("/")
        page.edit_url = f"{repo_url}/edit/main/{edit_path}" if edit_path and repo_url else None
    return markdown
