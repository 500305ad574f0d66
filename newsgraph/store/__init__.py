"""The store: a DuckDB file holding articles, their analyses and failures."""

from newsgraph.store.db import DEFAULT_DB, Store
from newsgraph.store.ingest import IngestSummary, ingest

__all__ = ["DEFAULT_DB", "IngestSummary", "Store", "ingest"]
