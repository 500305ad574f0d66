"""Request-scoped access to the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import duckdb
from fastapi import Depends, Query, Request

from newsgraph.config import Config


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor per request: DuckDB connections must not be shared across threads."""
    cursor = request.app.state.store.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def settings(request: Request) -> Config:
    """The server's configuration (the data-file settings a read may need, e.g. outlets)."""
    config: Config = request.app.state.config
    return config


Settings = Annotated[Config, Depends(settings)]

# Every integer a request can give is bounded, so none reaches DuckDB out of BIGINT range
# (that is a conversion error, a 500); past these bounds a list is empty anyway.
MAX_OFFSET = 1_000_000_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")]
MinSize = Annotated[
    int, Query(ge=1, le=MAX_OFFSET, description="Only stories with this many reports")
]
