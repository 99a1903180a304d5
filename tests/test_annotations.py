"""`python -m generator validate --format github` prints annotations GitHub pins to the right file and line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

GOOD_EVENT = """\
    # yaml-language-server: $schema=../../../generator/dataset/schemas/event.schema.json
    id: 2024-01-28-tower-22-attack
    type: attack
    date: 2024-01-28
    date_precision: day
    location:
      base: tower-22
      country: JO
      place: Tower 22
    weapons: [drone]
    claimed_by: [islamic-resistance-in-iraq]
    targets: []
    casualties:
      us_killed: 3
      us_injured: 40
      killed: null
    intercepted: false
    summary: A one-way attack drone struck Tower 22 in Jordan, killing three U.S. soldiers.
    sources:
    - outlet: Reuters
      url: https://www.example.org/news/tower-22
      published: 2024-01-29
      title: Three U.S. troops were killed in a drone attack on a base in Jordan
    review: reviewed
"""

BROKEN_EVENT = """\
    # yaml-language-server: $schema=../../../generator/dataset/schemas/event.schema.json
    id: 2024-02-02-harir-air-base-attack
    type: attack
    date: 2024-02-02
    date_precision: day
    location:
      base: harir-airbase
      country: IQ
      place: near Erbil
    weapons: [drone, 100%-rocket]
    claimed_by: []
    targets: []
    casualties:
      us_killed: null
      us_injured: null
      killed: null
    intercepted: null
    summary: A drone targeted Harir Air Base.
    sources:
    - outlet: AFP
      url: https://www.example.org/news/harir
      published: 2024-02-03
      title: A drone attack targeted Harir base
    review: drafted
"""

BROKEN_TALLY = """\
    # yaml-language-server: $schema=../../generator/dataset/schemas/tally.schema.json
    id: 2024-02-04-166
    as_of: 2024-02-04
    attacks: 166
    since: 2023-10-17
    sources:
    - outlet: AP
      url: https://www.example.org/news/tally
      published: 2024-02-05
      title: "166 attacks: 67 in Iraq, 98 in Syria"
      title: again
    review: draft
"""

EVENT_FILE = "data/events/2024/2024-02-02-harir-air-base-attack.yaml"
TALLY_FILE = "data/tallies/2024-02-04-166.yaml"


def make_data(root: Path, records: dict[str, str]) -> None:
    data = root / "data"
    data.mkdir()
    shutil.copytree(REPO / "data" / "reference", data / "reference")
    shutil.copy2(REPO / "data" / "config.yaml", data / "config.yaml")
    for relative, text in records.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def validate_github(root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--format", "github", "--data", "data"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def found_annotations(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("::")]


@pytest.fixture
def broken(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    make_data(
        tmp_path,
        {
            "data/events/2024/2024-01-28-tower-22-attack.yaml": GOOD_EVENT,
            EVENT_FILE: BROKEN_EVENT,
            TALLY_FILE: BROKEN_TALLY,
        },
    )
    return validate_github(tmp_path)


def test_broken_records_fail(broken: subprocess.CompletedProcess[str]) -> None:
    assert broken.returncode == 1, broken.stderr


@pytest.mark.parametrize(
    "expected",
    [
        f"::error file={EVENT_FILE},line=7,col=3,title=unknown-base::"
        "'location.base' is 'harir-airbase', which is not an id in data/reference/bases.yaml",
        f"::error file={EVENT_FILE},line=10,col=18,title=unknown-weapon::"
        "'weapons[1]' is '100%25-rocket', which is not an id in data/reference/weapons.yaml",
        f"::error file={EVENT_FILE},line=24,col=1,title=bad-value::"
        "'review' must be one of: draft, reviewed; got 'drafted'",
        f"::error file={TALLY_FILE},line=11,col=3,title=duplicate-key::"
        "key 'sources[0].title' appears twice (first on line 10); keep one",
    ],
    ids=["unknown-base", "percent-escaped", "bad-value", "duplicate-key"],
)
def test_annotation_line(broken: subprocess.CompletedProcess[str], expected: str) -> None:
    assert expected in found_annotations(broken), "\n".join(found_annotations(broken))


def test_no_annotation_for_the_good_record(broken: subprocess.CompletedProcess[str]) -> None:
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in found_annotations(broken)}
    assert files == {EVENT_FILE, TALLY_FILE}


def test_warning_annotation_and_success(tmp_path: Path) -> None:
    twin = GOOD_EVENT.replace("id: 2024-01-28-tower-22-attack", "id: 2024-01-28-tower-22-attack-2")
    make_data(
        tmp_path,
        {
            "data/events/2024/2024-01-28-tower-22-attack.yaml": GOOD_EVENT,
            "data/events/2024/2024-01-28-tower-22-attack-2.yaml": twin,
        },
    )
    result = validate_github(tmp_path)
    assert result.returncode == 0, result.stderr
    assert found_annotations(result) == [
        # files are read in sorted order, and "-2.yaml" sorts before ".yaml"
        "::warning file=data/events/2024/2024-01-28-tower-22-attack.yaml,line=4,col=1,title=possible-duplicate::"
        "attack on 2024-01-28 at the same site as data/events/2024/2024-01-28-tower-22-attack-2.yaml;"
        " if this is one event, merge the two records and keep both sources"
    ]
