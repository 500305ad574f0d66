"""Direct quotes: where quoted passages begin and end, across sentences and paragraphs.

The parser splits a long quote into sentences and never sees paragraphs, so quote extent
is found on the characters: curly quotes open and close, a straight quote toggles (so do
two apostrophes, ``''``, as some archives write quote marks), and a quote still open at a
paragraph end continues when the next paragraph starts with an opening quote (the
typographic convention for a quote running over paragraphs).
"""

from __future__ import annotations

import re
from bisect import bisect_right

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
# Two apostrophes stand for a straight double quote in some wire and archive texts.
DOUBLED = "''"
QUOTE_CHARS = OPENING | CLOSING | {STRAIGHT}
QUOTE_MARKS = QUOTE_CHARS | {DOUBLED}

Region = tuple[int, int]

# The characters `quote_regions` acts on; it jumps from one to the next (a character loop
# over the whole text cost more than the rest of the quote handling).
_MARK_OR_BREAK = re.compile("[\n'" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")


def _continues(text: str, newline: int) -> int | None:
    """Index of the opening quote that continues a quote in the next paragraph, if any."""
    position = newline
    while position < len(text) and text[position].isspace():
        position += 1
    if position < len(text) and (
        text[position] in OPENING
        or text[position] == STRAIGHT
        or text.startswith(DOUBLED, position)
    ):
        return position
    return None


def quote_regions(text: str) -> list[Region]:
    """Character ranges of quoted passages, quote marks included, in text order."""
    regions: list[Region] = []
    opened: int | None = None
    position = 0
    while (found := _MARK_OR_BREAK.search(text, position)) is not None:
        position = found.start()
        char = text[position]
        if char == "\n" and opened is not None:
            resumed = _continues(text, position)
            if resumed is None:
                regions.append((opened, position))  # unclosed: stop at the paragraph end
                opened = None
            else:
                # skip the continuation mark, the quote stays open
                position = resumed + (1 if text.startswith(DOUBLED, resumed) else 0)
        elif char == "'" and text.startswith(DOUBLED, position):
            if opened is None:
                opened = position
            elif text.startswith(DOUBLED, opened):  # only '' closes what '' opened
                regions.append((opened, position + 2))
                opened = None
            position += 1
        elif char in OPENING and opened is None:
            opened = position
        elif char in CLOSING and opened is not None:
            regions.append((opened, position + 1))
            opened = None
        elif char == STRAIGHT:
            if opened is None:
                opened = position
            else:
                regions.append((opened, position + 1))
                opened = None
        position += 1
    if opened is not None:
        regions.append((opened, len(text)))
    return [(start, end) for start, end in regions if end - start > 2]


class QuoteIndex:
    """Look up the quoted region containing a character offset."""

    def __init__(self, regions: list[Region]):
        self.regions = regions
        self.starts = [start for start, _ in regions]

    def containing(self, offset: int) -> Region | None:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0:
            start, end = self.regions[index]
            if start <= offset < end:
                return start, end
        return None

    def quoted_share(self, start: int, end: int) -> float:
        """Share of the characters in [start, end) that lie inside quoted regions."""
        if end <= start:
            return 0.0
        covered = 0
        for region_start, region_end in self.regions:
            if region_end <= start:
                continue
            if region_start >= end:
                break
            covered += min(end, region_end) - max(start, region_start)
        return covered / (end - start)
