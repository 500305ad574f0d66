"""Body-text extraction quality on the Article Extraction Benchmark layout.

Metric (the benchmark's own): tokens are ``\\w+`` (lower-cased), shingles are 4-grams;
precision and recall per page, averaged over pages, and F1 of the two averages.

Pages are also scored in two halves by their position in key order (even and odd), so a
change decided on one half can be checked on the other. With ``per_page``, each page's
scores are listed beside those of a peer extractor (bare ``trafilatura.extract`` with its
default settings), to find the pages where newsgraph falls behind what another extractor
gets right.
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


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class PageScore:
    key: str
    precision: float
    recall: float
    failure: str | None = None
    peer: tuple[float, float] | None = None  # the peer extractor's (precision, recall)

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)


def _peer_text(html: str, url: str | None) -> str:
    import trafilatura  # only the per-page listing needs it here

    return trafilatura.extract(html, url=url) or ""


def score_pages(
    folder: Path, config: Config, limit: int | None = None, *, with_peer: bool = False
) -> Iterator[PageScore]:
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file():
        raise NewsgraphError(Errors.E009.format(path=truth_path))
    truth: dict[str, dict[str, Any]] = json.loads(truth_path.read_text(encoding="utf-8"))
    for number, key in enumerate(sorted(truth)):
        if limit is not None and number >= limit:
            return
        gold = truth[key].get("articleBody") or ""
        url = truth[key].get("url")
        try:
            html = decode_bytes(
                gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), html=True
            )
        except (OSError, DecodeError) as error:
            yield PageScore(key, 0.0, 0.0, failure=str(error))
            continue
        peer = precision_recall(_peer_text(html, url), gold) if with_peer else None
        result = clean(RawInput(ref=key, kind="html", content=html, url=url), config)
        if isinstance(result, Failure):
            scores = precision_recall("", gold)
            yield PageScore(key, *scores, failure=result.reason, peer=peer)
            continue
        yield PageScore(key, *precision_recall(result.text, gold), peer=peer)


def _averages(pages: list[PageScore]) -> tuple[float, float, float]:
    n = len(pages)
    precision = sum(p.precision for p in pages) / n if n else 0.0
    recall = sum(p.recall for p in pages) / n if n else 0.0
    return precision, recall, f1_of(precision, recall)


def _page_row(page: PageScore) -> dict[str, Any]:
    row: dict[str, Any] = {
        "key": page.key,
        "precision": round(page.precision, 3),
        "recall": round(page.recall, 3),
        "f1": round(page.f1, 3),
    }
    if page.peer is not None:
        row["peer_f1"] = round(f1_of(*page.peer), 3)
    if page.failure:
        row["failure"] = page.failure
    return row


def evaluate_extraction(
    folder: Path, *, config: Config, limit: int | None = None, per_page: bool = False
) -> dict[str, Any]:
    pages = list(score_pages(folder, config, limit, with_peer=per_page))
    precision, recall, f1 = _averages(pages)
    worst = sorted(pages, key=lambda p: min(p.precision, p.recall))[:5]
    result: dict[str, Any] = {
        "task": "extraction",
        "pages": len(pages),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        # Halves by position in key order, for checking a change on pages it was not
        # decided on.
        "f1_even_pages": round(_averages(pages[0::2])[2], 4),
        "f1_odd_pages": round(_averages(pages[1::2])[2], 4),
        "failures": sum(1 for p in pages if p.failure),
        "worst": [
            {"key": p.key, "precision": round(p.precision, 3), "recall": round(p.recall, 3)}
            for p in worst
        ],
    }
    if per_page:
        result["peer"] = "trafilatura.extract, default settings"
        result["peer_f1"] = round(_averages([_as_peer(p) for p in pages])[2], 4)
        result["per_page"] = [_page_row(p) for p in pages]
    return result


def _as_peer(page: PageScore) -> PageScore:
    precision, recall = page.peer or (0.0, 0.0)
    return PageScore(page.key, precision, recall)
