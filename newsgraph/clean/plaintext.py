"""Scraped plain-text pages: the headline line and the body."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
_TITLE_MAX_CHARS = 250


def split_title(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Take the first paragraph as the title when it reads like a headline.

    A headline is one short line that does not end like a sentence and is followed by
    more text. Otherwise there is no title and every paragraph is body.
    """
    if len(paragraphs) < 2:
        return None, paragraphs
    first = paragraphs[0]
    if "\n" in first or len(first) > _TITLE_MAX_CHARS or _SENTENCE_END.search(first):
        return None, paragraphs
    return first, paragraphs[1:]
