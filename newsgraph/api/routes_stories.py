"""The stories API: stories with their outlets, and one story's coverage."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsgraph.server.requests import Con, MinSize, Offset, Settings
from newsgraph.store import story_queries

router = APIRouter(prefix="/api")


@router.get("/stories", summary="Stories (reports of one event), largest first")
def stories(
    con: Con,
    config: Settings,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
    min_size: MinSize = 1,
) -> dict[str, Any]:
    items, total = story_queries.list_stories(
        con, limit=limit, offset=offset, min_size=min_size, outlets=config.outlets
    )
    return {"items": items, "total": total}


@router.get(
    "/stories/{story_id}",
    summary="One story: its reports, lineage, coverage by outlet and country, blindspots",
)
def story(story_id: str, con: Con, config: Settings) -> dict[str, Any]:
    detail = story_queries.story_detail(con, story_id, config.outlets)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"No story with id {story_id!r}")
    return detail
