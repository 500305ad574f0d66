"""What the JSON API and the dashboard pages read from a request alike: a store cursor,
the server's configuration, bounded paging, and the event filters with their checks.
Both ``newsgraph.api`` and ``newsgraph.web`` import it; neither imports the other."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import Depends, HTTPException, Query, Request

from newsgraph.config import Config
from newsgraph.server.event_params import (  # noqa: F401  (re-exported)
    COUNTRY_CODE,
    EVENT_SOURCE_TYPES,
    read_event_filter,
)
from newsgraph.store import event_queries as eq


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor per request: DuckDB connections must not be shared across threads."""
    cursor = request.app.state.store.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


# A route's store cursor: ``con: Con``.
Con = Annotated[Any, Depends(connection)]


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


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def event_filter(
    since: Annotated[date | None, Query(description="Event date on or after")] = None,
    until: Annotated[date | None, Query(description="Event date on or before")] = None,
    type: Annotated[
        str | None, Query(description="PLOVER types, comma-separated, any case")
    ] = None,
    category: Annotated[
        str | None,
        Query(
            description="Categories: labels (ARMED_CLASH), families (violence, protest, "
            "strategic, crime, disaster) or none, comma-separated"
        ),
    ] = None,
    exclude_category: Annotated[
        str | None, Query(description="Categories left out, as for category")
    ] = None,
    min_confidence: Annotated[str | None, Query(description="Lowest confidence, 0-1")] = None,
    modality: Annotated[
        str | None, Query(description="asserted, negated, future or hypothetical")
    ] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor or target name")] = None,
    from_actor: Annotated[
        str | None, Query(max_length=200, description="Name of one of the event's actors")
    ] = None,
    to_actor: Annotated[
        str | None, Query(max_length=200, description="Name of one of the event's targets")
    ] = None,
    country: Annotated[
        str | None, Query(description="Country of actor, target or place: ISO alpha-3 or name")
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name, exact")] = None,
    precision: Annotated[
        str | None, Query(description="Place precision: city, admin1, country, region")
    ] = None,
    bbox: Annotated[
        str | None, Query(description="min_lon,min_lat,max_lon,max_lat of the event place")
    ] = None,
    source_type: Annotated[
        str | None, Query(description="Attribution source type; 'none' = outlet's own claim")
    ] = None,
    named_only: Annotated[
        str | None, Query(description="1: only events attributed to named sources")
    ] = None,
    exclude_hedged: Annotated[
        str | None, Query(description="1: leave out hedged events ('reportedly')")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Domain or name")] = None,
    story: Annotated[str | None, Query(max_length=100, description="Story id")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Text in title or trigger")] = None,
) -> eq.EventFilter:
    given = dict(locals())
    given["since"] = since.isoformat() if since else None
    given["until"] = until.isoformat() if until else None
    f, problems = read_event_filter(given)
    if problems:
        raise bad_request(problems.message())
    return f


Filter = Annotated[eq.EventFilter, Depends(event_filter)]
