"""The store: a DuckDB file holding articles, their analyses, stories and failures.

Storage only: what goes in is decided by ``newsgraph.pipeline.ingest``.
"""

from newsgraph.store.db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
