"""The event views: table, timeline, map and network, each with the shared filter form,
problems shown inline in the form it keeps, and downloads of the current view."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsgraph.record.vocabulary import MODALITIES, PLACE_PRECISIONS, PLOVER_TYPES
from newsgraph.server.actor_network import actor_network
from newsgraph.server.event_params import (
    EVENT_SOURCE_TYPES,
    FILTER_PARAMS,
    category_families,
    category_family,
    read_event_filter,
)
from newsgraph.server.requests import Con
from newsgraph.store import event_queries as eq
from newsgraph.web.exports import VIEW_FORMATS
from newsgraph.web.render import render

router = APIRouter(include_in_schema=False)

EVENTS_PER_PAGE = 100
MAX_PAGE = 100_000
PERIODS = ("day", "week", "month", "year")


def _view(request: Request) -> tuple[eq.EventFilter, dict[str, Any]]:
    """The page's filter and the template context of its form (kept values, problems)."""
    params = {k: request.query_params.get(k) or "" for k in FILTER_PARAMS}
    chosen, problems = read_event_filter(params)
    kept = {k: v for k, v in params.items() if v}
    return chosen, {
        "params": params,
        "problems": problems.by_field,
        "query": urlencode(kept),
        "plover_types": PLOVER_TYPES,
        "modalities": MODALITIES,
        "source_types": sorted(EVENT_SOURCE_TYPES),
        "families": category_families(),
        "category_options": {
            "violence,protest",
            "none",
            *category_families(),
            *(c for labels in category_families().values() for c in labels),
        },
        "precisions": PLACE_PRECISIONS,
        "export_formats": VIEW_FORMATS,
        "family_of": category_family,
    }


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value or default)))
    except ValueError:
        return default


def _problem_page(name: str, context: dict[str, Any], **empty: Any) -> HTMLResponse:
    """The page with its form as sent and each problem beside its field; no results."""
    return render(name, status_code=400, **context, **empty)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, con: Con) -> HTMLResponse:
    chosen, context = _view(request)
    if context["problems"]:
        return _problem_page("events.html", context, items=[], total=0, first=0, last=0)
    page = _int(request.query_params.get("page"), 1, 1, MAX_PAGE)
    offset = (page - 1) * EVENTS_PER_PAGE
    items, _, total = eq.list_events(con, chosen, limit=EVENTS_PER_PAGE, offset=offset)
    return render(
        "events.html",
        items=items,
        total=total,
        first=offset + 1 if items else 0,
        last=offset + len(items),
        previous_page=page - 1 if page > 1 else None,
        next_page=page + 1 if offset + len(items) < total else None,
        **context,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, con: Con) -> HTMLResponse:
    chosen, context = _view(request)
    by = request.query_params.get("by") or "month"
    by = by if by in PERIODS else "month"
    if context["problems"]:
        return _problem_page("timeline.html", context, series=[], by=by, total=0, undated=0)
    series = eq.event_counts(con, chosen, by=by, split_by_type=True)
    return render(
        "timeline.html",
        series=series,
        periods=_period_totals(series),
        by=by,
        total=sum(p["count"] for p in series),
        undated=eq.undated_count(con, chosen),
        **context,
    )


def _period_totals(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for point in series:
        entry = totals.setdefault(point["period"], {"period": point["period"], "count": 0})
        entry["count"] += point["count"]
        entry[point["type"]] = point["count"]
    return [totals[k] for k in sorted(totals)]


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, con: Con) -> HTMLResponse:
    chosen, context = _view(request)
    if context["problems"]:
        return _problem_page("map.html", context, places=[])
    return render("map.html", places=eq.list_places(con, chosen, limit=2000), **context)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, con: Con) -> HTMLResponse:
    chosen, context = _view(request)
    if context["problems"]:
        return _problem_page("network.html", context, network={"nodes": [], "edges": []})
    return render("network.html", network=actor_network(con, chosen, limit=300), **context)
