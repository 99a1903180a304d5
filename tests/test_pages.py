"""Generated pages and charts: golden files for a small dataset, escaping, and chart validity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import altair as alt
import jsonschema
import pytest
from conftest import copy_reference
from records_factory import event, event_file

from generator.dataset.load import load_records
from generator.dataset.validate import validate_records
from generator.render.charts import build_charts, shared_datasets
from generator.render.exports import render_exports
from generator.render.model import Chronology, build_chronology
from generator.render.pages import render_pages, root_prefix

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
GOLDEN = Path(__file__).parent / "golden"
GOLDEN_FILES = [
    "pages/index.md",
    "pages/chronology/index.md",
    "pages/chronology/2023-11.md",
    "pages/events/2023-11-24-al-tanf-attack.md",
    "pages/events/2023-12-01-iq-strike.md",
    "pages/bases/al-tanf.md",
    "pages/actors/islamic-resistance-in-iraq.md",
    "pages/tallies.md",
    "charts/home-weekly.json",
    "charts/event-2023-11-24-al-tanf-attack.json",
    "charts/tallies.json",
    "exports/downloads/events.csv",
]


def chronology_from(tmp_path: Path, source: Path = FIXTURES) -> Chronology:
    data_dir = tmp_path / "data"
    copy_reference(data_dir)
    shutil.copytree(source, data_dir, dirs_exist_ok=True)
    dataset = load_records(data_dir)
    report = validate_records(dataset)
    assert report.ok, report.render()
    return build_chronology(dataset)


@pytest.fixture
def fixture_output(tmp_path: Path) -> dict[str, str]:
    chronology = chronology_from(tmp_path)
    output = {f"pages/{path}": text for path, text in render_pages(chronology).items()}
    output.update({f"charts/{chart_id}.json": text for chart_id, text in build_charts(chronology).items()})
    output.update({f"exports/{path}": text for path, text in render_exports(chronology).items()})
    return output


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_golden(fixture_output: dict[str, str], name: str, update_golden: bool) -> None:
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(fixture_output[name], encoding="utf-8")
    assert fixture_output[name] == golden.read_text(encoding="utf-8"), f"{name} differs from tests/golden/{name}"


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = chronology_from(tmp_path / "a")
    second = chronology_from(tmp_path / "b")
    assert render_pages(first) == render_pages(second)
    assert build_charts(first) == build_charts(second)
    assert render_exports(first) == render_exports(second)


def test_one_page_per_event_base_and_actor(fixture_output: dict[str, str]) -> None:
    pages = {p for p in fixture_output if p.startswith("pages/")}
    assert {f"pages/events/{p.stem}.md" for p in FIXTURES.rglob("events/*/*.yaml")} <= pages
    assert "pages/bases/tower-22.md" in pages
    assert "pages/actors/kataib-hezbollah.md" in pages


def resolve(spec: dict[str, Any], shared: dict[str, Any], region: Any) -> dict[str, Any]:
    datasets = {}
    for name, value in spec.get("datasets", {}).items():
        ref = value.get("$ref") if isinstance(value, dict) else None
        datasets[name] = region if ref == "region" else shared[ref] if ref else value
    return {**spec, "datasets": datasets}


def test_every_chart_is_valid_vega_lite(tmp_path: Path, repo: Path) -> None:
    chronology = chronology_from(tmp_path)
    shared = shared_datasets(chronology)
    region = json.loads((repo / "data/reference/region.geojson").read_text(encoding="utf-8"))
    schema = alt.vegalite.v6.schema.core.load_schema()
    validator = jsonschema.Draft7Validator(schema)
    for chart_id, text in build_charts(chronology).items():
        spec = resolve(json.loads(text), shared, region)
        errors = [e.message for e in validator.iter_errors(spec)]
        assert not errors, f"chart {chart_id}: {errors[:3]}"
        assert all(isinstance(rows, list | dict) for rows in spec["datasets"].values()), chart_id


@pytest.mark.parametrize(
    ("path", "expected"),
    [("index.md", ""), ("tallies.md", "../"), ("chronology/index.md", "../"), ("events/x.md", "../../")],
)
def test_root_prefix(path: str, expected: str) -> None:
    assert root_prefix(path) == expected


HOSTILE = (
    '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> {: onclick="x"} {{ 7*7 }}'
)


def test_free_text_is_escaped(tmp_path: Path) -> None:
    data = event(summary=HOSTILE, notes=HOSTILE)
    data["location"]["place"] = HOSTILE
    data["sources"][0].update(outlet=HOSTILE, quote="<b>bold</b> & [x](javascript:y)", url="javascript:alert(4)")
    path, text = event_file(data)
    source = tmp_path / "src"
    (source / path).parent.mkdir(parents=True)
    (source / path).write_text(text, encoding="utf-8")
    dataset_dir = tmp_path / "data"
    copy_reference(dataset_dir)
    shutil.copytree(source, dataset_dir, dirs_exist_ok=True)
    dataset = load_records(dataset_dir)
    # The URL is refused by the validator; the page must still never render it.
    assert [p.code for p in validate_records(dataset).errors] == ["bad-url"]
    page = render_pages(build_chronology(dataset))[f"events/{data['id']}.md"]
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "javascript:" not in page.replace("[click](javascript:alert(2))", "").replace("[x](javascript:y)", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
