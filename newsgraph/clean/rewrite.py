"""Signals that a page rewrites or revises another report."""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.clean.lexicon import shipped_lines

# Editors' notes in the body that say the article was changed after publication.
_BODY_MARKERS = re.compile(
    r"^(this (article|story|report) (was|has been) (updated|corrected|amended|revised)"
    r"|editor'?s note:|correction:|update:|\(?updated\b)",
    re.IGNORECASE | re.MULTILINE,
)


@lru_cache(maxsize=1)
def _title_prefix() -> re.Pattern[str]:
    words = shipped_lines("rewrite_prefixes.txt")
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"^\s*\(?({alternatives})\)?\s*[:\-–—|]", re.IGNORECASE)


def rewrite_signals(
    *,
    title: str | None,
    text: str,
    author: str | None,
    published: str | None,
    notices: list[str] | None = None,
) -> list[str]:
    """``notices`` are the kinds of notice cleaning removed (``paywall``, ``reprint``)."""
    signals: list[str] = []
    if title:
        match = _title_prefix().match(title)
        if match:
            signals.append(f"title-prefix:{match.group(1)}")
    marker = _BODY_MARKERS.search(text)
    if marker:
        signals.append("body-marker:" + marker.group(0).strip("( :").lower())
    signals += [f"notice:{kind}" for kind in notices or ()]
    if not author:
        signals.append("no-byline")
    if not published:
        signals.append("no-date")
    return signals
