"""Train the cue model on brat attribution data (PolNeAR layout): ``newsgraph train cues``.

1. Parse every document with the full pipeline and the rules alone (``cue_model="none"``).
2. One example per scored word (``cue_features.scored_features``): its features, and as label
   the share of the document's annotation files in which the word heads a cue (the
   syntactic root of the annotated cue span).
3. Fit an L2-regularised logistic regression (SciPy's L-BFGS; deterministic) on four
   fifths of the documents, choose the thresholds on the last fifth by the mean of the
   source, cue and content F1 of ``newsgraph eval quotes``, then refit on all of them.

Features seen in fewer than ``min_count`` documents' examples are left out, and weights
are rounded, so the file stays small and the same data gives the same bytes.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph.config import Config
from newsgraph.eval.brat import ROLES, GoldAttribution, annotation_files, parse_ann
from newsgraph.eval.quotes import DocumentScore, read_text, score_document
from newsgraph.extract.attributions.constructions import rule_candidates
from newsgraph.extract.attributions.cue_features import head_key, rule_kinds, scored_features
from newsgraph.extract.attributions.cue_model import CueModel
from newsgraph.extract.attributions.lexicon import CueLexicon, cue_lexicon
from newsgraph.extract.attributions.quotes import QuoteIndex, quote_regions
from newsgraph.extract.attributions.tree import forget_sentences, index_sentences
from newsgraph.nlp.extensions import doc_text, token_table

HOLDOUT_EVERY = 5  # every fifth document chooses the thresholds
DROP_GRID = (0.2, 0.3, 0.4)
ADD_GRID = (0.4, 0.5, 0.6)
CONFIRM_GRID = (0.5, 0.7, 1.01)  # 1.01: never confirm
WEIGHT_DIGITS = 4
MIN_HEAD_POSITIVES = 2  # annotated cue heads a (lemma, POS) pair needs to be scored
MIN_HEAD_SHARE = 0.03  # ... and the share of its uses they must make up


@dataclass(frozen=True)
class Example:
    document: int
    features: list[str]
    label: float  # share of annotation files in which the word heads a cue


@dataclass
class Annotated:
    doc: Doc
    golds: list[list[GoldAttribution]]  # one list per annotation file
    heads: list[set[int]] = field(default_factory=list)  # cue heads, per annotation file


def cue_heads(doc: Doc, gold: list[GoldAttribution]) -> set[int]:
    """Token indices of the syntactic roots of the annotated cue spans."""
    heads: set[int] = set()
    for relation in gold:
        if not relation.cue:
            continue
        start = min(s for s, _ in relation.cue)
        end = max(e for _, e in relation.cue)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    return heads


def head_words(items: Sequence[Annotated]) -> frozenset[str]:
    """The (lemma, POS) pairs that head annotated cues in ``items`` at least
    ``MIN_HEAD_POSITIVES`` times and in at least ``MIN_HEAD_SHARE`` of their uses: words
    like "be" or "year", which head a cue once in hundreds of uses, would cost a scoring
    at every use and almost never become a candidate."""
    uses: Counter[str] = Counter()
    positives: dict[str, float] = {}
    for item in items:
        table = token_table(item.doc)
        keys = [head_key(lemma, pos) for lemma, pos in zip(table.lemma, table.pos, strict=True)]
        uses.update(keys)
        share = 1 / len(item.heads)
        for heads in item.heads:
            for i in heads:
                positives[keys[i]] = positives.get(keys[i], 0.0) + share
    return frozenset(
        key
        for key, count in positives.items()
        if count >= MIN_HEAD_POSITIVES and count / uses[key] >= MIN_HEAD_SHARE
    )


def document_examples(
    number: int, item: Annotated, lexicon: CueLexicon, heads: frozenset[str]
) -> list[Example]:
    """One example per word the model would score in this document."""
    doc = item.doc
    index_sentences(doc)
    quotes = QuoteIndex(quote_regions(doc_text(doc)))
    candidates = rule_candidates(doc, lexicon, quotes)
    kinds = rule_kinds(candidates)
    examples = []
    for i, features in scored_features(doc, candidates, kinds, heads, lexicon, quotes):
        label = sum(i in found for found in item.heads) / len(item.heads)
        examples.append(Example(number, features, label))
    forget_sentences(doc)
    return examples


def examples_of(
    items: Sequence[Annotated], numbers: Sequence[int], heads: frozenset[str]
) -> list[Example]:
    lexicon = cue_lexicon()
    return [e for n in numbers for e in document_examples(n, items[n], lexicon, heads)]


def fit_weights(examples: Sequence[Example], *, l2: float, min_count: int) -> dict[str, float]:
    """Logistic regression weights by L-BFGS, from zero: the same examples give the same
    weights."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    documents: dict[str, set[int]] = {}
    for example in examples:
        for feature in example.features:
            documents.setdefault(feature, set()).add(example.document)
    vocabulary = sorted(f for f, seen in documents.items() if len(seen) >= min_count)
    column = {feature: j for j, feature in enumerate(vocabulary)}
    indices: list[int] = []
    pointers = [0]
    for example in examples:
        indices.extend(sorted({column[f] for f in example.features if f in column}))
        pointers.append(len(indices))
    matrix = csr_matrix(
        (np.ones(len(indices)), indices, pointers), shape=(len(examples), len(vocabulary))
    )
    labels = np.array([example.label for example in examples])

    def loss_and_gradient(weights: Any) -> tuple[float, Any]:
        scores = matrix @ weights
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        loss = np.sum(np.logaddexp(0.0, scores) - labels * scores) + 0.5 * l2 * weights @ weights
        gradient = matrix.T @ (probabilities - labels) + l2 * weights
        return float(loss), gradient

    found = minimize(
        loss_and_gradient,
        np.zeros(len(vocabulary)),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 1000},
    )
    weights: dict[str, float] = {}
    for feature, weight in zip(vocabulary, found.x, strict=True):
        rounded = round(float(weight), WEIGHT_DIGITS)
        if rounded:
            weights[feature] = rounded
    return weights


def score_documents(
    items: Sequence[Annotated], model: CueModel, *, texts: Sequence[str]
) -> dict[str, float]:
    """Source, cue and content F1 of the attribution component with ``model``."""
    from newsgraph.extract.attributions.component import Attributions

    component = Attributions("newsgraph_attributions_v1", model)
    total = DocumentScore()
    for item, text in zip(items, texts, strict=True):
        predicted = component(item.doc)._.ng_attributions or []
        for gold in item.golds:
            document = score_document(text, gold, predicted)
            for role in ROLES:
                total.roles[role].add(document.roles[role])
    return {role: round(total.roles[role].scores()[2], 4) for role in ROLES}


def choose_thresholds(
    items: Sequence[Annotated],
    weights: dict[str, float],
    heads: frozenset[str],
    texts: Sequence[str],
) -> tuple[tuple[float, float, float], dict[str, float]]:
    """The (drop, add, confirm) thresholds with the best mean F1 on ``items``; ties go to
    the first in grid order."""
    best: tuple[float, tuple[float, float, float], dict[str, float]] | None = None
    for drop, add, confirm in itertools.product(DROP_GRID, ADD_GRID, CONFIRM_GRID):
        model = CueModel(weights, drop_below=drop, add_from=add, confirm_from=confirm, heads=heads)
        scores = score_documents(items, model, texts=texts)
        mean = sum(scores.values()) / len(scores)
        if best is None or mean > best[0]:
            best = (mean, (drop, add, confirm), scores)
    assert best is not None
    return best[1], best[2]


def train_cue_model(
    folder: Path,
    *,
    config: Config,
    l2: float = 3.0,
    min_count: int = 5,
    say: Callable[[str], None] = lambda message: None,
) -> CueModel:
    """Train a cue model on ``folder`` (``text/`` and ``attributions/``, brat)."""
    from newsgraph.nlp import load_pipeline

    pairs = annotation_files(Path(folder))
    texts = [read_text(text_path) for text_path, _ in pairs]
    nlp = load_pipeline(config.replace(cue_model="none"))
    items = []
    say(f"parsing {len(pairs)} documents")
    for (_, ann_paths), doc in zip(
        pairs, nlp.pipe(texts, batch_size=config.batch_size), strict=True
    ):
        golds = [parse_ann(read_text(path))[1] for path in ann_paths]
        items.append(Annotated(doc, golds, [cue_heads(doc, gold) for gold in golds]))
    tuning = [n for n in range(len(items)) if n % HOLDOUT_EVERY == HOLDOUT_EVERY - 1]
    fitting = [n for n in range(len(items)) if n % HOLDOUT_EVERY != HOLDOUT_EVERY - 1]
    heads = head_words([items[n] for n in fitting])
    examples = examples_of(items, fitting, heads)
    say(f"{len(examples)} examples; fitting on {len(fitting)} documents")
    weights = fit_weights(examples, l2=l2, min_count=min_count)
    say(f"choosing thresholds on {len(tuning)} held-out documents")
    (drop, add, confirm), held_out = choose_thresholds(
        [items[n] for n in tuning], weights, heads, [texts[n] for n in tuning]
    )
    say(f"refitting on all {len(items)} documents")
    heads = head_words(items)
    examples = examples_of(items, range(len(items)), heads)
    weights = fit_weights(examples, l2=l2, min_count=min_count)
    positives = Counter(e.label > 0 for e in examples)[True]
    return CueModel(
        weights,
        drop_below=drop,
        add_from=add,
        confirm_from=confirm,
        heads=heads,
        about={
            "trained_on": Path(folder).name,
            "documents": len(items),
            "examples": len(examples),
            "positive_examples": positives,
            "l2": l2,
            "min_count": min_count,
            "held_out_f1": held_out,
            "spacy_model": config.model,
        },
    )
