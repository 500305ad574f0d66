"""The user docs: generated parts match the code, links resolve, the README stays short."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

from newsgraph.errors import reason_catalogue

ROOT = Path(__file__).resolve().parents[1]
README_MAX_BYTES = 8192
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
HEADING = re.compile(r"^#{1,6} +(.+?) *#*$", re.M)


def _update_docs():
    spec = importlib.util.spec_from_file_location("update_docs", ROOT / "scripts/update_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _user_docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of ``markdown`` (repeats get -1, -2 ...)."""
    found: set[str] = set()
    for title in HEADING.findall(FENCE.sub("", markdown)):
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        candidate, n = slug, 0
        while candidate in found:
            n += 1
            candidate = f"{slug}-{n}"
        found.add(candidate)
    return found


def test_generated_blocks_are_current():
    update_docs = _update_docs()
    assert ROOT / "README.md" in update_docs.DOCUMENTS
    names: set[str] = set()
    for path in update_docs.DOCUMENTS:
        assert path.exists(), path
        text = path.read_text(encoding="utf-8")
        names |= {block["name"] for block in update_docs.BLOCK.finditer(text)}
        assert update_docs.refreshed(text) == text, f"{path} is stale: run 'make docs'"
    assert names == set(update_docs.GENERATORS)  # every generator has its block in the docs


def test_operations_lists_every_failure_reason():
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert "<!-- generated:failure-reasons -->" in operations
    codes = [code for code, _ in reason_catalogue()]
    assert len(codes) == len(set(codes)) >= 20
    for code in codes:
        assert f"| `{code}` |" in operations, code


def test_cli_reference_has_every_command():
    """docs/cli.md holds the generated help, with a heading for every command and group."""
    update_docs = _update_docs()
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "<!-- generated:cli-help -->" in reference
    paths = list(update_docs.command_paths())
    names = {" ".join(path) for path in paths}
    assert {"", "analyze", "ingest", "serve", "eval", "eval quotes", "spark analyze"} <= names
    assert {"train cues"} <= names
    for path in paths:
        title = " ".join(("newsgraph", *path))
        assert re.search(rf"^#+ `{re.escape(title)}`$", reference, re.M), title


def test_cli_help_is_the_same_on_any_terminal():
    """The generated help is plain text at a fixed width: the same twice in a row, and the
    same in a process with another $COLUMNS and colour forced on."""
    update_docs = _update_docs()
    here = update_docs.cli_help_markdown()
    assert here == update_docs.cli_help_markdown()
    assert "\x1b[" not in here and "╭" not in here and "│" not in here
    # --workers defaults to the core count: the help says so in words, not as a number
    assert "one per core" in here and not re.search(r"one per core\)\.\s+\[default:", here)
    generator = str(ROOT / "scripts" / "update_docs.py")
    script = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('u', {generator!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "sys.stdout.write(m.cli_help_markdown())\n"
    )
    env = {
        **os.environ,
        "COLUMNS": "43",
        "TERMINAL_WIDTH": "43",
        "FORCE_COLOR": "1",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    there = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    ).stdout
    assert there == here


def test_readme_is_short():
    size = (ROOT / "README.md").stat().st_size
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes; move detail to docs/"


def test_relative_links_point_to_files_that_exist():
    """Every relative link in README.md and docs/*.md names an existing file, and an anchor
    it names is a heading of that file."""
    broken = []
    for path in _user_docs():
        text = path.read_text(encoding="utf-8")
        for target in LINK.findall(FENCE.sub("", text)):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            where = f"{path.relative_to(ROOT)} -> {target}"
            if not linked.exists():
                broken.append(f"{where}: no such file")
            elif (
                anchor
                and linked.suffix == ".md"
                and anchor not in _anchors(linked.read_text(encoding="utf-8"))
            ):
                broken.append(f"{where}: no such heading")
    assert not broken, "\n".join(broken)
