"""Body-text extraction quality on the Article Extraction Benchmark layout.

Metric (the benchmark's own): tokens are ``\\w+`` (lower-cased), shingles are 4-grams;
precision and recall per page, averaged over pages, and F1 of the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.clean import clean
from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.types import Failure, RawInput

_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return set()
    if len(tokens) < size:
        return {tuple(tokens)}
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    p, g = shingles(predicted), shingles(gold)
    overlap = len(p & g)
    precision = overlap / len(p) if p else (1.0 if not g else 0.0)
    recall = overlap / len(g) if g else 1.0
    return precision, recall


@dataclass(frozen=True)
class PageScore:
    key: str
    precision: float
    recall: float
    failure: str | None = None


def score_pages(folder: Path, config: Config, limit: int | None = None) -> Iterator[PageScore]:
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file():
        raise NewsgraphError(Errors.E009.format(path=truth_path))
    truth: dict[str, dict[str, Any]] = json.loads(truth_path.read_text(encoding="utf-8"))
    for number, key in enumerate(sorted(truth)):
        if limit is not None and number >= limit:
            return
        gold = truth[key].get("articleBody") or ""
        try:
            html = decode_bytes(
                gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), html=True
            )
        except (OSError, DecodeError) as error:
            yield PageScore(key, 0.0, 0.0, failure=str(error))
            continue
        raw = RawInput(ref=key, kind="html", content=html, url=truth[key].get("url"))
        result = clean(raw, config)
        if isinstance(result, Failure):
            yield PageScore(key, *precision_recall("", gold), failure=result.reason)
            continue
        yield PageScore(key, *precision_recall(result.text, gold))


def evaluate_extraction(
    folder: Path, *, config: Config, limit: int | None = None
) -> dict[str, Any]:
    pages = list(score_pages(folder, config, limit))
    n = len(pages)
    precision = sum(p.precision for p in pages) / n if n else 0.0
    recall = sum(p.recall for p in pages) / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    worst = sorted(pages, key=lambda p: min(p.precision, p.recall))[:5]
    return {
        "task": "extraction",
        "pages": n,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "failures": sum(1 for p in pages if p.failure),
        "worst": [
            {"key": p.key, "precision": round(p.precision, 3), "recall": round(p.recall, 3)}
            for p in worst
        ],
    }
