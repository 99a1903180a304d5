"""The Vega runtime, served from the site itself: readers' browsers never contact a third-party host.

The bundle (Vega, Vega-Lite and vega-embed) comes from the vl-convert-python package at build
time and is never committed. It is cached per package version because producing it takes a second.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import altair as alt
import vl_convert

GLOBALS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes specs for, as 'vMAJOR.MINOR'."""
    return ".".join(alt.SCHEMA_VERSION.split(".")[:2])


def vega_bundle(cache_dir: Path) -> str:
    """JavaScript defining window.vega, window.vegaLite and window.vegaEmbed."""
    cache_file = Path(cache_dir) / f"vega-bundle-{version('vl-convert-python')}-{vega_lite_version()}.js"
    if cache_file.is_file():
        return cache_file.read_text(encoding="utf-8")
    bundle = str(vl_convert.javascript_bundle(GLOBALS, vega_lite_version()))
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache_file.with_suffix(".tmp")
    temporary.write_text(bundle, encoding="utf-8")
    temporary.replace(cache_file)
    return bundle
