"""The driver: a stream of inputs through clean and NLP, in batches, here or in workers.

:func:`analyze` is what ``newsgraph analyze`` and the evaluations run; :func:`fan_out`
is the one rule for when worker processes pay (the ingest path asks it too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any

from spacy.language import Language

from newsgraph.config import Config
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline.records import Record, analyze_batch
from newsgraph.pipeline.workers import WorkerPool
from newsgraph.types import Analyzed, Failure, RawInput


def fan_out(workers: int, head: list[Any], batch_size: int) -> bool:
    """Whether to start ``workers`` processes for an input whose first items are ``head``
    (read up to one more than a batch): input that fits in one batch is analysed in this
    process, where starting workers would cost more than they save."""
    return workers > 1 and len(head) > batch_size


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def analyze(
    inputs: Iterable[RawInput | Failure | Analyzed],
    *,
    config: Config,
    nlp: Language | None = None,
    workers: int = 1,
) -> Iterator[Record | Failure]:
    """Analyse a stream of inputs, yielding records and failures in input order.

    With ``workers > 1`` batches go to that many processes (one pipeline each); at most a
    few batches per worker are in flight, so memory stays flat however long the stream.
    Input that fits in one batch is analysed here: starting workers would cost more.
    """
    iterator = iter(inputs)
    head = list(islice(iterator, config.batch_size + 1))
    batches = _batched(chain(head, iterator), config.batch_size)
    if fan_out(workers, head, config.batch_size):
        with WorkerPool(config, workers) as pool:
            for results in pool.ordered_analyze(batches):
                yield from results
        return
    nlp = nlp or load_pipeline(config)
    for batch in batches:
        yield from analyze_batch(batch, config=config, nlp=nlp)
