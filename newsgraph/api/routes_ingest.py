"""Write endpoints: ingest documents, uploaded files or URLs over HTTP.

They exist only when the operator starts the server with a write token
(``NEWSGRAPH_WRITE_TOKEN``); every request must then carry it as
``Authorization: Bearer <token>``. Without a token the store is opened read-only and
these endpoints answer 403, so a dashboard left running cannot be written to.

Ingest runs the same :func:`newsgraph.pipeline.ingest` as the command line, one request at
a time (DuckDB has one writer), in a worker thread so that reads go on meanwhile.
"""

from __future__ import annotations

import hmac
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field, StrictInt, field_validator
from starlette.concurrency import run_in_threadpool

from newsgraph.clean.dates import parse_given_date
from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.ingest import iter_inputs
from newsgraph.ingest.fetch import Fetcher, FetchPolicy
from newsgraph.ingest.files import SUPPORTED_SUFFIXES, suffix_of
from newsgraph.ingest.given import given_document
from newsgraph.ingest.web import is_web_url, web_inputs
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline import ingest
from newsgraph.store import Store
from newsgraph.types import Analyzed, Failure, RawInput

router = APIRouter(prefix="/api/ingest", tags=["write"])

# A token shorter than this is refused at start-up: it could be guessed.
MIN_TOKEN_CHARS = 16
MAX_DOCUMENTS = 1000
MAX_URLS = 20


class WriteSettings:
    """What the write endpoints need: the token, the pipeline configuration, a lock."""

    def __init__(self, token: str | None, config: Config, allow_private: bool = False):
        if token is not None and len(token) < MIN_TOKEN_CHARS:
            raise NewsgraphError(Errors.E013.format(min_chars=MIN_TOKEN_CHARS))
        self.token = token
        self.config = config
        self.allow_private = allow_private
        self.lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.token is not None


class DocumentIn(BaseModel):
    """One document, with the fields of a JSONL input line (read by the same code)."""

    id: Annotated[str, Field(max_length=200)] | StrictInt | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40)
    source: str | dict[str, Any] | None = Field(
        default=None, description="The outlet's name, or {name, domain, country}"
    )
    author: str | None = Field(default=None, max_length=500)


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(max_length=MAX_DOCUMENTS)


class UrlsIn(BaseModel):
    urls: list[Annotated[str, Field(max_length=2000)]] = Field(
        min_length=1, max_length=MAX_URLS, description="http(s) addresses of articles or feeds"
    )
    published: str | None = Field(default=None, max_length=40)

    @field_validator("urls")
    @classmethod
    def _web_addresses_only(cls, urls: list[str]) -> list[str]:
        # Nothing that arrives over HTTP may name a path on the server: a file, folder or
        # feed file given here would be read from the server's disk and served to anyone.
        for url in urls:
            if not is_web_url(url):
                raise ValueError(f"{url[:200]!r} is not an http(s) URL")
        return urls


def _authorize(request: Request, authorization: str | None) -> WriteSettings:
    settings: WriteSettings = request.app.state.write
    if settings.token is None:
        raise HTTPException(
            status_code=403,
            detail="write endpoints are disabled: the operator starts the server with "
            "NEWSGRAPH_WRITE_TOKEN set to enable them",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), settings.token.encode()
    ):
        raise HTTPException(
            status_code=401,
            detail="missing or wrong token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return settings


def _given_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_given_date(value)
    except NewsgraphError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None


def _run(
    request: Request, settings: WriteSettings, inputs: Iterable[RawInput | Failure | Analyzed]
) -> dict[str, Any]:
    """Ingest ``inputs`` and report counts plus the failures of this request's refs."""
    items = list(inputs)
    refs = [item.ref if not isinstance(item, Analyzed) else item.document.ref for item in items]
    store: Store = request.app.state.store
    with settings.lock:
        # load_pipeline is cached per model: the first write loads it, so a read-mostly
        # server starts fast.
        summary = ingest(
            items,
            store=store,
            config=settings.config,
            nlp=load_pipeline(settings.config),
        )
        failures = []
        if summary.failed and refs:
            placeholders = ", ".join("?" for _ in refs)
            rows = store.cursor().execute(
                f"SELECT ref, reason, message FROM failures WHERE ref IN ({placeholders}) "
                "ORDER BY ref",
                refs,
            )
            failures = [
                {"ref": ref, "reason": reason, "message": message}
                for ref, reason, message in rows.fetchall()
            ]
    return {**summary.as_dict(), "failures": failures}


Token = Annotated[str | None, Header(description="Bearer <write token>")]


@router.post("/documents", summary="Ingest documents given as JSON (token required)")
async def ingest_documents(
    request: Request, payload: DocumentsIn, authorization: Token = None
) -> dict[str, Any]:
    settings = _authorize(request, authorization)
    inputs = []
    for number, doc in enumerate(payload.documents, start=1):
        fields = doc.model_dump()
        fields["published"] = _given_date(doc.published)
        doc_id = fields["id"]
        try:
            inputs.append(
                given_document(
                    fields,
                    ref=f"api:documents#{doc_id}" if doc_id else f"api:documents#{number}",
                    path=None,
                    published=None,
                )
            )
        except ValueError as error:
            raise HTTPException(status_code=400, detail=f"document {number}: {error}") from None
    return await run_in_threadpool(_run, request, settings, inputs)


@router.post("/file", summary="Ingest one uploaded file, sent as the request body (token)")
async def ingest_file(
    request: Request,
    filename: Annotated[str, Query(max_length=255, description="Name with its type suffix")],
    body: Annotated[bytes, Body(media_type="application/octet-stream")],
    published: Annotated[str | None, Query(max_length=40)] = None,
    authorization: Token = None,
) -> dict[str, Any]:
    settings = _authorize(request, authorization)
    # Only the last path component is kept: the name chooses the reader, never a place.
    name = Path(filename.replace("\\", "/")).name
    if suffix_of(Path(name)) not in SUPPORTED_SUFFIXES or name.startswith("."):
        raise HTTPException(
            status_code=400,
            detail=f"unsupported file name {name!r}; use one of "
            + " ".join(sorted(SUPPORTED_SUFFIXES)),
        )
    given = _given_date(published)

    def read_upload() -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as folder:
            path = Path(folder) / name
            path.write_bytes(body)
            inputs = _renamed(
                iter_inputs([str(path)], max_bytes=settings.config.max_bytes, published=given),
                str(path),
                f"upload:{name}",
            )
            return _run(request, settings, inputs)

    return await run_in_threadpool(read_upload)


@router.post("/urls", summary="Fetch and ingest article or feed URLs (token required)")
async def ingest_urls(
    request: Request, payload: UrlsIn, authorization: Token = None
) -> dict[str, Any]:
    settings = _authorize(request, authorization)
    given = _given_date(payload.published)

    def fetch_and_ingest() -> dict[str, Any]:
        policy = FetchPolicy(
            max_bytes=settings.config.max_bytes, allow_private=settings.allow_private
        )
        store: Store = request.app.state.store
        with Fetcher(policy) as fetcher:
            inputs = list(
                web_inputs(payload.urls, fetcher, published=given, seen=store.feed_entry_seen)
            )
        return _run(request, settings, inputs)

    return await run_in_threadpool(fetch_and_ingest)


def _renamed(
    items: Iterable[RawInput | Failure | Analyzed], temp_path: str, shown: str
) -> Iterator[RawInput | Failure | Analyzed]:
    """Replace the temporary upload path with the uploaded name in refs and paths."""
    for item in items:
        if isinstance(item, RawInput):
            path = shown if item.path == temp_path else item.path
            yield replace(item, ref=item.ref.replace(temp_path, shown), path=path)
        elif isinstance(item, Failure):
            yield replace(
                item,
                ref=item.ref.replace(temp_path, shown),
                message=item.message.replace(temp_path, shown),
            )
        else:
            yield item
