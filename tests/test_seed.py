"""The reference page from ../shared/seed: boilerplate gone, title and signals kept."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared_path

pytestmark = pytest.mark.shared_data

REFERENCE = "000_944e2e68a596274f.txt"

FURNITURE = [
    "Previous Article",
    "Next Article",
    "Write a Comment",
    "Leave a Comment",
    "Russian Su-34 Mission",
    "Public priorities for the new government",
]


def test_analyze_seed_pages_drops_boilerplate():
    seed = shared_path("seed")
    reference_page = shared_path("seed", REFERENCE)
    pages = sorted(seed.glob("*.txt"))
    assert reference_page in pages
    out = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "analyze", *map(str, pages)],
        capture_output=True,
        text=True,
        check=True,
    )
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == len(pages)
    for record in records:
        for line in FURNITURE:
            assert line not in record["text"]
        for entity in record["entities"]:
            assert record["text"][entity["start"] : entity["end"]] == entity["text"]
    references = [r for r in records if r["path"].endswith(REFERENCE)]
    assert len(references) == 1, [r["path"] for r in records]
    reference = references[0]
    assert reference["title"].startswith("Revised: Hamas Leadership Meeting")
    assert "title-prefix:Revised" in reference["rewrite_signals"]
    assert "no-date" in reference["rewrite_signals"]
    assert reference["published"] is None
    assert reference["text"].startswith("A confidential gathering of Hamas leaders")
    assert reference["text"].rstrip().endswith("adjust their positions accordingly.")
    people = {e["text"] for e in reference["entities"] if e["label"] == "PERSON"}
    assert {"Salih al-Aruri", "Khaled Meshaal", "Ronen Bar"} <= people
