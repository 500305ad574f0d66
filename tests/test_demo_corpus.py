"""Regression corpus: the bundled demo pages, with strings that must and must not survive.

Expectations live in tests/data/demo_expectations.json (trafilatura-style realworld tests).
"""

from __future__ import annotations

import json

import pytest

from newsgraph.demo import corpus_dir
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import analyze

from conftest import DATA

EXPECTATIONS = json.loads((DATA / "demo_expectations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(config, nlp):
    out = {}
    for item in analyze(
        iter_inputs([str(corpus_dir())], max_bytes=config.max_bytes), config=config, nlp=nlp
    ):
        assert isinstance(item, dict), item
        name = item["path"].rsplit("/", 1)[-1] if item["path"] else None
        key = f"{name}#{item['id']}" if name and name.endswith(".jsonl") else name
        out[key] = item
    return out


def test_every_corpus_file_has_expectations(records):
    assert set(records) == set(EXPECTATIONS)
    assert 15 <= len(records) <= 25


@pytest.mark.parametrize("key", sorted(EXPECTATIONS))
def test_page(records, key):
    expected, record = EXPECTATIONS[key], records[key]
    assert record["title"] == expected["title"]
    assert (record["published"] or "")[:10] == (expected["published"] or "")
    for text in expected["must_contain"]:
        assert text in record["text"], text
    for text in expected["must_not_contain"]:
        assert text not in record["text"], text
    for entity in record["entities"]:
        assert record["text"][entity["start"] : entity["end"]] == entity["text"]
    assert record["language"] == "en"
