"""Ingest: analyse documents and commit them to the store, batch by batch.

Each batch is one transaction, so an interruption (Ctrl-C, kill) loses at most the batch
in flight; everything committed stays, and a re-run skips it as a duplicate and goes on.
Duplicates are found after cleaning and before the NLP stage, so re-runs are cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from itertools import chain, islice
from typing import Any

from spacy.language import Language

from newsgraph.clean import clean
from newsgraph.config import Config
from newsgraph.errors import Reasons, failure
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline.driver import fan_out
from newsgraph.pipeline.records import annotate
from newsgraph.pipeline.workers import WorkerPool
from newsgraph.store.db import Store
from newsgraph.store.stories import assign_in_store
from newsgraph.types import Analyzed, CleanDocument, Failure, RawInput

CleanMany = Callable[[list[RawInput]], list[CleanDocument | Failure]]
AnnotateMany = Callable[[list[CleanDocument]], list[dict[str, Any]]]


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    interrupted: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return asdict(self)


def ingest(
    inputs: Iterable[RawInput | Failure | Analyzed],
    *,
    store: Store,
    config: Config,
    nlp: Language | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
    summary: IngestSummary | None = None,
    workers: int = 1,
) -> IngestSummary:
    """Ingest ``inputs``; counts go into ``summary`` (pass one in to keep the counts of
    committed batches when the run is interrupted by an exception such as Ctrl-C).

    With ``workers > 1`` cleaning and NLP run in that many processes; deduplication and
    writes stay in this process, which owns the database connection.
    """
    summary = summary if summary is not None else IngestSummary()
    iterator = iter(inputs)
    head = list(islice(iterator, config.batch_size + 1))
    inputs = chain(head, iterator)
    if fan_out(workers, head, config.batch_size):
        with WorkerPool(config, workers) as pool:
            _ingest_batches(
                inputs,
                store,
                summary,
                on_batch,
                pool.clean_many,
                pool.annotate_many,
                config.batch_size * workers,
                config.outlets,
            )
        return summary
    pipeline = nlp or load_pipeline(config)
    _ingest_batches(
        inputs,
        store,
        summary,
        on_batch,
        lambda items: [clean(item, config) for item in items],
        lambda documents: annotate(documents, nlp=pipeline, config=config),
        config.batch_size,
        config.outlets,
    )
    return summary


def _ingest_batches(
    inputs: Iterable[RawInput | Failure | Analyzed],
    store: Store,
    summary: IngestSummary,
    on_batch: Callable[[IngestSummary], None] | None,
    clean_many: CleanMany,
    annotate_many: AnnotateMany,
    batch_size: int,
    outlets: str,
) -> None:
    iterator = iter(inputs)
    while batch := list(islice(iterator, batch_size)):
        cleaned = iter(clean_many([item for item in batch if isinstance(item, RawInput)]))
        ready: dict[str, dict[str, Any]] = {}  # records analysed elsewhere, by ref
        fresh: list[CleanDocument] = []
        duplicate_refs: list[str] = []
        duplicate_entries: list[tuple[tuple[str, str], str]] = []
        seen_keys: set[str | None] = set()
        for item in batch:
            if isinstance(item, Analyzed):
                result: CleanDocument | Failure = item.document
                ready[item.document.ref] = item.record
            else:
                result = item if isinstance(item, Failure) else next(cleaned)
            if isinstance(result, Failure):
                store.record_failure(result)
                summary.failed += 1
                continue
            keys = {result.content_hash, result.canonical_url} - {None}
            existing = store.existing_id(result)
            if existing or keys & seen_keys:
                duplicate_refs.append(result.ref)
                if result.feed_entry:
                    duplicate_entries.append((result.feed_entry, existing or result.id))
                summary.duplicates += 1
                continue
            if store.has_id(result.id) or any(d.id == result.id for d in fresh):
                store.record_failure(failure(result.ref, Reasons.ID_CONFLICT, id=result.id))
                summary.failed += 1
                continue
            seen_keys |= keys
            fresh.append(result)
        to_annotate = [d for d in fresh if d.ref not in ready]
        annotated = iter(annotate_many(to_annotate) if to_annotate else [])
        records = [ready[d.ref] if d.ref in ready else next(annotated) for d in fresh]
        try:
            with store.transaction() as con:
                store.add_many(con, list(zip(fresh, records, strict=True)))
                for document in fresh:
                    store.clear_failure(con, document.ref)
                    if document.feed_entry:
                        store.mark_feed_entry(con, document.feed_entry, document.id)
                for ref in duplicate_refs:
                    store.clear_failure(con, ref)
                for entry, article_id in duplicate_entries:
                    store.mark_feed_entry(con, entry, article_id)
                # Stories and lineage commit with their batch, or not at all.
                assign_in_store(store, con, records, outlets)
        except BaseException:
            store.story_state = None  # may hold the rolled-back batch; rebuilt on next use
            raise
        summary.ingested += len(fresh)
        if on_batch:
            on_batch(summary)
