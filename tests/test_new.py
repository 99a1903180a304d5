"""`python -m generator new`: writes a valid draft with the right id and path, refuses bad input, never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.yamlio import parse_yaml
from generator.dataset.load import load_records
from generator.dataset.validate import validate_records

REPO = Path(__file__).resolve().parents[1]

SOURCE = [
    "--outlet",
    "Reuters",
    "--url",
    "https://www.example.org/news/tower-22",
    "--published",
    "2024-01-29",
    "--title",
    "Three U.S. troops killed in drone attack on base in Jordan",
]
TOWER_22 = [
    "attack",
    "--date",
    "2024-01-28",
    "--base",
    "tower-22",
    "--weapons",
    "drone",
    "--claimed-by",
    "islamic-resistance-in-iraq",
    "--us-killed",
    "3",
    "--us-injured",
    "40",
    "--intercepted",
    "no",
    "--summary",
    "A one-way attack drone struck Tower 22 in Jordan, killing three U.S. soldiers.",
    *SOURCE,
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with the project's reference ids and settings, and no records yet."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data" / "reference", target / "reference")
    shutil.copy2(REPO / "data" / "config.yaml", target / "config.yaml")
    return target


def new(data_dir: Path, *args: str) -> int:
    return main(["new", *args, "--data", str(data_dir), "--no-input"])


def load(path: Path) -> dict:
    parsed = parse_yaml(path.read_bytes(), path.name)
    assert not parsed.problems
    assert isinstance(parsed.data, dict)
    return parsed.data


def assert_data_valid(data_dir: Path) -> None:
    report = validate_records(load_records(data_dir))
    assert report.errors == [], report.render()


def test_attack_from_options_is_a_valid_draft(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(data_dir, *TOWER_22) == 0
    path = data_dir / "events" / "2024" / "2024-01-28-tower-22-attack.yaml"
    assert path.is_file()
    assert str(path) in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../generator/dataset/schemas/event.schema.json\n")
    record = load(path)
    assert record["id"] == "2024-01-28-tower-22-attack"
    assert record["type"] == "attack"
    assert record["review"] == "draft"
    assert record["date_precision"] == "day"
    assert record["location"] == {"base": "tower-22", "country": "JO", "place": None}  # country from the base
    assert record["casualties"] == {"us_killed": 3, "us_injured": 40, "killed": None}
    assert record["intercepted"] is False
    assert record["sources"][0]["url"] == "https://www.example.org/news/tower-22"
    assert_data_valid(data_dir)


def test_strike_names_and_aliases_become_ids(data_dir: Path) -> None:
    args = [
        "strike",
        "--date",
        "2024-02-02",
        "--country",
        "Iraq",
        "--place",
        "al-Qaim",
        "--targets",
        "KH, Kataib Hezbollah, IRGC",
        "--killed",
        "unknown",
        "--summary",
        "U.S. forces struck sites used by Kataib Hezbollah and the IRGC.",
        *SOURCE[:4],
        "--published",
        "2024-02-03",
        "--title",
        "U.S. forces struck more than 85 targets",
    ]
    assert new(data_dir, *args) == 0
    record = load(data_dir / "events" / "2024" / "2024-02-02-iq-strike.yaml")
    assert record["targets"] == ["kataib-hezbollah", "irgc"]
    assert record["location"]["country"] == "IQ"
    assert record["casualties"]["killed"] is None
    assert_data_valid(data_dir)


def test_tally_from_options(data_dir: Path) -> None:
    args = ["tally", "--as-of", "2024-02-04", "--attacks", "166", "--iraq", "67", "--syria", "98"]
    assert new(data_dir, *args, *SOURCE[:4], "--published", "2024-02-05", "--title", "166 attacks since October") == 0
    path = data_dir / "tallies" / "2024-02-04-166.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../generator/dataset/schemas/"
    )
    record = load(path)
    assert (record["attacks"], record["since"], record["injured"], record["review"]) == (
        166,
        "2023-10-17",
        None,
        "draft",
    )
    assert_data_valid(data_dir)


def test_never_overwrites_and_picks_the_next_free_id(data_dir: Path) -> None:
    assert new(data_dir, *TOWER_22) == 0
    first = data_dir / "events" / "2024" / "2024-01-28-tower-22-attack.yaml"
    before = first.read_bytes()
    assert new(data_dir, *TOWER_22) == 0
    assert first.read_bytes() == before
    second = data_dir / "events" / "2024" / "2024-01-28-tower-22-attack-2.yaml"
    assert load(second)["id"] == "2024-01-28-tower-22-attack-2"
    assert_data_valid(data_dir)  # a possible duplicate is only a warning


def test_a_stray_file_at_the_path_is_left_alone(data_dir: Path) -> None:
    stray = data_dir / "events" / "2024" / "2024-01-28-tower-22-attack.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text("not: a record\n", encoding="utf-8")
    assert new(data_dir, *TOWER_22) == 0
    assert stray.read_text(encoding="utf-8") == "not: a record\n"
    assert (data_dir / "events" / "2024" / "2024-01-28-tower-22-attack-2.yaml").is_file()


def test_unknown_base_is_refused_with_the_known_ids(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a if a != "tower-22" else "tower-23" for a in TOWER_22]
    assert new(data_dir, *args) == 1
    err = capsys.readouterr().err
    assert "--base: 'tower-23' is not a known base. Did you mean tower-22?" in err
    assert "Known base ids: ain-al-asad, " in err
    assert "Nothing was written." in err
    assert not (data_dir / "events" / "2024").exists()


@pytest.mark.parametrize("bad_id", ["Tower22", "x", "2024_01_28", "-leading-hyphen"])
def test_bad_id_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str], bad_id: str) -> None:
    assert new(data_dir, *TOWER_22, f"--id={bad_id}") == 1
    assert f"--id: {bad_id!r} is not a valid id" in capsys.readouterr().err
    assert not (data_dir / "events" / "2024").exists()


def test_taken_id_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(data_dir, *TOWER_22) == 0
    existing = data_dir / "events" / "2024" / "2024-01-28-tower-22-attack.yaml"
    before = existing.read_bytes()
    assert new(data_dir, *TOWER_22, "--id", "2024-01-28-tower-22-attack") == 1
    assert "'2024-01-28-tower-22-attack' is already used" in capsys.readouterr().err
    assert existing.read_bytes() == before
    assert [p.name for p in existing.parent.iterdir()] == [existing.name]


def test_chosen_id_is_used(data_dir: Path) -> None:
    assert new(data_dir, *TOWER_22, "--id", "tower-22-drone-attack") == 0
    assert load(data_dir / "events" / "2024" / "tower-22-drone-attack.yaml")["id"] == "tower-22-drone-attack"
    assert_data_valid(data_dir)


def test_invalid_record_is_reported_with_path_and_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a if a != "2024-01-29" else "2024-01-27" for a in TOWER_22]  # published before the event
    assert new(data_dir, *args) == 1
    err = capsys.readouterr().err
    line = "data/events/2024/2024-01-28-tower-22-attack.yaml:4:1: error[date-after-source] 'date' 2024-01-28 is after"
    assert line in err
    assert "(set with --date)" in err
    assert not (data_dir / "events" / "2024").exists()


def test_bad_answers_are_all_reported(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["attack", "--date", "28/01/2024", "--country", "JO", "--us-killed", "three", "--weapons", "drones, rockett"]
    args += ["--summary", "x", "--outlet", "AP", "--url", "www.example.org", "--published", "2024-02-31"]
    assert new(data_dir, *args, "--title", "Drone attack on Tower 22") == 1
    err = capsys.readouterr().err
    assert "--date: '28/01/2024' is not a date; write it as YYYY-MM-DD" in err
    assert "--us-killed: 'three' is not a whole number" in err
    assert "--weapons: 'rockett' is not a known weapon. Did you mean rocket?" in err
    assert "--url: 'www.example.org' is not a web link" in err
    assert "--published: 2024-02-31 is not a real calendar date" in err


def test_missing_answers_without_a_terminal(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(data_dir, "strike", "--date", "2024-02-02") == 1
    err = capsys.readouterr().err
    for option in ("--country", "--summary", "--outlet", "--url", "--published", "--title"):
        assert f"error: {option} is required" in err
    assert "--date" not in err


def test_tally_options_are_refused_for_events(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(data_dir, *TOWER_22, "--attacks", "12") == 1
    assert "--attacks is only for tally records" in capsys.readouterr().err


def test_interactive_answers(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(
        [
            "2024-02-02",  # date
            "",  # precision: default day
            "harirr",  # a misspelling, not a base: asked again
            "Harir airbase",  # an alias
            "",  # country: default from the base
            "near Erbil",
            "drone, Rocket",
            "KH",  # claimed by
            "",  # us killed: not reported
            "two",  # not a number: asked again
            "2",
            "",  # intercepted: not reported
            "A drone and rockets targeted Harir Air Base.",
            "AFP",
            "https://www.example.org/harir",
            "2024-02-03",
            "A drone attack targeted Harir base",
            "",  # notes
        ]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["new", "attack", "--data", str(data_dir)]) == 0
    assert next(answers, None) is None
    out = capsys.readouterr().out
    assert "'harirr' is not a known base. Did you mean harir-air-base?" in out
    assert "'two' is not a whole number" in out
    record = load(data_dir / "events" / "2024" / "2024-02-02-harir-air-base-attack.yaml")
    assert record["location"] == {"base": "harir-air-base", "country": "IQ", "place": "near Erbil"}
    assert record["weapons"] == ["drone", "rocket"]
    assert record["claimed_by"] == ["kataib-hezbollah"]
    assert record["casualties"] == {"us_killed": None, "us_injured": 2, "killed": None}
    assert record["intercepted"] is None
    assert "notes" not in record
    assert_data_valid(data_dir)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ain-al-asad", "ain-al-asad"),
        ("Ain al-Asad", "ain-al-asad"),
        ("Al Asad Airbase", "ain-al-asad"),
        ("TANF", "al-tanf"),
    ],
)
def test_base_names_and_spellings(data_dir: Path, typed: str, expected: str) -> None:
    args = [a if a != "tower-22" else typed for a in TOWER_22]
    assert new(data_dir, *args) == 0
    (path,) = (data_dir / "events" / "2024").glob("*.yaml")
    assert path.name == f"2024-01-28-{expected}-attack.yaml"
    assert load(path)["location"]["base"] == expected
