"""Request-scoped access to the store."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
from fastapi import Request


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor per request: DuckDB connections must not be shared across threads."""
    cursor = request.app.state.store.cursor()
    try:
        yield cursor
    finally:
        cursor.close()
