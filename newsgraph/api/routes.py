"""The JSON API under /api."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from newsgraph.about import __version__
from newsgraph.record.types import AnalysisRecord
from newsgraph.server.requests import Con, Offset
from newsgraph.store import queries

router = APIRouter(prefix="/api")


@router.get("/health", summary="Service and store status")
def health(con: Con) -> dict[str, Any]:
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    count = con.execute("SELECT count(*) FROM articles").fetchone()
    return {
        "status": "ok",
        "version": __version__,
        "schema_version": row[0] if row else None,
        "articles": count[0] if count else 0,
    }


@router.get("/articles", summary="List articles, newest first, with cursor pagination")
def articles(
    con: Con,
    q: Annotated[str | None, Query(max_length=500, description="Text in title or body")] = None,
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> dict[str, Any]:
    if since and until and since > until:
        raise HTTPException(status_code=400, detail="'since' is after 'until'")
    filters = queries.ArticleFilter(q=q or None, since=since, until=until)
    try:
        items, next_cursor, total = queries.list_articles(con, filters, limit=limit, cursor=cursor)
    except queries.BadCursor as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    return {"items": items, "next_cursor": next_cursor, "total": total}


@router.get(
    "/articles/{article_id}",
    summary="The full Analysis record of one article",
    response_model=AnalysisRecord,
)
def article(article_id: str, con: Con) -> JSONResponse:
    record = queries.get_record(con, article_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"No article with id {article_id!r}")
    # Sent as stored, byte for byte; the response model documents it in the OpenAPI schema.
    return JSONResponse(record)


@router.get("/failures", summary="Documents that could not be ingested, with reasons")
def failures(
    con: Con,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    items, total = queries.list_failures(con, limit=limit, offset=offset)
    return {"items": items, "total": total}
