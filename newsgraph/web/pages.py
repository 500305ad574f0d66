"""Dashboard pages, rendered on the server from what is in the store."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from importlib.resources import files
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph.about import __version__
from newsgraph.record.vocabulary import PLOVER_TYPES
from newsgraph.server.requests import (
    EVENT_SOURCE_TYPES,
    Con,
    Offset,
    Settings,
    event_filter,
)
from newsgraph.store import event_queries as eq
from newsgraph.store import queries, story_queries
from newsgraph.store.queries import BadCursor
from newsgraph.web.highlight import evidence_spans, segments
from newsgraph.web.safety import safe_href

TEMPLATES = Environment(
    loader=FileSystemLoader(str(files("newsgraph.web").joinpath("templates"))),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.globals.update(version=__version__, safe_href=safe_href)

router = APIRouter(include_in_schema=False)


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context), status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def article_list(
    con: Con,
    q: Annotated[str | None, Query(max_length=500)] = None,
    since: date | None = None,
    until: date | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    filters = queries.ArticleFilter(q=q or None, since=since, until=until)
    try:
        items, next_cursor, total = queries.list_articles(con, filters, limit=50, cursor=cursor)
    except queries.BadCursor as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    return render(
        "articles.html",
        items=items,
        total=total,
        next_cursor=next_cursor,
        q=q or "",
        since=since.isoformat() if since else "",
        until=until.isoformat() if until else "",
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(article_id: str, con: Con) -> HTMLResponse:
    record = queries.get_record(con, article_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"No article with id {article_id!r}")
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in record.get("entities", []):
        by_label[entity["label"]].append(entity)
    return render(
        "article.html",
        record=record,
        segments=segments(record["text"], evidence_spans(record)),
        entities_by_label=dict(sorted(by_label.items())),
        names=_names(record),
    )


def _names(record: dict[str, Any]) -> dict[str, str]:
    """Display names for ids the side panel cross-references (actors, places, times...)."""
    names: dict[str, str] = {}
    for actor in record.get("actors") or []:
        names[actor["id"]] = actor.get("name") or actor["id"]
    for place in record.get("places") or []:
        names[place["id"]] = place.get("name") or place.get("text") or place["id"]
    for time in record.get("times") or []:
        names[time["id"]] = time.get("text") or time["id"]
    for quote in record.get("attributions") or []:
        names[quote["id"]] = (quote.get("source") or {}).get("text") or quote["id"]
    return names


# -- event views -------------------------------------------------------------------
EventFilterDep = Annotated[eq.EventFilter, Depends(event_filter)]
_FILTER_KEYS = (
    "since",
    "until",
    "type",
    "modality",
    "actor",
    "country",
    "source_type",
    "outlet",
    "story",
    "q",
)


def _filter_context(request: Request) -> dict[str, Any]:
    params = {k: request.query_params.get(k) for k in _FILTER_KEYS}
    kept = {k: v for k, v in params.items() if v}
    return {
        "params": params,
        "query": urlencode(kept),
        "plover_types": sorted(PLOVER_TYPES),
        "source_types": sorted(EVENT_SOURCE_TYPES),
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    con: Con,
    f: EventFilterDep,
    cursor: str | None = None,
) -> HTMLResponse:
    try:
        items, next_cursor, total = eq.list_events(con, f, limit=100, cursor=cursor)
    except BadCursor as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    return render(
        "events.html", items=items, total=total, next_cursor=next_cursor, **_filter_context(request)
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    con: Con,
    f: EventFilterDep,
    by: Literal["day", "week", "month", "year"] = "day",
) -> HTMLResponse:
    series = eq.event_counts(con, f, by=by)
    return render(
        "timeline.html",
        series=series,
        by=by,
        total=sum(p["count"] for p in series),
        **_filter_context(request),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, con: Con, f: EventFilterDep) -> HTMLResponse:
    return render("map.html", places=eq.list_places(con, f, limit=2000), **_filter_context(request))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, con: Con, f: EventFilterDep) -> HTMLResponse:
    return render(
        "network.html", edges=eq.actor_network(con, f, limit=300), **_filter_context(request)
    )


# -- story views -------------------------------------------------------------------
STORIES_PER_PAGE = 50


@router.get("/stories", response_class=HTMLResponse)
def stories_page(con: Con, config: Settings, offset: Offset = 0) -> HTMLResponse:
    items, total = story_queries.list_stories(
        con, limit=STORIES_PER_PAGE, offset=offset, outlets=config.outlets
    )
    following = offset + STORIES_PER_PAGE
    return render(
        "stories.html",
        items=items,
        total=total,
        next_offset=following if following < total else None,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, con: Con, config: Settings) -> HTMLResponse:
    story = story_queries.story_detail(con, story_id, config.outlets)
    if story is None:
        raise HTTPException(status_code=404, detail=f"No story with id {story_id!r}")
    # Reports per outlet and day: the coverage matrix.
    matrix: dict[str, dict[str, int]] = defaultdict(dict)
    for member in story["members"]:
        outlet = member["outlet"]
        key = outlet.get("domain") or outlet.get("name") or "(unknown)"
        day = (member["published"] or "undated")[:10]
        matrix[key][day] = matrix[key].get(day, 0) + 1
    days = sorted({day for row in matrix.values() for day in row})
    return render("story.html", story=story, matrix=dict(matrix), days=days)
