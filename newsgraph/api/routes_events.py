"""The JSON API over extracted data: events, stats, actors, places, network, attributions."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from newsgraph.api.deps import Offset, connection
from newsgraph.store import event_queries as eq
from newsgraph.store.queries import BadCursor

router = APIRouter(prefix="/api")
Con = Annotated[Any, Depends(connection)]

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
SOURCE_TYPES = {
    "named_person",
    "official_body",
    "unnamed",
    "media",
    "document",
    "expert",
    "witness",
    "none",
}
_COUNTRY = re.compile(r"^[A-Z]{3}$")


def _bad(message: str) -> HTTPException:
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
            raise _bad(
                f"unknown event type(s) {', '.join(unknown)}; "
                f"expected PLOVER types such as CONSULT, THREATEN"
            )
    if country and not _COUNTRY.match(country):
        raise _bad("country must be an ISO 3166 alpha-3 code such as TUR")
    box = None
    if bbox:
        try:
            min_lon, min_lat, max_lon, max_lat = (float(x) for x in bbox.split(","))
        except ValueError:
            raise _bad("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise _bad("bbox is outside [-180,180] x [-90,90] or its minimum exceeds its maximum")
        box = (min_lon, min_lat, max_lon, max_lat)
    if source_type and source_type not in SOURCE_TYPES:
        raise _bad(f"source_type must be one of {', '.join(sorted(SOURCE_TYPES))}")
    if since and until and since > until:
        raise _bad("'since' is after 'until'")
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
        raise _bad(str(error)) from None
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
    if country and not _COUNTRY.match(country):
        raise _bad("country must be an ISO 3166 alpha-3 code such as TUR")
    items, total = eq.list_actors(
        con, q=q, country=country, sector=sector, limit=limit, offset=offset
    )
    return {"items": items, "total": total}


@router.get("/places", summary="Event places with event counts (for the map)")
def places(
    con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 1000
) -> dict[str, Any]:
    return {"items": eq.list_places(con, f, limit=limit)}


@router.get("/network", summary="Actor -> target pairs weighted by event count")
def network(
    con: Con, f: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 300
) -> dict[str, Any]:
    return {"edges": eq.actor_network(con, f, limit=limit)}


@router.get("/attributions", summary="Who says so: attributions with their source types")
def attributions(
    con: Con,
    source_type: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    if source_type and source_type not in SOURCE_TYPES - {"none"}:
        raise _bad(f"source_type must be one of {', '.join(sorted(SOURCE_TYPES - {'none'}))}")
    items, total = eq.list_attributions(
        con, source_type=source_type, q=q, limit=limit, offset=offset
    )
    return {"items": items, "total": total}
