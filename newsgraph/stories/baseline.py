"""A plain TF-IDF baseline for story clustering, to measure the gain of the real one.

Bag of lower-cased words, TF-IDF weighted, cosine similarity, average-link agglomerative
clustering stopped at a similarity threshold. Quadratic: for evaluation only.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
BASELINE_THRESHOLD = 0.3


def tfidf_matrix(texts: list[str]) -> np.ndarray:
    counts = [Counter(w.lower() for w in _WORD.findall(t)) for t in texts]
    vocabulary = sorted({w for c in counts for w in c})
    column = {w: i for i, w in enumerate(vocabulary)}
    df = Counter(w for c in counts for w in c)
    matrix = np.zeros((len(texts), len(vocabulary)))
    for row, c in enumerate(counts):
        for word, n in c.items():
            matrix[row, column[word]] = n * (math.log((len(texts) + 1) / (df[word] + 1)) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def tfidf_clusters(texts: list[str], threshold: float = BASELINE_THRESHOLD) -> list[str]:
    """Cluster label of each text (average link: merge the closest pair of clusters while
    their mean pairwise cosine is at least ``threshold``)."""
    if not texts:
        return []
    vectors = tfidf_matrix(texts)
    similarity = vectors @ vectors.T
    members: dict[int, list[int]] = {i: [i] for i in range(len(texts))}
    # Sum of pairwise similarities between clusters, updated on each merge.
    link = similarity.copy()
    np.fill_diagonal(link, -np.inf)
    active = np.ones(len(texts), dtype=bool)
    sizes = np.ones(len(texts))
    while True:
        average = link / np.outer(sizes, sizes)
        average[~active, :] = -np.inf
        average[:, ~active] = -np.inf
        a, b = np.unravel_index(int(np.argmax(average)), average.shape)
        if average[a, b] < threshold:
            break
        link[a, :] += link[b, :]
        link[:, a] += link[:, b]
        link[a, a] = -np.inf
        sizes[a] += sizes[b]
        active[b] = False
        members[int(a)] += members.pop(int(b))
    labels = [""] * len(texts)
    for leader, items in members.items():
        for item in items:
            labels[item] = f"B{leader}"
    return labels
