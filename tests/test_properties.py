"""Property tests (Hypothesis): the loader, the validator and the extractor never raise, whatever they are given.

Deterministic for CI: derandomize=True, no example database, a fixed max_examples per test.
The number of examples each test ran is printed at the end of the module (pytest -s shows it).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import importlib.util
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from records_factory import event, tally

from generator.core.problems import Report
from generator.core.yamlio import dump_yaml, parse_yaml
from generator.dataset.ids import make_event_id, make_tally_id
from generator.dataset.load import EVENT, TALLY, Dataset, Record, load_records
from generator.dataset.validate import validate_records
from generator.dataset.write import render_record

TODAY = dt.date(2024, 6, 1)
CAMPAIGN_START = dt.date(2023, 10, 17)
EXAMPLES = 300
EXAMPLES_EXTRACT = 200
EXAMPLES_PIPELINE = 25
RAN: Counter[str] = Counter()

DETERMINISTIC = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module", autouse=True)
def report_example_counts() -> Iterator[None]:
    yield
    total = sum(RAN.values())
    lines = [f"  {name}: {count} examples" for name, count in sorted(RAN.items())]
    print(f"\nHypothesis examples run: {total}\n" + "\n".join(lines))


# --- shared data ---------------------------------------------------------------------------------


@functools.cache
def base_dataset() -> Dataset:
    """The repository's reference data and config, loaded once; examples add records to copies."""
    folder = Path(tempfile.mkdtemp(prefix="properties-"))
    copy_reference(folder / "data")
    dataset = load_records(folder / "data")
    shutil.rmtree(folder, ignore_errors=True)
    return dataset


def validate_one(kind: str, path: str, raw: bytes) -> tuple[Report, Record]:
    base = base_dataset()
    record = Record(kind, path, parse_yaml(raw, path))
    dataset = Dataset(
        root=base.root, reference_files=base.reference_files, config=base.config, problems=list(record.parsed.problems)
    )
    if kind == EVENT:
        dataset.events = [record]
    else:
        dataset.tallies = [record]
    return validate_records(dataset, today=TODAY), record


def line_count(raw: bytes) -> int:
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def assert_located(report: Report, path: str, raw: bytes) -> None:
    """Every problem names the file and a line inside it (line 1 for problems about the whole file)."""
    last = line_count(raw)
    for problem in report.problems:
        assert problem.location.path == path, problem
        assert 1 <= problem.location.line <= last, (problem, last)
        assert problem.code and problem.message, problem


# --- YAML-ish text -------------------------------------------------------------------------------

FRAGMENTS = [
    "id", "date", "type", "location", "base", "sources", "quote", "summary", ":", ": ", "- ", "-", "? ", "[", "]",
    "{", "}", ",", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!!python/object ", "!x ", "<<: ", "'", '"', "|",
    ">", "#", "%YAML 1.1", "---", "...", "\n", "\n  ", "\n    ", "\n- ", "\t", " ", "  ", "null", "~", "true",
    "2023-11-23", "2023-02-30", "1e400", "-1", "0x10", "é", "\u2028", "\x85", "\ufeff", "\x00", "\x07", "\\",
    "\\u0000", "<script>", "{{ x }}", "@", "`",
]  # fmt: skip
yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)


@DETERMINISTIC
@given(raw=st.binary(max_size=2000))
def test_parse_yaml_never_raises_on_bytes(raw: bytes) -> None:
    RAN["parse_yaml on arbitrary bytes"] += 1
    parsed = parse_yaml(raw, "x.yaml")
    assert parsed.data is None or not parsed.problems or all(p.severity == "warning" for p in parsed.problems)
    for problem in parsed.problems:
        assert problem.location.path == "x.yaml" and problem.location.line >= 1, problem


@DETERMINISTIC
@given(text=yamlish)
def test_loader_and_validator_never_raise_on_yamlish_text(text: str) -> None:
    RAN["load and validate YAML-like text"] += 1
    raw = text.encode("utf-8", "surrogatepass")
    path = "data/events/2023/x.yaml"
    report, _ = validate_one(EVENT, path, raw)
    assert_located(report, path, raw)


VALID_EVENT = render_record("event", event()).encode("utf-8")
EDIT_BYTES = [b":", b"- ", b"[", b"]", b"{", b"}", b"\n", b"  ", b"\t", b"&x ", b"*x", b"'", b'"', b"#", b"!!", b"\xff"]


@st.composite
def mutated_record(draw: st.DrawFn) -> bytes:
    raw = bytearray(VALID_EVENT)
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.sampled_from(EDIT_BYTES) | st.binary(min_size=1, max_size=4))
        if action == "insert":
            raw[position:position] = chunk
        elif action == "delete":
            del raw[position : position + draw(st.integers(1, 20))]
        else:
            raw[position : position + len(chunk)] = chunk
    return bytes(raw)


@DETERMINISTIC
@given(raw=mutated_record())
def test_validator_never_raises_on_mutated_records(raw: bytes) -> None:
    RAN["validate a randomly edited record file"] += 1
    path = "data/events/2023/2023-11-23-erbil-air-base-attack.yaml"
    report, _ = validate_one(EVENT, path, raw)
    assert_located(report, path, raw)


# --- structured but wrong records -----------------------------------------------------------------

KEYS = list(event()) + list(tally()) + ["base", "country", "place", "us_killed", "outlet", "url", "quote", "published"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["2023-11-23", "2023-02-30", "javascript:alert(1)", "erbil-air-base", "drone", "IQ", "../x"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def broken_record(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    data = copy.deepcopy(event() if kind == EVENT else tally())
    for _ in range(draw(st.integers(1, 4))):
        target: Any = data
        if draw(st.booleans()) and isinstance(data.get("sources"), list) and data["sources"]:
            target = data["sources"][0] if isinstance(data["sources"][0], dict) else data
        elif draw(st.booleans()) and isinstance(data.get("location"), dict):
            target = data["location"]
        key = draw(st.sampled_from(sorted(target)) | st.sampled_from(KEYS))
        if draw(st.integers(0, 4)) == 0:
            target.pop(key, None)
        else:
            target[key] = draw(values)
    return data


@DETERMINISTIC
@given(data=broken_record(EVENT))
def test_validator_never_raises_on_wrongly_typed_events(data: dict[str, Any]) -> None:
    RAN["validate an event with wrong values"] += 1
    path = "data/events/2023/x.yaml"
    raw = dump_yaml(data).encode("utf-8")
    report, _ = validate_one(EVENT, path, raw)
    assert_located(report, path, raw)


@DETERMINISTIC
@given(data=broken_record(TALLY))
def test_validator_never_raises_on_wrongly_typed_tallies(data: dict[str, Any]) -> None:
    RAN["validate a tally with wrong values"] += 1
    path = "data/tallies/x.yaml"
    raw = dump_yaml(data).encode("utf-8")
    report, _ = validate_one(TALLY, path, raw)
    assert_located(report, path, raw)


@DETERMINISTIC
@given(value=values, kind=st.sampled_from(["bases", "actors", "weapons", "countries"]))
def test_validator_never_raises_on_malformed_reference_data(value: Any, kind: str) -> None:
    RAN["validate malformed reference data"] += 1
    base = base_dataset()
    path = f"data/reference/{kind}.yaml"
    raw = dump_yaml(value).encode("utf-8")
    reference = dict(base.reference_files)
    reference[kind] = Record(kind, path, parse_yaml(raw, path))
    events = [Record(EVENT, "data/events/2023/e.yaml", parse_yaml(VALID_EVENT, "data/events/2023/e.yaml"))]
    dataset = Dataset(root=base.root, events=events, reference_files=reference, config=base.config)
    report = validate_records(dataset, today=TODAY)
    for problem in report.problems:
        assert problem.location.line >= 1, problem


# --- the extractor ---------------------------------------------------------------------------------

HAS_EXTRACT = importlib.util.find_spec("generator.ingest.extract") is not None
HAS_MERGE = importlib.util.find_spec("generator.ingest.update") is not None


@functools.cache
def reference_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for kind, record in base_dataset().reference_files.items():
        entries = record.data if isinstance(record.data, list) else []
        words[kind] = [str(n) for e in entries for n in [e.get("name"), *(e.get("aliases") or [])] if n]
    return words


def sentence_parts() -> st.SearchStrategy[str]:
    words = reference_words()
    day = st.dates(dt.date(2023, 10, 1), dt.date(2024, 5, 31))
    number = st.integers(0, 200).map(str) | st.sampled_from(["two", "three", "a dozen", "several", "dozens", "-4"])
    return st.one_of(
        st.sampled_from(words["bases"]).map(lambda b: f"at {b}"),
        st.sampled_from(words["weapons"]).map(lambda w: f"with {w}"),
        st.sampled_from(words["actors"]).map(lambda a: f"{a} claimed responsibility for"),
        st.sampled_from(words["countries"]).map(lambda c: f"in {c}"),
        day.map(lambda d: f"on {d:%A}, {d:%B} {d.day}"),
        day.map(lambda d: f"on {d:%B} {d.day}, {d.year}"),
        number.map(lambda n: f"{n} attacks since October 17"),
        number.map(lambda n: f"{n} U.S. troops were injured"),
        number.map(lambda n: f"{n} people were killed"),
        st.sampled_from(
            [
                "US forces were attacked",
                "a drone targeted U.S. and coalition forces",
                "U.S. forces struck facilities used by",
                "the attack was intercepted",
                "the Pentagon said",
                "according to a U.S. military official",
                "<script>window.__pwned=1</script>",
                "{{ config }}",
                "[x](javascript:alert(1))",
                "x" * 300,
            ]
        ),
        st.text(max_size=20),
    )


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    sentences = draw(st.lists(st.lists(sentence_parts(), min_size=1, max_size=6).map(" ".join), max_size=8))
    body = ". ".join(sentences) + "."
    published = draw(st.dates(dt.date(2023, 10, 1), dt.date(2024, 5, 31)))
    header = draw(
        st.sampled_from(["date", "front", "none", "bad-front"]),
    )
    if header == "date":
        return f"date {published.isoformat()} {body}".encode()
    if header == "front":
        url = draw(st.sampled_from(["https://example.org/a", "javascript:alert(1)", "data:x", "", "https://a b"]))
        title = draw(st.text(max_size=40))
        outlet = draw(st.text(max_size=20))
        front = dump_yaml({"date": published.isoformat(), "url": url, "title": title, "outlet": outlet})
        return f"---\n{front}---\n{body}".encode()
    if header == "bad-front":
        return f"---\n[unclosed: {published}\n---\n{body}".encode()
    return body.encode("utf-8", "surrogatepass")


def drafts_as_records(drafts: list[dict[str, Any]]) -> list[tuple[str, str, bytes]]:
    """Each draft with the id and path the merge step would give it: (kind, path, YAML bytes)."""
    out = []
    taken: set[str] = set()
    for draft in drafts:
        kind = EVENT if "date" in draft else TALLY
        data = dict(draft)
        data["id"] = make_event_id(data, taken) if kind == EVENT else make_tally_id(data)
        taken.add(data["id"])
        folder = f"events/{str(data['date'])[:4]}" if kind == EVENT else "tallies"
        out.append((kind, f"data/{folder}/{data['id']}.yaml", render_record(kind, data).encode("utf-8")))
    return out


@pytest.mark.skipif(not HAS_EXTRACT, reason="generator.ingest.extract is not part of this checkout yet")
@settings(DETERMINISTIC, max_examples=EXAMPLES_EXTRACT)
@given(raw=article_bytes() | st.binary(max_size=400))
def test_extractor_never_raises_and_every_draft_is_a_valid_record(raw: bytes) -> None:
    from generator.ingest.articles import read_article
    from generator.ingest.extract import extract_drafts

    RAN["extract drafts from an arbitrary article"] += 1
    reference, _ = _reference()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hyp_article.txt"
        path.write_bytes(raw)
        article, problems = read_article(path, CAMPAIGN_START)
    for problem in problems:
        assert problem.location.line >= 1 or problem.code.endswith("unreadable"), problem
    if article is None:
        return
    drafts = extract_drafts(article, reference, CAMPAIGN_START)
    for kind, record_path, record_raw in drafts_as_records(drafts):
        report, _ = validate_one(kind, record_path, record_raw)
        assert report.errors == [], report.render() + "\n" + record_raw.decode()


@functools.cache
def _reference() -> tuple[Any, list[Any]]:
    from generator.ingest.rules.names import Lexicon

    return Lexicon.from_reference(base_dataset().reference), []


@pytest.mark.skipif(not HAS_MERGE, reason="generator.ingest.merge is not part of this checkout yet")
@settings(DETERMINISTIC, max_examples=EXAMPLES_PIPELINE)
@given(articles=st.lists(article_bytes(), min_size=1, max_size=3))
def test_extraction_then_validation_never_gives_an_invalid_record(articles: list[bytes]) -> None:
    from generator.ingest.update import update_records

    RAN["extract into a data folder, then validate"] += 1
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        copy_reference(data_dir)
        (data_dir / "articles").mkdir()
        paths = []
        for index, raw in enumerate(articles):
            paths.append(data_dir / "articles" / f"hyp_{index}.txt")
            paths[-1].write_bytes(raw)
        result = update_records(paths, data_dir)
        report = validate_records(load_records(data_dir), today=TODAY)
        written = "\n".join(Path(p).read_text(encoding="utf-8") for p in result.written)
        assert report.errors == [], report.render() + "\n" + written
