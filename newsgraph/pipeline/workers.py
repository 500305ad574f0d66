"""Process-based parallelism: one spaCy pipeline per worker, input order kept.

Workers are started with "spawn" so they never inherit the parent's open DuckDB handle or
threads; each loads the pipeline once. Workers ignore SIGINT so that Ctrl-C reaches only
the parent, which stops the pool and keeps what it has committed. A worker whose parent
dies (kill -9, a crash) exits at once instead of finishing work nobody will read.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any

from newsgraph.clean import clean
from newsgraph.config import Config
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline.records import analyze_batch, annotate
from newsgraph.types import CleanDocument, Failure, RawInput

_WORKER: dict[str, Any] = {}
# Batches in flight per worker: enough to keep every core busy, few enough to bound memory.
_WINDOW_PER_WORKER = 2


def _exit_with_parent() -> None:
    """Exit this worker as soon as its parent process is gone.

    The parent's sentinel becomes ready when it exits however it exits, so a thread
    blocked on it wakes at once, with no polling; without it a worker runs on (holding
    ~800 MB) until its batch is done and the result has nowhere to go.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _start_worker(config: Config) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    try:
        _WORKER["nlp"] = load_pipeline(config)
    except Exception as error:
        # A pool whose initializer raises starts new workers forever and never returns;
        # kept here, the error is raised by the first task, in the parent.
        _WORKER["error"] = error
    _WORKER["config"] = config


def _ready() -> dict[str, Any]:
    """This worker's state for a task (raises the error its start-up hit)."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    return _WORKER


def _analyze_batch(batch: list[Any]) -> list[Any]:
    worker = _ready()
    return analyze_batch(batch, config=worker["config"], nlp=worker["nlp"])


def _clean_batch(batch: list[RawInput]) -> list[CleanDocument | Failure]:
    worker = _ready()
    return [clean(item, worker["config"]) for item in batch]


def _annotate_batch(documents: list[CleanDocument]) -> list[dict[str, Any]]:
    worker = _ready()
    return annotate(documents, nlp=worker["nlp"], config=worker["config"])


def split(items: list[Any], parts: int) -> list[list[Any]]:
    """Cut ``items`` into at most ``parts`` contiguous, nearly equal, non-empty chunks."""
    if not items:
        return []
    parts = min(parts, len(items))
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for number in range(parts):
        end = start + size + (1 if number < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


class WorkerPool:
    def __init__(self, config: Config, workers: int):
        self.workers = workers
        context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(workers, initializer=_start_worker, initargs=(config,))

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.pool.close()
        else:
            self.pool.terminate()
        self.pool.join()

    def ordered_analyze(self, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        pending: deque[AsyncResult[list[Any]]] = deque()
        window = self.workers * _WINDOW_PER_WORKER
        for batch in batches:
            pending.append(self.pool.apply_async(_analyze_batch, (batch,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def clean_many(self, items: list[RawInput]) -> list[CleanDocument | Failure]:
        chunks = self.pool.map(_clean_batch, split(items, self.workers))
        return [result for chunk in chunks for result in chunk]

    def annotate_many(self, documents: list[CleanDocument]) -> list[dict[str, Any]]:
        chunks = self.pool.map(_annotate_batch, split(documents, self.workers))
        return [record for chunk in chunks for record in chunk]
