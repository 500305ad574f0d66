"""HTML pages from WARC / WARC.gz crawl files (warcio).

Only ``response`` records with an HTML content type become inputs; everything else in the
crawl (requests, metadata, images, scripts, video) is skipped without its payload ever being
held in memory: warcio reads past a record in fixed-size blocks. An HTML payload is read up
to ``max_bytes`` and decoded (chunked transfer, gzip or deflate) within that bound
(``payload.py``). A truncated or corrupt file yields a Failure for the rest of that file,
after every complete record before it; a record cut short is never stored as an article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import Reasons, failure
from newsgraph.ingest.decode import DecodeError, decode_bytes
from newsgraph.ingest.payload import TooLarge, UnknownEncoding, decoded_payload
from newsgraph.types import Failure, RawInput

HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio inflates one compressed block at a time, with no bound on the output: deflate
# expands up to about 1,000 times, so its default 16 KB block of a crafted record is 16 MB
# at once. 1 KB blocks bound that to about 1 MB; reading 1,000 ordinary pages takes 0.28 s
# instead of 0.25 s, nothing beside the NLP.
READ_BLOCK = 1024


def _is_html(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def _incomplete(record: Any) -> str | None:
    """Why a record that has been read to its end is not whole, or None when it is.

    Every WARC record declares its Content-Length, and warcio reads it through a reader
    limited to that length: what is left of the limit was promised and never came (the
    file, or its gzip member, ended early). A record with no length was cut inside its
    headers.
    """
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    left = getattr(record.raw_stream, "limit", None)
    if not declared.isdigit() or left is None:
        return "it ends inside its headers (no Content-Length)"
    if left > 0:
        return f"{left} of its {declared} bytes are missing"
    return None


def warc_inputs(
    path: Path, *, max_bytes: int, published: str | None = None
) -> Iterator[RawInput | Failure]:
    ref = str(path)
    position = 0
    consumed = 0  # end of the last complete record, in file bytes
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            records = ArchiveIterator(stream, block_size=READ_BLOCK)
            for record in records:
                position += 1
                item = _record_input(record, ref, position, max_bytes, published)
                # Reads the rest of the record in blocks (never whole) so that its length,
                # and whether the file held all of it, are known before anything is kept.
                records.read_to_end()
                cut = _incomplete(record)
                if cut:
                    yield failure(
                        f"{ref}#record-{position}",
                        Reasons.BAD_WARC,
                        error=f"record {position} is cut short: {cut}",
                    )
                    return
                consumed = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as error:
        # warcio reports damage in several ways, AttributeError among them.
        yield failure(f"{ref}#after-record-{position}", Reasons.BAD_WARC, error=error)
        return
    if consumed < size and _has_data_after(path, consumed):
        # A gzip member cut before its record's headers is skipped silently by warcio:
        # the leftover bytes tell.
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
        return None  # its payload is never read: the iterator skips it in blocks
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID") or f"#{position}"
    record_ref = f"{ref}#{record_id.strip('<>')}"
    try:
        data = decoded_payload(record, max_bytes)
    except TooLarge:
        return failure(record_ref, Reasons.TOO_LARGE, limit=max_bytes)
    except UnknownEncoding as encoding:
        return failure(record_ref, Reasons.UNDECODABLE_PAYLOAD, encoding=str(encoding))
    try:
        html = decode_bytes(data, html=True)
    except DecodeError as error:
        reason = Reasons.BINARY if error.reason == "binary" else Reasons.UNDECODABLE
        return failure(record_ref, reason)
    # WARC-Date is when the page was crawled, not published: it is not used as a date.
    return RawInput(
        ref=record_ref, kind="html", content=html, path=ref, url=url, published=published
    )
