"""Split article text into plain and highlighted segments from character spans.

The template escapes every segment; nothing from an article is ever emitted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    span: dict[str, Any] | None = None  # the entity (or other span) this text belongs to


def segments(text: str, spans: list[dict[str, Any]]) -> list[Segment]:
    """Non-overlapping spans in text order; a span overlapping an earlier one is skipped."""
    out: list[Segment] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = span["start"], span["end"]
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            out.append(Segment(text[position:start]))
        out.append(Segment(text[start:end], span))
        position = end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out
