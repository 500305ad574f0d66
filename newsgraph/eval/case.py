"""ACLED-style event category quality on CASE 2021 task 2 snippets.

Input: a TSV with a header and the columns ``id, EventSnippet, SubType``. Each snippet is
parsed by the bare spaCy model without NER (tagger, lemmatizer and parser: the classifier
reads lemmas and the parse, nothing else; newsgraph's other components are not run) and
scored as ONE window with the shipped lexicon, exactly as the pipeline component scores
an event's sentence. The prediction is the best-scoring label even below the component's
minimum score (the task always has an answer), or ``OTHER`` when no cue fires at all.

Metrics follow scikit-learn's definitions: per-label precision, recall, F1 and support;
accuracy; macro F1 = unweighted mean over the labels seen in gold or predictions;
weighted F1 = per-label F1 weighted by gold support.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.extract.category.lexicon import load_lexicon
from newsgraph.extract.category.scorer import TermIndex, find_hits, score_hits
from newsgraph.nlp.pipeline import load_model

FALLBACK_LABEL = "OTHER"
# The scorer reads lemmas and the parse only; leaving NER out keeps the eval fast.
_UNUSED_PIPES = ("ner",)


@lru_cache(maxsize=2)
def _bare_model(model: str) -> Language:
    # The model alone, not newsgraph's full pipeline: this measures the classifier, and
    # stays independent of the other extraction components.
    return load_model(model, exclude=_UNUSED_PIPES)


def read_snippets(path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, snippet, gold label) rows of the TSV, in file order."""
    if not path.is_file():
        raise NewsgraphError(Errors.E001.format(path=path))
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            if limit is not None and len(rows) >= limit:
                break
            rows.append((row["id"], row["EventSnippet"], row["SubType"].strip()))
    return rows


def predict_snippets(texts: list[str], *, config: Config) -> Iterator[str]:
    """One label per text, scored as a single window."""
    nlp = _bare_model(config.model)
    lexicon = load_lexicon()
    index = TermIndex(lexicon)
    for doc in nlp.pipe(texts, batch_size=config.batch_size):
        scored = score_hits(find_hits(doc, index), doc, lexicon)
        yield scored.best or FALLBACK_LABEL


LabelRow = tuple[float, float, float, int]  # precision, recall, F1, support


def _label_rows(gold: list[str], predicted: list[str]) -> dict[str, LabelRow]:
    """Unrounded (precision, recall, F1, support) per label seen in gold or predictions."""
    true_positive: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            true_positive[g] += 1
    support, guessed = Counter(gold), Counter(predicted)
    rows: dict[str, LabelRow] = {}
    for label in sorted(set(support) | set(guessed)):
        tp = true_positive[label]
        precision = tp / guessed[label] if guessed[label] else 0.0
        recall = tp / support[label] if support[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows[label] = (precision, recall, f1, support[label])
    return rows


def per_label_scores(gold: list[str], predicted: list[str]) -> dict[str, dict[str, float]]:
    return {
        label: {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
        for label, (precision, recall, f1, support) in _label_rows(gold, predicted).items()
    }


def summary_scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    rows = _label_rows(gold, predicted)
    n = len(gold)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    macro = sum(f1 for _, _, f1, _ in rows.values()) / len(rows) if rows else 0.0
    weighted = sum(f1 * support for _, _, f1, support in rows.values()) / n if n else 0.0
    return {
        "accuracy": round(correct / n, 4) if n else 0.0,
        "weighted_f1": round(weighted, 4),
        "macro_f1": round(macro, 4),
    }


def evaluate_case(path: Path, *, config: Config, limit: int | None = None) -> dict[str, Any]:
    rows = read_snippets(path, limit)
    gold = [label for _, _, label in rows]
    predicted = list(predict_snippets([text for _, text, _ in rows], config=config))
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return {
        "task": "case",
        "snippets": len(rows),
        **summary_scores(gold, predicted),
        "per_label": per_label_scores(gold, predicted),
        "top_confusions": [
            {"gold": g, "predicted": p, "count": count}
            for (g, p), count in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
        ],
    }
