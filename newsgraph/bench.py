"""Speed measured side by side in one run: bare spaCy vs. the full analyze path.

The same texts and model feed both, in alternating slices of one batch each. Bare spaCy
gets the clean texts (``nlp.pipe`` only); the full path starts from the raw inputs
(cleaning, every newsgraph component, record building). Warm-up runs are not timed.
Ratios are what matter: absolute words/second depend on the machine and what else it is
doing.
"""

from __future__ import annotations

import itertools
import resource
import statistics
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from newsgraph.clean import clean
from newsgraph.config import Config
from newsgraph.nlp.pipeline import load_model, load_pipeline
from newsgraph.pipeline import analyze
from newsgraph.pipeline.workers import WorkerPool
from newsgraph.types import CleanDocument, RawInput


def _corpus(inputs: Iterable[Any], docs: int) -> list[RawInput]:
    """``docs`` inputs, cycling through the given ones with distinct ids."""
    base = [item for item in inputs if isinstance(item, RawInput)]
    if not base:
        return []
    cycled = itertools.islice(itertools.cycle(base), docs)
    return [
        replace(item, id=f"bench-{n}", ref=f"{item.ref}#bench-{n}") for n, item in enumerate(cycled)
    ]


def _timed(run: Any) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def run_bench(
    inputs: Iterable[Any], *, config: Config, docs: int, workers: int = 2
) -> dict[str, Any]:
    raws = _corpus(inputs, docs)
    cleaned = [clean(r, config) for r in raws]
    texts = [d.text for d in cleaned if isinstance(d, CleanDocument)]
    words = sum(len(t.split()) for t in texts)
    warm = raws[: config.batch_size]

    bare = load_model(config.model)
    list(bare.pipe(texts[: config.batch_size]))
    nlp = load_pipeline(config)
    list(analyze(warm, config=config, nlp=nlp))

    # Bare and full runs alternate over slices of the corpus, so that a change in what
    # else the machine is doing weighs on both sides alike instead of on one. Besides the
    # ratio of the totals, the median of the slices' own ratios is given: on a shared
    # machine a burst of outside load lands on one side of one slice, and the median
    # leaves that slice out where the totals take it in.
    bare_seconds = full_seconds = 0.0
    slice_ratios: list[float] = []
    step = config.batch_size
    for start in range(0, len(raws), step):
        chunk = raws[start : start + step]
        chunk_texts = [
            d.text for d in cleaned[start : start + step] if isinstance(d, CleanDocument)
        ]
        bare_slice = _timed(
            lambda t=chunk_texts: [None for _ in bare.pipe(t, batch_size=config.batch_size)]
        )
        full_slice = _timed(lambda c=chunk: list(analyze(c, config=config, nlp=nlp)))
        bare_seconds += bare_slice
        full_seconds += full_slice
        slice_ratios.append(bare_slice / full_slice)

    parallel_seconds = None
    if workers > 1:
        with WorkerPool(config, workers) as pool:
            # At least 8 batches per worker, so that the last, lone batch of a small bench
            # corpus does not pass for a limit of the parallelism (a long ingest has none).
            size = max(1, min(config.batch_size, len(raws) // (workers * 8)))
            batches = [raws[i : i + size] for i in range(0, len(raws), size)]
            list(pool.ordered_analyze([warm] * workers))
            parallel_seconds = _timed(lambda: list(pool.ordered_analyze(batches)))

    own_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result: dict[str, Any] = {
        "docs": len(raws),
        "words": words,
        "model": config.model,
        "pipeline": nlp.pipe_names,
        # Whether the model's attribute ruler ran through newsgraph's index (the same
        # annotations, faster than spaCy's Matcher): part of the full path's speed.
        "indexed_rules": config.indexed_rules,
        "bare_spacy_wps": round(words / bare_seconds),
        "analyze_wps": round(words / full_seconds),
        "analyze_vs_bare": round(bare_seconds / full_seconds, 3),
        "analyze_vs_bare_slices": len(slice_ratios),
        "analyze_vs_bare_median_slice": round(statistics.median(slice_ratios), 3),
        "peak_rss_mb": round(own_kb / 1024),
        "peak_worker_rss_mb": round(child_kb / 1024),
    }
    if parallel_seconds is not None:
        result["workers"] = workers
        result["parallel_wps"] = round(words / parallel_seconds)
        result["parallel_speedup"] = round(full_seconds / parallel_seconds, 3)
    return result
