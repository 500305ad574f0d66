"""Turn command-line paths into a stream of :class:`RawInput` (or :class:`Failure`).

Every read is bounded by ``max_bytes`` so a 50 MB page, an endless pipe or a gzip bomb costs
at most that much memory, and every problem becomes a Failure for that one document.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import Reasons, failure
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.given import given_document, optional_str
from newsgraph.ingest.parquet import is_parquet, parquet_inputs
from newsgraph.ingest.warc import warc_inputs
from newsgraph.ingest.web import FEED_SUFFIXES, SeenCheck, feed_file_inputs, is_url, url_inputs
from newsgraph.types import Analyzed, Failure, InputKind, RawInput

SUPPORTED_SUFFIXES = (".html.gz", ".html", ".htm", ".txt", ".jsonl", ".warc.gz", ".warc")
STDIN = "-"


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


def _jsonl_inputs(
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


def _file_inputs(
    path: Path, max_bytes: int, url: str | None, published: str | None
) -> Iterator[RawInput | Failure]:
    ref = str(path)
    suffix = suffix_of(path)
    if suffix not in SUPPORTED_SUFFIXES:
        yield failure(ref, Reasons.UNSUPPORTED, suffix=suffix)
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as stream:
                yield from _jsonl_inputs(stream, ref, max_bytes, published)
            return
        if suffix in (".warc", ".warc.gz"):
            yield from warc_inputs(path, max_bytes=max_bytes, published=published)
            return
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


def _stdin_inputs(
    stream: IO[bytes], max_bytes: int, url: str | None, published: str | None
) -> Iterator[RawInput | Failure]:
    # peek() needs a buffered stream; sys.stdin.buffer is one, a test's BytesIO is not.
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    head = buffered.peek(512)[:512].lstrip()
    if head.startswith(b"{"):
        yield from _jsonl_inputs(buffered, "<stdin>", max_bytes, published)
        return
    data = _read_bounded(buffered, max_bytes)
    if data is None:
        yield failure("<stdin>", Reasons.TOO_LARGE, limit=max_bytes)
        return
    kind: InputKind = "html" if head.startswith(b"<") else "text"
    yield _document_input(data, "<stdin>", kind, path=None, url=url, published=published)


def iter_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int,
    url: str | None = None,
    published: str | None = None,
    stdin: IO[bytes] | None = None,
    fetcher: Fetcher | None = None,
    seen: SeenCheck | None = None,
) -> Iterator[RawInput | Failure | Analyzed]:
    """Yield every document under ``paths`` in a stable order.

    ``url`` and ``published`` apply to single documents read from files or stdin; a JSONL
    line's own ``url``/``published`` take precedence over them. http(s) URLs (articles or
    feeds) and feed files (.rss .atom .xml) need a ``fetcher``; ``seen`` tells which feed
    entries an earlier poll already stored. Parquet written by ``newsgraph spark analyze``
    yields ready records (:class:`Analyzed`).
    """
    for raw_path in paths:
        if raw_path == STDIN:
            yield from _stdin_inputs(stdin or sys.stdin.buffer, max_bytes, url, published)
            continue
        if is_url(raw_path) or raw_path.lower().endswith(FEED_SUFFIXES):
            if fetcher is None:
                yield failure(
                    raw_path,
                    Reasons.FETCH_REFUSED,
                    url=raw_path,
                    why="network access is not enabled for this command",
                )
            elif is_url(raw_path):
                yield from url_inputs(raw_path, fetcher, published=published, seen=seen)
            elif Path(raw_path).is_file():
                yield from feed_file_inputs(Path(raw_path), fetcher, max_bytes=max_bytes, seen=seen)
            else:
                yield failure(raw_path, Reasons.NOT_FOUND)
            continue
        path = Path(raw_path)
        if is_parquet(path):
            yield from parquet_inputs(path)
        elif path.is_dir():
            for file in walk_files(path):
                yield from _file_inputs(file, max_bytes, None, published)
        elif path.is_file():
            yield from _file_inputs(path, max_bytes, url, published)
        else:
            yield failure(raw_path, Reasons.NOT_FOUND)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents ``paths`` hold, when that is cheap to know; else None.

    Files and folders of single documents count one per file and JSONL one per non-empty
    line (read in blocks, never parsed). WARC crawls, URLs, feeds, Parquet and standard
    input cannot be counted without reading them through, so they give None: the progress
    display then shows no ETA rather than a wrong one.
    """
    total = 0
    for raw_path in paths:
        if raw_path == STDIN or is_url(raw_path) or raw_path.lower().endswith(FEED_SUFFIXES):
            return None
        path = Path(raw_path)
        files = list(walk_files(path)) if path.is_dir() else [path]
        for file in files:
            suffix = suffix_of(file)
            if suffix in (".warc", ".warc.gz") or is_parquet(file):
                return None
            if suffix == ".jsonl":
                total += _count_lines(file)
            else:
                total += 1  # a missing or unsupported file still counts as one failure
    return total


def _count_lines(path: Path) -> int:
    """Non-empty lines, read in bounded blocks (a line may span several blocks)."""
    count, open_line = 0, False
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                pieces = block.split(b"\n")
                for number, piece in enumerate(pieces):
                    open_line = open_line or bool(piece.strip())
                    if number < len(pieces) - 1:  # a newline ends this line
                        count += open_line
                        open_line = False
    except OSError:
        return 1
    return count + open_line
