"""An HTTP payload as a crawl stored it, decoded within a byte limit.

warcio decodes chunked transfer and gzip/deflate content itself, but a whole chunk at a
time and with no bound on what one compressed block inflates to, so a small crafted record
can take hundreds of megabytes. Here the raw payload is read up to the limit, de-chunked in
memory, and inflated with an output bound: a payload costs at most about twice the limit.
Like warcio, a payload that is not validly chunked or compressed is taken as it is.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]+")
# zlib's window bits for each Content-Encoding newsgraph inflates (gzip and zlib headers
# auto-detected by 32 + MAX_WBITS; a bare deflate stream is negative).
_WBITS = {"gzip": 32 + zlib.MAX_WBITS, "x-gzip": 32 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class TooLarge(Exception):
    """The decoded payload is larger than the limit."""


class UnknownEncoding(Exception):
    """A Content-Encoding newsgraph does not decode (br, compress, ...)."""


def dechunk(data: bytes) -> bytes | None:
    """The body of a chunked transfer, or None when ``data`` is not validly chunked."""
    body, position = bytearray(), 0
    while True:
        end = data.find(b"\r\n", position)
        if end < 0:
            return None
        size_field = data[position:end].split(b";", 1)[0].strip()
        if not _CHUNK_SIZE.fullmatch(size_field):
            return None
        size = int(size_field, 16)
        if size == 0:
            return bytes(body)
        start = end + 2
        if start + size > len(data):
            return None  # cut short: what is there is all there is
        body += data[start : start + size]
        position = start + size + 2


def inflate(data: bytes, encoding: str, limit: int) -> bytes:
    """``data`` decompressed, at most ``limit`` bytes; undecodable data comes back as is."""
    attempts = [_WBITS[encoding]] + ([-zlib.MAX_WBITS] if encoding == "deflate" else [])
    for wbits in attempts:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit or inflater.unconsumed_tail:
            raise TooLarge
        return out
    return data


def decoded_payload(record: Any, limit: int) -> bytes:
    """The HTTP body of a warcio ``response`` record, decoded; raises :class:`TooLarge`
    or :class:`UnknownEncoding`. The record's raw stream is left where reading stopped
    (warcio reads past the rest in blocks when it moves to the next record)."""
    headers = record.http_headers
    transfer = (headers.get_header("Transfer-Encoding") or "").strip().lower()
    encoding = (headers.get_header("Content-Encoding") or "").strip().lower()
    if encoding in ("", "identity"):
        encoding = ""
    elif encoding not in _WBITS:
        raise UnknownEncoding(encoding)
    raw = record.raw_stream.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge
    if transfer == "chunked":
        body = dechunk(raw)
        raw = raw if body is None else body
    return inflate(raw, encoding, limit) if encoding else raw
