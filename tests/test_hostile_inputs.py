"""Hostile files in every data input, through the whole build: each is reported, and nothing changes.

Every input the build reads besides event records (reference data, config, redirects, the region
map, tallies and articles) is fed, in turn: a symbolic link to /dev/zero, a link to a file outside
the repository, a FIFO, a 50 MB file, a YAML alias bomb, a scalar where a list or mapping belongs,
and (where the input holds links) a backtick or javascript: URL. Each case runs `generator build`
in a child process on a small tree that was built once before, and must

- report the file as `path:line: error[code] message` (an article: a warning, and the build goes on);
- print no traceback;
- stay within the memory of a normal build of the same tree;
- leave data/, docs/generated/ and site/ byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, copy_reference, copy_site_tree

pytestmark = pytest.mark.slow

FIXTURES = REPO / "tests" / "fixtures" / "valid"
FIFTY_MB = 50 * 1024 * 1024
ARTICLE = "articles/hostile.txt"
QUIET_ARTICLE = "date 2023-11-30\nThe weather in Baghdad was mild, officials said on Thursday.\n"
# A few lines that expand to 10^9 values if aliases were followed.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)

# input name -> (path under data/, what a scalar in it is reported as)
INPUTS: dict[str, tuple[str, str]] = {
    "bases": ("reference/bases.yaml", "wrong-type"),
    "actors": ("reference/actors.yaml", "wrong-type"),
    "weapons": ("reference/weapons.yaml", "wrong-type"),
    "countries": ("reference/countries.yaml", "wrong-type"),
    "config": ("config.yaml", "not-a-mapping"),
    "redirects": ("redirects.yaml", "not-a-list"),
    "region": ("reference/region.geojson", "bad-region-map"),
    "tally": ("tallies/2023-11-23-72.yaml", "not-a-mapping"),
    "article": (ARTICLE, "article-front-matter"),
}
READER_CODES = {"not-a-file", "file-too-large"}
ARTICLE_CODES = {"not-a-file": "article-unreadable", "file-too-large": "article-too-large"}


def _write(path: Path, content: bytes) -> None:
    path.unlink(missing_ok=True)
    path.write_bytes(content)


def _link(target: str) -> Callable[[Path, str], None]:
    def make(path: Path, name: str) -> None:
        path.unlink(missing_ok=True)
        os.symlink(target, path)

    return make


def _link_outside(path: Path, name: str) -> None:
    """A link to a readable copy of the same file outside the repository (a private file, say)."""
    outside = Path(tempfile.mkdtemp(prefix="outside-")) / path.name
    shutil.copyfile(path, outside) if path.is_file() else outside.write_text(QUIET_ARTICLE)
    _link(str(outside))(path, name)


def _fifo(path: Path, name: str) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _fifty_megabytes(path: Path, name: str) -> None:
    start = QUIET_ARTICLE if name == "article" else "# padding\n"
    _write(path, (start + "#" + "x" * 99 + "\n").encode() + b"# " + b"y" * FIFTY_MB + b"\n")


def _alias_bomb(path: Path, name: str) -> None:
    text = f"---\n{ALIAS_BOMB}---\n{QUIET_ARTICLE}" if name == "article" else ALIAS_BOMB
    _write(path, text.encode())


def _scalar(path: Path, name: str) -> None:
    text = f"---\njust a sentence\n---\n{QUIET_ARTICLE}" if name == "article" else "just a sentence\n"
    _write(path, text.encode())


def _bad_url(url: str) -> Callable[[Path, str], None]:
    def make(path: Path, name: str) -> None:
        if name == "article":
            _write(path, f"---\ndate: 2023-11-30\nurl: '{url}'\n---\n{QUIET_ARTICLE}".encode())
        else:
            text = re.sub(r"(?m)^  url: .*$", f"  url: '{url}'", path.read_text(encoding="utf-8"), count=1)
            assert url in text, "the tally fixture has a source url to replace"
            _write(path, text.encode())

    return make


# case name -> (how to make it, the code it must give, inputs it applies to)
CASES: dict[str, tuple[Callable[[Path, str], None], str, set[str]]] = {
    "link-to-dev-zero": (_link("/dev/zero"), "not-a-file", set(INPUTS)),
    "link-outside-repository": (_link_outside, "not-a-file", set(INPUTS)),
    "fifo": (_fifo, "not-a-file", set(INPUTS)),
    "fifty-megabytes": (_fifty_megabytes, "file-too-large", set(INPUTS)),
    "alias-bomb": (_alias_bomb, "yaml-alias", set(INPUTS)),
    "scalar": (_scalar, "", set(INPUTS)),
    "backtick-url": (_bad_url("https://example.org/`onmouseover=alert(1)`"), "bad-url", {"tally", "article"}),
    "javascript-url": (_bad_url("javascript:alert(document.domain)"), "bad-url", {"tally", "article"}),
}
PARAMS = [(name, case) for case, (_, _, inputs) in CASES.items() for name in sorted(inputs)]


def _expected_code(name: str, case: str) -> str:
    code = CASES[case][1] or INPUTS[name][1]
    if name != "article":
        return code
    if code in ARTICLE_CODES:
        return ARTICLE_CODES[code]
    return "article-bad-url" if code == "bad-url" else "article-front-matter"


def _run_build(root: Path) -> tuple[int, str, int]:
    """`generator build` in a child process: exit code, stderr and the child's peak memory (KB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    env.pop("GITHUB_ACTIONS", None)
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        command = [sys.executable, "-m", "generator", "build"]
        child = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return child.returncode, err.read().decode("utf-8", "replace"), usage.ru_maxrss


def _snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under data/, docs/generated/ and site/: a file by its bytes, a link by its target, others by type."""
    found: dict[str, tuple[str, str]] = {}
    for top in ("data", "docs/generated", "site"):
        for dirpath, dirnames, filenames in os.walk(root / top):
            for name in dirnames + filenames:
                path = Path(dirpath) / name
                info = os.lstat(path)
                relative = path.relative_to(root).as_posix()
                if stat.S_ISLNK(info.st_mode):
                    found[relative] = ("link", os.readlink(path))
                elif stat.S_ISREG(info.st_mode):
                    found[relative] = ("file", str(hash(path.read_bytes())))
                elif not stat.S_ISDIR(info.st_mode):
                    found[relative] = ("special", oct(stat.S_IFMT(info.st_mode)))
    return found


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A small site tree built once (so docs/generated exists), and the peak memory of building it."""
    data = tmp_path_factory.mktemp("hostile-data") / "data"
    copy_reference(data)
    shutil.copytree(FIXTURES, data, dirs_exist_ok=True)
    (data / "redirects.yaml").write_text("- {from: old-record-id, to: 2023-12-01-iq-strike}\n", encoding="utf-8")
    (data / "articles").mkdir()
    (data / ARTICLE).write_text(QUIET_ARTICLE, encoding="utf-8")
    (data / "articles" / "000_1072769faea538f9.txt").write_text(
        QUIET_ARTICLE, encoding="utf-8"
    )  # the fixtures quote it
    root = copy_site_tree(tmp_path_factory.mktemp("hostile-root"), data=data)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>the previous site</p>\n", encoding="utf-8")
    code, err, _ = _run_build(root)
    assert code == 0, err
    code, err, memory = _run_build(root)  # warm, as the cases run
    assert code == 0, err
    return root, memory


def test_every_input_is_covered() -> None:
    assert len(PARAMS) >= 50
    assert {name for name, _ in PARAMS} == set(INPUTS)


@pytest.mark.parametrize(("name", "case"), PARAMS)
def test_hostile_input(built_tree: tuple[Path, int], tmp_path: Path, name: str, case: str) -> None:
    source, normal_memory = built_tree
    root = tmp_path / "root"
    shutil.copytree(source, root, symlinks=True)
    relative, _ = INPUTS[name]
    CASES[case][0](root / "data" / relative, name)
    before = _snapshot(root)
    code, err, memory = _run_build(root)
    expected = _expected_code(name, case)
    severity = "warning" if name == "article" else "error"
    pattern = rf"^data/{re.escape(relative)}:\d+(?::\d+)?: {severity}\[{expected}\] \S"
    assert re.search(pattern, err, re.MULTILINE), f"expected {severity}[{expected}] for data/{relative}:\n{err}"
    assert "Traceback" not in err, err
    assert code == (0 if name == "article" else 1), err
    assert memory < normal_memory * 1.5 + 50_000, f"peak {memory} KB against {normal_memory} KB for a normal build"
    assert _snapshot(root) == before, "the build changed data/, docs/generated/ or site/"
    if code == 1:
        assert "Nothing was written" in err
