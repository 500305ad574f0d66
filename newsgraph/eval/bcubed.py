"""B-cubed precision, recall and F1 of a clustering against gold labels."""

from __future__ import annotations

from collections import Counter


def bcubed(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """Per item: precision = share of its predicted cluster with its gold label, recall =
    share of its gold class in its predicted cluster; both averaged over items."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pairs = list(zip(predicted, gold, strict=True))
    pair_counts = Counter(pairs)
    cluster_sizes = Counter(predicted)
    class_sizes = Counter(gold)
    precision = sum(pair_counts[(p, g)] / cluster_sizes[p] for p, g in pairs)
    recall = sum(pair_counts[(p, g)] / class_sizes[g] for p, g in pairs)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
