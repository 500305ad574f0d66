"""Story clustering on ECB+ (stories/ecbplus): B-cubed against (topic, ecb|ecbplus).

The documents are analysed with the full pipeline and clustered by
:func:`newsgraph.stories.cluster.cluster`; a plain TF-IDF average-link baseline is scored
on the same texts so the gain is visible. ECB+ documents carry no publication dates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.eval.bcubed import bcubed
from newsgraph.eval.stories_data import read_topics
from newsgraph.pipeline import analyze
from newsgraph.stories.baseline import BASELINE_THRESHOLD, tfidf_clusters
from newsgraph.stories.cluster import cluster
from newsgraph.types import Failure, RawInput


def evaluate_stories(
    path: str | Path,
    *,
    config: Config,
    nlp: Language | None = None,
    topics: list[str] | None = None,
) -> dict[str, Any]:
    folder = Path(path)
    if not folder.is_dir():
        raise NewsgraphError(Errors.E001.format(path=folder))
    documents = read_topics(folder, topics=topics)
    inputs = [RawInput(ref=d.id, kind="given-text", content=d.text, id=d.id) for d in documents]
    records = [r for r in analyze(inputs, config=config, nlp=nlp) if not isinstance(r, Failure)]
    gold_by_id = {d.id: d.story for d in documents}
    stories = cluster(records)
    ids = [str(r["id"]) for r in records]
    gold = [gold_by_id[i] for i in ids]
    ours = bcubed([stories[i] for i in ids], gold)
    baseline = bcubed(tfidf_clusters([str(r["text"]) for r in records]), gold)
    return {
        "documents": len(records),
        "gold_stories": len(set(gold)),
        "predicted_stories": len(set(stories.values())),
        **ours,
        "baseline_tfidf": {**baseline, "threshold": BASELINE_THRESHOLD},
    }
