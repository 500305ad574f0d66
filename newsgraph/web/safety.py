"""Helpers that keep untrusted article data inert in pages."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_href(url: str | None) -> str | None:
    """Only http(s) URLs become links; ``javascript:``, ``data:`` and the rest stay text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
