from __future__ import annotations

import gzip
import json

import pytest

from newsgraph.eval.extraction import evaluate_extraction, precision_recall, shingles

from conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())


def test_shingle_metric():
    assert shingles("One two three four five") == {
        ("one", "two", "three", "four"),
        ("two", "three", "four", "five"),
    }
    assert precision_recall("a b c d", "a b c d") == (1.0, 1.0)
    p, r = precision_recall("a b c d e f", "a b c d")
    assert (p, r) == (1 / 3, 1.0)
    assert precision_recall("", "a b c d") == (0.0, 0.0)


def test_evaluator_on_a_small_benchmark(tmp_path, config):
    (tmp_path / "html").mkdir()
    one = "The committee approved the budget after a long debate about schools and roads."
    two = "Opposition members said the spending plan left rural districts without new funds."
    html = (
        f"<html><body><nav>Home News Sport</nav><article><p>{one}</p><p>{two}</p>"
        "</article><footer>Leave a Comment</footer></body></html>"
    )
    (tmp_path / "html" / "k1.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "ground-truth.json").write_text(
        json.dumps({"k1": {"articleBody": one + "\n" + two, "url": "https://x.test/a"}})
    )
    result = evaluate_extraction(tmp_path, config=config)
    assert result["pages"] == 1 and result["f1"] == 1.0


@pytest.mark.shared_data
def test_extraction_quality_floor(config):
    """The quality gate: F1 on the development pages must not fall below the pinned floor."""
    folder = shared_path("data", "extraction")
    result = evaluate_extraction(folder, config=config)
    assert result["pages"] == 91
    assert result["f1"] >= FLOORS["extraction_f1"], result
