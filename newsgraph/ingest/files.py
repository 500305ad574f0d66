"""Readers of local input: a page file, a JSON Lines file, standard input.

Every read is bounded by ``max_bytes`` so a 50 MB page, an endless pipe or a gzip bomb costs
at most that much memory, and every problem becomes a Failure for that one document.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import Reasons, failure
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.ingest.given import given_document, optional_str
from newsgraph.types import Failure, InputKind, RawInput

# Every file suffix newsgraph reads, and the kind of source it makes (see resolve.py).
# Longer suffixes come first: suffix_of takes the first that a name ends with.
FILE_KINDS = {
    ".html.gz": "page",
    ".html": "page",
    ".htm": "page",
    ".txt": "page",
    ".jsonl": "jsonl",
    ".warc.gz": "warc",
    ".warc": "warc",
}
SUPPORTED_SUFFIXES = tuple(FILE_KINDS)


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in SUPPORTED_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def walk_files(folder: Path) -> Iterator[Path]:
    # Sorted for determinism; hidden files and folders (.git, .cache) are not input.
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts):
            continue
        if path.is_file() and suffix_of(path) in SUPPORTED_SUFFIXES:
            yield path


def _read_bounded(stream: Any, limit: int) -> bytes | None:
    """Read at most ``limit`` bytes; ``None`` when there is more than that."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _lines_bounded(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Yield lines; an over-long line yields ``None`` and is skipped to its end."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # discard the rest of the over-long line without holding it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def jsonl_inputs(
    stream: IO[bytes], ref: str, max_bytes: int, published: str | None
) -> Iterator[RawInput | Failure]:
    for number, line in enumerate(_lines_bounded(stream, max_bytes), start=1):
        line_ref = f"{ref}#line:{number}"
        if line is None:
            yield failure(line_ref, Reasons.TOO_LARGE, limit=max_bytes)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            yield failure(line_ref, Reasons.BAD_JSON, line=number, error=error)
            continue
        if not isinstance(obj, dict):
            yield failure(line_ref, Reasons.BAD_JSON, line=number, error="not an object")
            continue
        try:
            doc_id = optional_str(obj, "id")
            yield given_document(
                obj,
                ref=f"{ref}#{doc_id}" if doc_id else line_ref,
                path=None if ref == "<stdin>" else ref,
                published=published,
            )
        except ValueError as error:
            yield failure(line_ref, Reasons.BAD_FIELD, line=number, error=error)


def _document_input(
    data: bytes,
    ref: str,
    kind: InputKind,
    *,
    path: str | None,
    url: str | None,
    published: str | None,
) -> RawInput | Failure:
    try:
        content = decode_bytes(data, html=kind == "html")
    except DecodeError as error:
        reason = Reasons.BINARY if error.reason == "binary" else Reasons.UNDECODABLE
        return failure(ref, reason)
    return RawInput(ref=ref, kind=kind, content=content, path=path, url=url, published=published)


def page_inputs(
    path: Path, max_bytes: int, url: str | None, published: str | None
) -> Iterator[RawInput | Failure]:
    """One HTML (``.html``, ``.htm``, ``.html.gz``) or plain-text (``.txt``) page."""
    ref = str(path)
    suffix = suffix_of(path)
    try:
        if suffix == ".html.gz":
            with gzip.open(path, "rb") as stream:
                data = _read_bounded(stream, max_bytes)
        else:
            if path.stat().st_size > max_bytes:
                yield failure(ref, Reasons.TOO_LARGE, limit=max_bytes)
                return
            data = path.read_bytes()
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield failure(ref, Reasons.BAD_GZIP, error=error)
        return
    except OSError as error:
        yield failure(ref, Reasons.UNREADABLE, error=error)
        return
    if data is None:
        yield failure(ref, Reasons.TOO_LARGE, limit=max_bytes)
        return
    kind: InputKind = "text" if suffix == ".txt" else "html"
    yield _document_input(data, ref, kind, path=ref, url=url, published=published)


def jsonl_file_inputs(
    path: Path, max_bytes: int, published: str | None
) -> Iterator[RawInput | Failure]:
    ref = str(path)
    try:
        with path.open("rb") as stream:
            yield from jsonl_inputs(stream, ref, max_bytes, published)
    except OSError as error:
        yield failure(ref, Reasons.UNREADABLE, error=error)


def stdin_inputs(
    stream: IO[bytes], max_bytes: int, url: str | None, published: str | None
) -> Iterator[RawInput | Failure]:
    # peek() needs a buffered stream; sys.stdin.buffer is one, a test's BytesIO is not.
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    head = buffered.peek(512)[:512].lstrip()
    if head.startswith(b"{"):
        yield from jsonl_inputs(buffered, "<stdin>", max_bytes, published)
        return
    data = _read_bounded(buffered, max_bytes)
    if data is None:
        yield failure("<stdin>", Reasons.TOO_LARGE, limit=max_bytes)
        return
    kind: InputKind = "html" if head.startswith(b"<") else "text"
    yield _document_input(data, "<stdin>", kind, path=None, url=url, published=published)
