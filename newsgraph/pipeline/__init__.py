"""Running documents through newsgraph: the driver (batches, worker processes), the
records it builds, and ingest into a store.

``analyze`` streams inputs to records; ``ingest`` adds deduplication and one transaction
per batch. Both decide batching and workers through ``driver``.
"""

from newsgraph.pipeline.driver import analyze
from newsgraph.pipeline.ingest import IngestSummary, ingest
from newsgraph.pipeline.records import annotate, dumps

__all__ = ["IngestSummary", "analyze", "annotate", "dumps", "ingest"]
