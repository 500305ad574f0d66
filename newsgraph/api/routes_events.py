"""The JSON API over extracted data: events, stats, actors, places, network, attributions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newsgraph.record.vocabulary import SOURCE_TYPES
from newsgraph.server.actor_network import actor_network
from newsgraph.server.requests import COUNTRY_CODE, Con, Filter, Offset, bad_request
from newsgraph.store import event_queries as eq
from newsgraph.store.queries import BadCursor

router = APIRouter(prefix="/api")


@router.get("/events", summary="Events with analyst filters, cursor pagination")
def events(
    con: Con,
    f: Filter,
    sort: Annotated[Literal["date", "-date"], Query(description="By event date")] = "-date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    try:
        items, next_cursor, total = eq.list_events(
            con, f, limit=limit, cursor=cursor, newest_first=sort == "-date"
        )
    except BadCursor as error:
        raise bad_request(str(error)) from None
    return {"items": items, "next_cursor": next_cursor, "total": total}


@router.get("/stats/events", summary="Event counts per day, week, month or year")
def event_stats(
    con: Con,
    f: Filter,
    by: Annotated[Literal["day", "week", "month", "year"], Query()] = "day",
    split: Annotated[Literal["type"] | None, Query(description="Also split by type")] = None,
) -> dict[str, Any]:
    return {"by": by, "series": eq.event_counts(con, f, by=by, split_by_type=split == "type")}


@router.get("/actors", summary="Actors with the number of articles naming them")
def actors(
    con: Con,
    q: Annotated[str | None, Query(max_length=200)] = None,
    country: str | None = None,
    sector: Annotated[str | None, Query(max_length=10)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    if country and not COUNTRY_CODE.match(country):
        raise bad_request("country must be an ISO 3166 alpha-3 code such as TUR")
    items, total = eq.list_actors(
        con,
        q=q,
        country=country.upper() if country else None,
        sector=sector,
        limit=limit,
        offset=offset,
    )
    return {"items": items, "total": total}


@router.get("/places", summary="Event places with event counts (for the map)")
def places(
    con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 1000
) -> dict[str, Any]:
    return {"items": eq.list_places(con, f, limit=limit)}


@router.get("/network", summary="Resolved actors and actor -> target edges with event types")
def network(
    con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 300
) -> dict[str, Any]:
    return actor_network(con, f, limit=limit)


@router.get("/attributions", summary="Who says so: attributions with their source types")
def attributions(
    con: Con,
    source_type: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    if source_type and source_type not in SOURCE_TYPES:
        raise bad_request(f"source_type must be one of {', '.join(sorted(SOURCE_TYPES))}")
    items, total = eq.list_attributions(
        con, source_type=source_type, q=q, limit=limit, offset=offset
    )
    return {"items": items, "total": total}
