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


def test_per_page_scores_stand_beside_the_peer_extractor(tmp_path, config):
    (tmp_path / "html").mkdir()
    body = " ".join(
        f"The council met on day {n} to discuss the new bridge over the river." for n in range(8)
    )
    pages = {
        "a": f"<html><body><article><p>{body}</p></article></body></html>",
        "b": "<html><body><article><p>Nothing of the story here at all.</p></article></html>",
    }
    truth = {}
    for key, html in pages.items():
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[key] = {"articleBody": body, "url": f"https://x.test/{key}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    result = evaluate_extraction(tmp_path, config=config, per_page=True)
    rows = {row["key"]: row for row in result["per_page"]}
    assert rows["a"]["f1"] == 1.0 and rows["a"]["peer_f1"] == 1.0
    assert rows["b"]["f1"] == 0.0 and rows["b"]["peer_f1"] == 0.0
    # The halves: page "a" is the even one, "b" the odd one.
    assert result["f1_even_pages"] == 1.0 and result["f1_odd_pages"] == 0.0
    assert "per_page" not in evaluate_extraction(tmp_path, config=config)
