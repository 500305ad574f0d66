"""Pattern files of the clean stage: one pattern a line, '#' starts a comment line."""

from __future__ import annotations

from importlib.resources import files


def pattern_lines(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def shipped_lines(name: str) -> list[str]:
    """The pattern lines of ``newsgraph/clean/data/<name>``."""
    return pattern_lines(files("newsgraph.clean").joinpath("data", name).read_text("utf-8"))
