"""The server: the JSON API (``newsgraph.api``), the dashboard pages (``newsgraph.web``) and
static assets, assembled into one FastAPI application with its security middleware."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.types import ASGIApp, Receive, Scope, Send

from newsgraph.about import __version__
from newsgraph.api.routes import router as api_router
from newsgraph.api.routes_events import router as events_router
from newsgraph.api.routes_ingest import WriteSettings
from newsgraph.api.routes_ingest import router as ingest_router
from newsgraph.api.routes_stories import router as stories_router
from newsgraph.config import Config
from newsgraph.store import Store
from newsgraph.web.api_docs import router as api_docs_router
from newsgraph.web.event_pages import router as event_pages_router
from newsgraph.web.exports import router as exports_router
from newsgraph.web.pages import router as pages_router
from newsgraph.web.render import render

# Pages load only our own scripts and styles; nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_REQUEST_BYTES = 20_000_000


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
            return JSONResponse({"error": "request body too large"}, status_code=413)
        # A chunked body has no declared size, so the limit could not hold: refuse it.
        if request.method in ("POST", "PUT", "PATCH") and not (declared or "").isdigit():
            return JSONResponse(
                {"error": "a request body needs a Content-Length header"}, status_code=411
            )
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


class DropEmptyParams:
    """HTML forms send every field, filled or not (``?since=&type=``); an empty value
    means "no filter", so it is removed before parameters are parsed and validated."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


def _wants_html(request: Request) -> bool:
    """Errors on dashboard pages render as pages; everything under /api stays JSON."""
    return not request.url.path.startswith("/api")


def create_app(
    db_path: str | Path,
    *,
    write_token: str | None = None,
    config: Config | None = None,
    allow_private: bool = False,
) -> FastAPI:
    """Build the app over the store at ``db_path``.

    The store is opened read-only unless the operator gives a ``write_token``; only then
    do the write endpoints (``/api/ingest/...``) accept requests that carry it.
    ``allow_private`` lets URL ingest reach private and loopback addresses.
    """
    write = WriteSettings(write_token, config or Config(), allow_private=allow_private)
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Sourced event data from news reports.",
        docs_url=None,  # served by newsgraph.web.api_docs: offline, no inline script
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = Store(db_path, read_only=not write.enabled)
    app.state.config = write.config
    app.state.write = write
    app.add_middleware(SecurityHeaders)
    app.add_middleware(DropEmptyParams)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_html(request):
            return render(
                "error.html",
                status_code=exc.status_code,
                status=exc.status_code,
                message=exc.detail,
            )
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems: list[dict[str, Any]] = [
            {
                "parameter": ".".join(str(p) for p in err["loc"][1:]) or str(err["loc"][0]),
                "message": err["msg"],
            }
            for err in exc.errors()
        ]
        message = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
        if _wants_html(request):
            return render("error.html", status_code=400, status=400, message=message)
        return JSONResponse({"error": "invalid parameters", "problems": problems}, status_code=400)

    app.include_router(api_router)
    app.include_router(events_router)
    app.include_router(stories_router)
    app.include_router(ingest_router)
    app.include_router(pages_router)
    app.include_router(event_pages_router)
    app.include_router(api_docs_router)
    app.include_router(exports_router)
    app.mount(
        "/static",
        StaticFiles(directory=str(files("newsgraph.web").joinpath("static"))),
        name="static",
    )
    return app
