"""HTML pages from WARC / WARC.gz crawl files (warcio).

Only ``response`` records with an HTML content type become inputs; everything else in the
crawl (requests, metadata, images, scripts) is skipped silently. A truncated or corrupt
file yields a Failure for the rest of that file, after every complete record before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import Reasons, failure
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.types import Failure, RawInput

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def warc_inputs(
    path: Path, *, max_bytes: int, published: str | None = None
) -> Iterator[RawInput | Failure]:
    ref = str(path)
    position = 0
    consumed = 0  # end of the last complete record, in file bytes
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                position += 1
                item = _record_input(record, ref, position, max_bytes, published)
                consumed = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as error:
        # warcio reports damage in several ways, AttributeError among them.
        yield failure(f"{ref}#after-record-{position}", Reasons.BAD_WARC, error=error)
        return
    if consumed < size and _has_data_after(path, consumed):
        # A cut gzip member is skipped silently by warcio: the leftover bytes tell.
        yield failure(
            f"{ref}#after-record-{position}",
            Reasons.BAD_WARC,
            error=f"{size - consumed} bytes at the end are not a complete record",
        )


def _has_data_after(path: Path, offset: int) -> bool:
    with path.open("rb") as stream:
        stream.seek(offset)
        return bool(stream.read(65536).strip(b"\r\n\x00"))


def _record_input(
    record: Any, ref: str, position: int, max_bytes: int, published: str | None
) -> RawInput | Failure | None:
    if not _is_html(record):
        record.content_stream().read()  # consume it so the record's length is known
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID") or f"#{position}"
    record_ref = f"{ref}#{record_id.strip('<>')}"
    content = record.content_stream()
    data = content.read(max_bytes + 1)
    if len(data) > max_bytes:
        while content.read(1 << 20):
            pass
        return failure(record_ref, Reasons.TOO_LARGE, limit=max_bytes)
    try:
        html = decode_bytes(data, html=True)
    except DecodeError as error:
        reason = Reasons.BINARY if error.reason == "binary" else Reasons.UNDECODABLE
        return failure(record_ref, reason)
    # WARC-Date is when the page was crawled, not published: it is not used as a date.
    return RawInput(
        ref=record_ref, kind="html", content=html, path=ref, url=url, published=published
    )
