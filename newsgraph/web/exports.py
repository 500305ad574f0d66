"""Downloads of what a dashboard page shows: the events, map and network pages link here
with their own filter, and the file is written by the same code as ``newsgraph export``
(``newsgraph.export.writers``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from newsgraph.export.writers import RECORD_WRITERS, ExportScope
from newsgraph.server.event_params import FILTER_PARAMS, read_event_filter
from newsgraph.server.requests import Con

router = APIRouter(include_in_schema=False)

# What a view can be exported as: format -> (label, file suffix, media type).
VIEW_FORMATS = {
    "events-csv": ("CSV", "csv", "text/csv"),
    "acled": ("ACLED", "csv", "text/csv"),
    "gdelt": ("GDELT", "tsv", "text/tab-separated-values"),
    "plover": ("PLOVER JSON Lines", "jsonl", "application/x-ndjson"),
    "jsonl": ("Records JSON Lines", "jsonl", "application/x-ndjson"),
}
assert set(VIEW_FORMATS) <= set(RECORD_WRITERS)


@router.get("/export")
def export_view(request: Request, con: Con, format: str = "events-csv") -> FileResponse:
    if format not in VIEW_FORMATS:
        raise HTTPException(
            status_code=400, detail=f"format must be one of {', '.join(VIEW_FORMATS)}"
        )
    view, problems = read_event_filter({k: request.query_params.get(k) for k in FILTER_PARAMS})
    if problems:
        raise HTTPException(status_code=400, detail=problems.message())
    _, suffix, media_type = VIEW_FORMATS[format]
    handle, name = tempfile.mkstemp(prefix="newsgraph-export-", suffix="." + suffix)
    os.close(handle)
    try:
        RECORD_WRITERS[format](con, Path(name), ExportScope(view=view))
    except BaseException:
        os.unlink(name)
        raise
    return FileResponse(
        name,
        media_type=media_type,
        filename=f"newsgraph-{format}.{suffix}",
        background=BackgroundTask(os.unlink, name),
    )
