"""Rewrite the generated blocks of the user docs from the code they describe.

A generated block sits between ``<!-- generated:NAME -->`` and ``<!-- end:NAME -->``;
``tests/test_docs.py`` fails when one is stale. Run ``make docs`` (this script) to refresh.

Generators:

- ``failure-reasons``: the table of failure reason codes, from ``newsgraph/errors.py``.
- ``config-settings``: the table of settings, from ``newsgraph/config.py``.
- ``cli-help``: the ``--help`` of ``newsgraph`` and of every subcommand, each under its own
  heading, rendered by Typer's test runner as plain Click text at a fixed width, so the
  block is the same whatever terminal, ``$COLUMNS`` or colour settings it is run under.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer.testing import CliRunner

from newsgraph.config import settings_markdown
from newsgraph.errors import reasons_markdown

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(
    r"(<!-- generated:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end:(?P=name) -->)", re.S
)
PROGRAM = "newsgraph"
HELP_WIDTH = 100


def _plain_app() -> typer.Typer:
    """A shallow copy of the newsgraph Typer app that renders help as plain Click text.

    Rich's panels depend on the terminal (width, colour, box characters); with
    ``rich_markup_mode`` off, Typer falls back to Click's formatter. The copy shares the
    registered commands, so the help is that of the real commands; the app itself is left
    as it is.
    """
    from newsgraph.cli import app

    plain = copy.copy(app)
    plain.rich_markup_mode = None
    return plain


def command_paths() -> Iterator[tuple[str, ...]]:
    """Every command path, depth first in the order ``--help`` lists them: (), ("analyze",) ..."""

    def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(_plain_app()), ())


def command_help(path: tuple[str, ...]) -> str:
    """The ``--help`` text of ``newsgraph PATH...``, as a user sees it at 100 columns."""
    env = {"COLUMNS": str(HELP_WIDTH), "TERMINAL_WIDTH": str(HELP_WIDTH), "NO_COLOR": "1"}
    result = CliRunner(env=env).invoke(
        _plain_app(),
        [*path, "--help"],
        prog_name=PROGRAM,
        terminal_width=HELP_WIDTH,
        max_content_width=HELP_WIDTH,
        color=False,
    )
    if result.exit_code != 0:
        raise RuntimeError(f"{PROGRAM} {' '.join(path)} --help failed: {result.output}")
    lines = [line.rstrip() for line in result.output.splitlines()]
    return "\n".join(lines).strip("\n")


def cli_help_markdown() -> str:
    """Each command's help as a fenced block under a heading, top-level commands first."""
    parts = []
    for path in command_paths():
        level = "#" * (3 + max(len(path) - 1, 0))
        title = " ".join((PROGRAM, *path))
        parts.append(f"{level} `{title}`\n\n```text\n{command_help(path)}\n```\n")
    return "\n".join(parts)


GENERATORS: dict[str, Callable[[], str]] = {
    "failure-reasons": reasons_markdown,
    "config-settings": settings_markdown,
    "cli-help": cli_help_markdown,
}


def refreshed(text: str) -> str:
    """``text`` with every generated block it holds rewritten."""

    def fill(match: re.Match[str]) -> str:
        body = GENERATORS[match["name"]]()
        return f"{match[1]}{body}{match[4]}"

    return BLOCK.sub(fill, text)


def main() -> int:
    for path in DOCUMENTS:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            new = refreshed(text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
