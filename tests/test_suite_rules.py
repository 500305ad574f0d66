"""Rules of the test suite itself: what CI sets, the shared_data mark, fixed Hypothesis
examples in CI, and test modules that do not import from each other."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import settings

import conftest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SWITCHES = ("CI", "NEWSGRAPH_CI", conftest.REQUIRE_SHARED_DATA, "HYPOTHESIS_PROFILE")


def test_ci_script_requires_browser_and_shared_data_and_fixes_hypothesis():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines()]
    for variable in ("NEWSGRAPH_REQUIRE_BROWSER", conftest.REQUIRE_SHARED_DATA, "NEWSGRAPH_CI"):
        assert f"export {variable}=1" in lines, variable
    # the script ends with the tests: their status is its status, whatever it is
    commands = [x for x in lines if x and not x.startswith("#")]
    assert commands[-1] == "exec make test"
    assert not re.search(r"\bexit\s+0\b", script)


def test_no_test_module_imports_from_another():
    for path in sorted(TESTS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            assert not [m for m in modules if m.split(".")[0].startswith("test_")], (
                f"{path.name} imports from a test module: shared fixtures go in conftest.py"
            )


def test_ci_hypothesis_profile(monkeypatch):
    profile = settings.get_profile("ci")
    assert profile.derandomize is True and profile.database is None
    for name in ("CI", "NEWSGRAPH_CI"):
        monkeypatch.delenv(name, raising=False)
    assert conftest.hypothesis_profile() == "default"
    monkeypatch.setenv("NEWSGRAPH_CI", "1")
    assert conftest.hypothesis_profile() == "ci"
    monkeypatch.delenv("NEWSGRAPH_CI")
    monkeypatch.setenv("CI", "true")
    assert conftest.hypothesis_profile() == "ci"
    monkeypatch.setenv("CI", "0")
    assert conftest.hypothesis_profile() == "default"


# A small suite run in a subprocess with a copy of conftest.py: what the shared_data rule
# and the Hypothesis profile do to tests that break them or keep them.
MARKED = """
import pytest
from hypothesis import given, settings, strategies as st

from conftest import shared_path

pytestmark = pytest.mark.shared_data


def test_module_mark():
    assert shared_path("data", "here.txt").read_text() == "x"


@settings(max_examples=8)
@given(st.integers())
def test_examples(number):
    with open("examples.txt", "a") as out:
        out.write(f"{number}\\n")
"""

UNMARKED = """
import pytest

from conftest import shared_path


def _read():
    return shared_path("data", "here.txt").read_text()


@pytest.fixture
def data():
    return shared_path("data", "here.txt")


@pytest.mark.shared_data
def test_marked():
    assert _read() == "x"


@pytest.mark.shared_data
def test_marked_missing():
    shared_path("data", "elsewhere.txt")


def test_unmarked():
    shared_path("data", "here.txt")


def test_unmarked_through_a_fixture(data):
    assert data


def test_unmarked_through_a_helper():
    assert _read()


def test_no_shared_data():
    assert "shared_path(" in "a string that names shared_path( is no call"
"""

INI = """[pytest]
addopts = --strict-markers -p no:cacheprovider
markers =
    shared_data: reads ../shared
"""


def _outcomes(folder: Path, **env: str) -> dict[str, tuple[str, str]]:
    """{test name: (passed/failed/error/skipped, message)} of a run of ``folder``."""
    report = folder / "report.xml"
    environ = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    environ["NEWSGRAPH_SHARED"] = str(folder / "shared")
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"--junitxml={report}", str(folder)],
        cwd=folder,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    outcomes = {}
    for case in ElementTree.parse(report).iter("testcase"):
        outcome, message = "passed", ""
        for child in case:
            if child.tag in {"failure", "error", "skipped"}:
                outcome = {"failure": "failed"}.get(child.tag, child.tag)
                message = child.get("message", "")
        outcomes[case.get("name", "")] = (outcome, message)
    return outcomes


@pytest.fixture
def small_suite(tmp_path) -> Path:
    shutil.copy(TESTS / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text(INI)
    (tmp_path / "test_marked.py").write_text(MARKED)
    (tmp_path / "test_unmarked.py").write_text(UNMARKED)
    (tmp_path / "shared" / "data").mkdir(parents=True)
    (tmp_path / "shared" / "data" / "here.txt").write_text("x")
    return tmp_path


def test_shared_data_mark_and_required_data(small_suite):
    unmarked = [
        "test_unmarked",
        "test_unmarked_through_a_fixture",
        "test_unmarked_through_a_helper",
    ]
    for required in ("", "1"):
        outcomes = _outcomes(small_suite, **{conftest.REQUIRE_SHARED_DATA: required})
        assert outcomes["test_module_mark"][0] == "passed", outcomes
        assert outcomes["test_marked"][0] == "passed", outcomes
        assert outcomes["test_no_shared_data"][0] == "passed", outcomes
        for name in unmarked:
            outcome, message = outcomes[name]
            assert outcome == "error", (name, outcomes)
            assert "does not carry @pytest.mark.shared_data" in message, message
        outcome, message = outcomes["test_marked_missing"]
        if required:
            assert outcome == "failed" and conftest.REQUIRE_SHARED_DATA in message, outcomes
        else:
            assert outcome == "skipped" and "is absent" in message, outcomes


def test_ci_draws_the_same_hypothesis_examples_every_run(small_suite):
    examples = small_suite / "examples.txt"
    runs = []
    for _ in range(2):
        examples.unlink(missing_ok=True)
        outcomes = _outcomes(small_suite, NEWSGRAPH_CI="1")
        assert outcomes["test_examples"][0] == "passed", outcomes
        runs.append(examples.read_text().split())
    assert len(runs[0]) >= 8
    assert runs[0] == runs[1]
