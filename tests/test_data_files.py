"""Shipped data files: words are strings. YAML 1.1 reads a bare on, off, yes or no as a
boolean, which silently turns a preposition like "on" into the word "true"."""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "newsgraph"
# The only keys whose values are meant to be booleans.
BOOLEAN_KEYS = frozenset({"linked", "subject", "clock", "no_clause", "no_question"})


def _booleans(value, path: str):
    if isinstance(value, bool):
        yield path
    elif isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(key, bool):
                yield f"{path}.<key {key}>"
            elif key not in BOOLEAN_KEYS:
                yield from _booleans(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _booleans(inner, f"{path}[{index}]")


def test_no_word_in_a_data_file_is_read_as_a_boolean():
    files = sorted(DATA.rglob("*.yaml"))
    assert len(files) >= 8
    found = [p for f in files for p in _booleans(yaml.safe_load(f.read_text()), f.name)]
    assert found == [], "quote these words in the YAML: " + ", ".join(found)
