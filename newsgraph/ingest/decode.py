"""Bytes to text: refuse binary data, honour BOMs and declared charsets, guess the rest."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in real text or HTML (tab, LF, CR, FF excluded).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


class DecodeError(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "binary" or "undecodable"


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode ``data``; raise :class:`DecodeError` with reason ``binary``/``undecodable``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError("undecodable") from None
    if looks_binary(data):
        raise DecodeError("binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _DECLARED.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall through to detection
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable")
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        raise DecodeError("undecodable") from None
