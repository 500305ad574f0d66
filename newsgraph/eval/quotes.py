"""Attribution quality on brat standoff data (PolNeAR layout): source, cue, content F1.

Layout: ``<folder>/text/<doc>.txt`` and ``<folder>/attributions/<doc>[_<annotator>].ann``.
A document annotated by several annotators is scored once against each annotation file
(each file is an independent gold standard for the same text).

Metric (token-overlap F1, matched per relation):

* Tokens are the ``\\w+`` runs of the text; a span covers a token when their character
  ranges overlap. Discontinuous gold spans are the union of their fragments.
* Matching: gold relations and predicted attributions are paired one to one, greedily by
  decreasing content-token overlap (ties broken by cue-token overlap, then text order);
  a pair needs at least one shared content or cue token.
* For each role (source, cue, content): ``overlap`` = shared tokens summed over matched
  pairs; precision = overlap / tokens of that role in *all* predictions (unmatched
  predictions count against precision); recall = overlap / tokens of that role in *all*
  gold relations (unmatched gold counts against recall); F1 is their harmonic mean.
  Relations without a source (e.g. "reportedly") contribute no source tokens.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.config import Config
from newsgraph.eval.brat import ROLES, GoldAttribution, annotation_files, check_offsets, parse_ann

_TOKEN = re.compile(r"\w+")

Spans = Sequence[tuple[int, int]]


class Tokenizer:
    """Map character spans of one text to the set of ``\\w+`` token indices they cover."""

    def __init__(self, text: str):
        matches = list(_TOKEN.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def tokens(self, spans: Spans) -> frozenset[int]:
        covered: set[int] = set()
        for start, end in spans:
            if end <= start:
                continue
            # first token ending after `start` .. last token starting before `end`
            first = bisect.bisect_right(self.ends, start)
            last = bisect.bisect_left(self.starts, end)
            covered.update(range(first, last))
        return frozenset(covered)


@dataclass
class RoleCounts:
    overlap: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: RoleCounts) -> None:
        self.overlap += other.overlap
        self.predicted += other.predicted
        self.gold += other.gold

    def scores(self) -> tuple[float, float, float]:
        precision = self.overlap / self.predicted if self.predicted else 0.0
        recall = self.overlap / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class DocumentScore:
    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})
    gold_relations: int = 0
    predicted_relations: int = 0
    matched: int = 0


RoleTokens = dict[str, frozenset[int]]


def predicted_spans(attribution: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
    """The role spans of a record-shaped attribution (source may be null)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for role in ROLES:
        value = attribution.get(role)
        spans[role] = [(value["start"], value["end"])] if value else []
    return spans


def match(gold: list[RoleTokens], predicted: list[RoleTokens]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by content overlap, then cue overlap (see module doc)."""
    candidates = []
    for g, gold_roles in enumerate(gold):
        for p, pred_roles in enumerate(predicted):
            content = len(gold_roles["content"] & pred_roles["content"])
            cue = len(gold_roles["cue"] & pred_roles["cue"])
            if content or cue:
                candidates.append((-content, -cue, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, g, p in candidates:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append((g, p))
    return pairs


def gold_role_tokens(tokenizer: Tokenizer, gold: Iterable[GoldAttribution]) -> list[RoleTokens]:
    """Each annotated relation as the token sets of its roles."""
    return [{r: tokenizer.tokens(g.role(r)) for r in ROLES} for g in gold]


def score_document(
    text: str, gold: Iterable[GoldAttribution], predicted: Iterable[dict[str, Any]]
) -> DocumentScore:
    tokenizer = Tokenizer(text)
    gold_tokens = gold_role_tokens(tokenizer, gold)
    pred_tokens = [
        {r: tokenizer.tokens(spans) for r, spans in predicted_spans(a).items()} for a in predicted
    ]
    return score_tokens(gold_tokens, pred_tokens)


def score_tokens(gold_tokens: list[RoleTokens], pred_tokens: list[RoleTokens]) -> DocumentScore:
    """Score relations already reduced to the token sets of their roles."""
    score = DocumentScore(gold_relations=len(gold_tokens), predicted_relations=len(pred_tokens))
    for role in ROLES:
        score.roles[role].gold = sum(len(g[role]) for g in gold_tokens)
        score.roles[role].predicted = sum(len(p[role]) for p in pred_tokens)
    pairs = match(gold_tokens, pred_tokens)
    score.matched = len(pairs)
    for g, p in pairs:
        for role in ROLES:
            score.roles[role].overlap += len(gold_tokens[g][role] & pred_tokens[p][role])
    return score


def read_text(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters, so that standoff offsets stay valid.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _add(total: DocumentScore, document: DocumentScore) -> None:
    total.gold_relations += document.gold_relations
    total.predicted_relations += document.predicted_relations
    total.matched += document.matched
    for role in ROLES:
        total.roles[role].add(document.roles[role])


def _summary(total: DocumentScore) -> dict[str, Any]:
    result: dict[str, Any] = {
        "gold_relations": total.gold_relations,
        "predicted_relations": total.predicted_relations,
        "matched": total.matched,
    }
    for role in ROLES:
        precision, recall, f1 = total.roles[role].scores()
        result[f"{role}_precision"] = round(precision, 4)
        result[f"{role}_recall"] = round(recall, 4)
        result[f"{role}_f1"] = round(f1, 4)
    return result


def annotator_agreement(folder: Path, *, limit: int | None = None) -> dict[str, Any]:
    """How far the annotators agree with each other, by the same metric: on every document
    with several annotation files, each file is scored as a prediction against each other
    one (discontinuous spans kept as they are). It is the scale to read the system's
    figures on: a system is scored against one annotator at a time, as each annotator is
    here against the others (a system that learnt the annotators' consensus can score
    somewhat above it)."""
    pairs = [pair for pair in annotation_files(Path(folder)) if len(pair[1]) > 1]
    if limit is not None:
        pairs = pairs[:limit]
    total = DocumentScore()
    for text_path, ann_paths in pairs:
        tokenizer = Tokenizer(read_text(text_path))
        files = [gold_role_tokens(tokenizer, parse_ann(read_text(a))[1]) for a in ann_paths]
        for one, other in itertools.permutations(files, 2):
            _add(total, score_tokens(other, one))
    return {
        "task": "quotes-agreement",
        "documents": len(pairs),
        "annotation_files": sum(len(anns) for _, anns in pairs),
        **_summary(total),
    }


def evaluate_quotes(folder: Path, *, config: Config, limit: int | None = None) -> dict[str, Any]:
    """Run the pipeline over ``folder``'s texts and score the attributions it finds."""
    from newsgraph.nlp import load_pipeline

    pairs = annotation_files(Path(folder))
    if limit is not None:
        pairs = pairs[:limit]
    texts = [read_text(text_path) for text_path, _ in pairs]
    nlp = load_pipeline(config)
    total = DocumentScore()
    offset_mismatches = 0
    for (_, ann_paths), text, doc in zip(
        pairs, texts, nlp.pipe(texts, batch_size=config.batch_size), strict=True
    ):
        predicted = doc._.ng_attributions or []
        for ann_path in ann_paths:
            bounds, gold = parse_ann(read_text(ann_path))
            offset_mismatches += check_offsets(text, bounds)
            _add(total, score_document(text, gold, predicted))
    return {
        "task": "quotes",
        "documents": len(pairs),
        "annotation_files": sum(len(anns) for _, anns in pairs),
        **_summary(total),
        "offset_mismatches": offset_mismatches,
    }
