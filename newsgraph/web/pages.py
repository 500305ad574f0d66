"""Dashboard pages, rendered on the server from what is in the store."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from newsgraph.server.requests import (
    Con,
    Offset,
    Settings,
)
from newsgraph.store import event_queries as eq
from newsgraph.store import queries, story_queries
from newsgraph.store.overview import overview
from newsgraph.stories.outlets import outlet_of
from newsgraph.web.highlight import evidence_spans, segments
from newsgraph.web.render import render

router = APIRouter(include_in_schema=False)
LATEST_EVENTS = 6


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
    searching = bool(q or since or until or cursor)
    summary = None if searching else overview(con)
    latest = [] if searching else eq.list_events(con, eq.EventFilter(), limit=LATEST_EVENTS)[0]
    return render(
        "articles.html",
        summary=summary,
        latest=latest,
        searching=searching,
        items=items,
        total=total,
        next_cursor=next_cursor,
        q=q or "",
        since=since.isoformat() if since else "",
        until=until.isoformat() if until else "",
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(article_id: str, con: Con, config: Settings) -> HTMLResponse:
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
        said=_said(record),
        outlet=outlet_of(record, config.outlets),
    )


# Longest stretch of attributed content shown beside its source in the side panel.
SAID_CHARS = 240


def _said(record: dict[str, Any]) -> dict[str, str]:
    """What each attribution says: its content span's text, shortened."""
    said = {}
    for quote in record.get("attributions") or []:
        content = quote.get("content") or {}
        start, end = content.get("start"), content.get("end")
        if isinstance(start, int) and isinstance(end, int) and start < end:
            text = " ".join(record["text"][start:end].split())
            said[quote["id"]] = text if len(text) <= SAID_CHARS else text[:SAID_CHARS] + "…"
    return said


def _names(record: dict[str, Any]) -> dict[str, str]:
    """Display names for ids the side panel cross-references (actors, places, times,
    sources): never an internal id, which means nothing to a reader."""
    names: dict[str, str] = {}
    for actor in record.get("actors") or []:
        names[actor["id"]] = actor.get("name") or "unnamed actor"
    for place in record.get("places") or []:
        names[place["id"]] = place.get("name") or place.get("text") or "unresolved place"
    for time in record.get("times") or []:
        names[time["id"]] = time.get("text") or "a time"
    for quote in record.get("attributions") or []:
        source = (quote.get("source") or {}).get("text")
        kind = str(quote.get("source_type") or "").replace("_", " ")
        names[quote["id"]] = source or (f"{kind} source" if kind else "a source")
    return names


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
