"""What the JSON API and the dashboard pages read from a request alike: a store cursor,
the server's configuration, bounded paging, and the event filters with their checks.
Both ``newsgraph.api`` and ``newsgraph.web`` import it; neither imports the other."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, HTTPException, Query, Request

from newsgraph.config import Config
from newsgraph.record.vocabulary import PLOVER_TYPES, SOURCE_TYPES
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


# An event's source type, or "none" for the outlet's own claim (no attribution).
EVENT_SOURCE_TYPES = (*SOURCE_TYPES, "none")
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def event_filter(
    since: Annotated[date | None, Query(description="Event date on or after")] = None,
    until: Annotated[date | None, Query(description="Event date on or before")] = None,
    type: Annotated[str | None, Query(description="PLOVER types, comma-separated")] = None,
    modality: Annotated[
        Literal["asserted", "negated", "future", "hypothetical"] | None, Query()
    ] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor or target name")] = None,
    country: Annotated[
        str | None, Query(description="ISO alpha-3 of actor, target or place")
    ] = None,
    bbox: Annotated[
        str | None, Query(description="min_lon,min_lat,max_lon,max_lat of the event place")
    ] = None,
    source_type: Annotated[
        str | None, Query(description="Attribution source type; 'none' = outlet's own claim")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Domain or name")] = None,
    story: Annotated[str | None, Query(max_length=100, description="Story id")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Text in title or trigger")] = None,
) -> eq.EventFilter:
    types: tuple[str, ...] = ()
    if type:
        types = tuple(sorted({t.strip().upper() for t in type.split(",") if t.strip()}))
        unknown = [t for t in types if t not in PLOVER_TYPES]
        if unknown:
            raise bad_request(
                f"unknown event type(s) {', '.join(unknown)}; "
                f"expected PLOVER types such as CONSULT, THREATEN"
            )
    if country and not COUNTRY_CODE.match(country):
        raise bad_request("country must be an ISO 3166 alpha-3 code such as TUR")
    box = None
    if bbox:
        try:
            min_lon, min_lat, max_lon, max_lat = (float(x) for x in bbox.split(","))
        except ValueError:
            raise bad_request(
                "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat"
            ) from None
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise bad_request(
                "bbox is outside [-180,180] x [-90,90] or its minimum exceeds its maximum"
            )
        box = (min_lon, min_lat, max_lon, max_lat)
    if source_type and source_type not in EVENT_SOURCE_TYPES:
        raise bad_request(f"source_type must be one of {', '.join(sorted(EVENT_SOURCE_TYPES))}")
    if since and until and since > until:
        raise bad_request("'since' is after 'until'")
    return eq.EventFilter(
        since=since,
        until=until,
        types=types,
        modality=modality,
        actor=actor or None,
        country=country,
        bbox=box,
        source_type=source_type,
        outlet=outlet or None,
        story=story or None,
        q=q or None,
    )


Filter = Annotated[eq.EventFilter, Depends(event_filter)]
